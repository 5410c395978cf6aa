import { bookForLead } from "../../booking/attach";
import { findSlots } from "../../booking/availability";
import { bookingVisitOf, withVisitAttribution } from "../../booking/visit";
import { publicAction } from "../../actions/client";
import { UTM_KEYS } from "../../attribution-cookies";
import type { FreeSlot } from "../../booking/slots";
import { newSubmissionToken } from "../../leads/codes";
import { formDataToObject } from "../../leads/form-data";
import type { SubmissionDeps } from "../../leads/pipeline";
import { defaultDeps, echoValues, failedFormState, nextToken, runFormAction, unreadableFormState, type FormRequest } from "../../leads/run-form-action";
import type { BookingFormState, SlotChoice } from "./options";
import { nextSlotLinks, pickerHref } from "./picker";

/**
 * The Server Action of /book's confirm step, built with the public action client like every
 * form's. A post with a `for` reference books for the lead a form just made
 * (lib/booking/attach.ts); any other goes through the form pipeline as a "booking" lead, with
 * the attribution of this browser's first view of /book (lib/booking/visit.ts). A time
 * refused on the way comes back with the next free times.
 */
export function bookingFormAction(request: () => Promise<FormRequest>, deps: () => SubmissionDeps = defaultDeps) {
  return publicAction.stateAction<BookingFormState>(
    { name: "booking form", malformed: () => unreadableFormState("booking"), failed: (input, message) => failedFormState("booking", input, message) },
    async ({ previous, formData }) => runBookingAction(previous, formData, await request(), deps()),
  );
}

export async function runBookingAction(
  previous: unknown,
  formData: FormData,
  request: FormRequest & { now?: Date },
  deps: SubmissionDeps,
): Promise<BookingFormState> {
  const raw = formDataToObject(formData);
  const now = request.now ?? new Date();
  const state =
    typeof raw.for === "string" && raw.for.trim() !== ""
      ? await attachedState(previous, raw, request, deps, now)
      : await leadState(previous, formData, raw, request, deps);
  if (state.status !== "error" || !state.fieldErrors?.startsAt || state.nextSlots) return state;
  return { ...state, nextSlots: await nextFreeTimes(deps, raw, now) };
}

/** A booking of its own: the visit's attribution, then the form pipeline (rate limit, token, consent, the lead). */
async function leadState(
  previous: unknown,
  formData: FormData,
  raw: Record<string, unknown>,
  request: FormRequest,
  deps: SubmissionDeps,
): Promise<BookingFormState> {
  const visit = await bookingVisitOf(deps.db, request.firstTouch?.visitorId);
  const merged = withVisitAttribution(raw, request.firstTouch ?? {}, visit);
  for (const key of [...UTM_KEYS, "article", "cta"]) {
    const value = merged.raw[key];
    if (typeof value === "string") formData.set(key, value);
  }
  return runFormAction("booking", previous, formData, { ...request, firstTouch: merged.touch }, deps);
}

async function attachedState(
  previous: unknown,
  raw: Record<string, unknown>,
  request: FormRequest,
  deps: SubmissionDeps,
  now: Date,
): Promise<BookingFormState> {
  const outcome = await bookForLead(deps, raw, { ...request, now });
  const base = { formType: "booking" as const };
  const again = { values: echoValues(raw), submissionToken: nextToken(raw, previous) };
  switch (outcome.kind) {
    case "booked":
      return { ...base, status: "success", success: outcome.success, submissionToken: newSubmissionToken() };
    case "ignored":
      return {
        ...base,
        status: "success",
        success: { headline: "Thank you", nextSteps: ["We have received your message."] },
        submissionToken: newSubmissionToken(),
      };
    case "refused":
      return { ...base, status: "error", message: outcome.message, ...again };
    case "rate_limited": {
      const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
      return {
        ...base,
        status: "error",
        message: `You have tried to book several times in a short while. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        ...again,
      };
    }
    case "invalid": {
      const nextSlots = outcome.nextSlots ? choices(outcome.nextSlots, raw, new Date(String(raw.startsAt)), now) : undefined;
      return {
        ...base,
        status: "error",
        message: "Please correct the highlighted fields.",
        fieldErrors: outcome.fieldErrors,
        ...(nextSlots ? { nextSlots } : {}),
        ...again,
      };
    }
  }
}

/** A posted value to carry into a link: trimmed and bounded (pickerHref encodes it). */
const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, 300) : undefined);
const SLUG = /^[a-z0-9-]{1,80}$/;

/** The free times after the refused one, for the call type and program posted. */
async function nextFreeTimes(deps: SubmissionDeps, raw: Record<string, unknown>, now: Date): Promise<SlotChoice[]> {
  const callTypeSlug = str(raw.callType);
  const program = str(raw.program);
  const found = await findSlots(deps.db, {
    callTypeSlug: callTypeSlug && SLUG.test(callTypeSlug) ? callTypeSlug : undefined,
    programSlug: program && SLUG.test(program) ? program : null,
    now,
  });
  if (!found) return [];
  const asked = new Date(String(raw.startsAt));
  return choices(found.slots, raw, Number.isNaN(asked.getTime()) ? now : asked, now);
}

/** Free times as links to their confirm step, in the posted zone, keeping what the page was opened with. */
function choices(slots: readonly FreeSlot[], raw: Record<string, unknown>, after: Date, now: Date): SlotChoice[] {
  let timeZone = str(raw.timeZone) ?? "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    timeZone = "UTC";
  }
  const keep: Record<string, string | undefined> = { type: str(raw.callType), tz: timeZone, program: str(raw.program), for: str(raw.for) };
  for (const key of [...UTM_KEYS, "article", "cta"]) keep[key] = str(raw[key]);
  return nextSlotLinks(slots, after.getTime() < now.getTime() ? now : after, timeZone, (s, day) =>
    pickerHref("/book", keep, { day, slot: s.startsAt.toISOString() }, "confirm"),
  );
}
