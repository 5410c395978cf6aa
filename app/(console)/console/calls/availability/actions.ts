"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import type { StaffMember, StateInput } from "@/lib/actions/client";
import { can } from "@/lib/auth/roles";
import {
  addDateOff,
  availabilityValues,
  becomeAdvisor,
  canEditAvailability,
  formatDateOff,
  removeDateOff,
  saveAvailability,
  type AvailabilityOutcome,
} from "@/lib/console/availability";
import { formValues } from "@/lib/console/programs";
import { db } from "@/lib/db";
import { FORBIDDEN_MESSAGE } from "@/lib/actions/client";
import { consoleFormAnswers } from "../../form-answers";
import { FIX_FIELDS, type ConsoleFormState } from "../../programs/form-state";

/**
 * "My availability": staffAction checks the session and "calls:take" before each body runs.
 * The post names whose availability it changes (userId); anyone else's than one's own also
 * needs "calls:assign" (admins), checked here on the server. lib/console/availability.ts
 * validates the rest.
 */

const PAGE = "/console/calls/availability";

/** The staff member the post is about: a well-formed id, or the caller. */
function targetOf(formData: FormData, staff: StaffMember): string {
  const v = formData.get("userId");
  return typeof v === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? v : staff.id;
}

const pageOf = (userId: string, staff: StaffMember) => (userId === staff.id ? PAGE : `${PAGE}?user=${encodeURIComponent(userId)}`);
const returnTo = ({ formData }: StateInput) => {
  const v = formData.get("userId");
  return typeof v === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? `${PAGE}?user=${v}` : PAGE;
};

const allowed = (staff: StaffMember, userId: string) => canEditAvailability({ id: staff.id, canAssign: can(staff.role, "calls:assign") }, userId);
const refused: ConsoleFormState = { status: "error", message: FORBIDDEN_MESSAGE, fieldErrors: {}, values: {} };

function failed(outcome: Extract<AvailabilityOutcome, { ok: false }>, values: Record<string, string>): ConsoleFormState {
  return { status: "error", message: outcome.message ?? FIX_FIELDS, fieldErrors: outcome.fieldErrors, values };
}

const callsTake = staffAction("calls:take");

/** Creates the Advisor row (with the zone chosen), then shows the full editor. */
export const becomeAdvisorAction = callsTake.stateAction(consoleFormAnswers("becomeAdvisorAction", returnTo), async ({ formData, staff }) => {
  const userId = targetOf(formData, staff);
  if (!allowed(staff, userId)) return refused;
  const outcome = await becomeAdvisor(db(), { userId, timeZone: formData.get("timeZone") });
  if (!outcome.ok) return failed(outcome, formValues(formData, ["timeZone"]));
  const page = pageOf(userId, staff);
  redirect(`${page}${page.includes("?") ? "&" : "?"}saved=advisor`);
});

/** Zone, weekly hours, call types and rules. Booked calls are left as they are. */
export const saveAvailabilityAction = callsTake.stateAction(
  consoleFormAnswers("saveAvailabilityAction", returnTo),
  async ({ formData, staff }): Promise<ConsoleFormState> => {
    const userId = targetOf(formData, staff);
    if (!allowed(staff, userId)) return refused;
    const values = availabilityValues(formData);
    const outcome = await saveAvailability(db(), userId, values);
    if (!outcome.ok) return failed(outcome, values);
    revalidatePath(PAGE);
    return { status: "success", message: "Availability saved. Calls already booked keep their time." };
  },
);

export const addDateOffAction = callsTake.stateAction(
  consoleFormAnswers("addDateOffAction", returnTo),
  async ({ formData, staff }): Promise<ConsoleFormState> => {
    const userId = targetOf(formData, staff);
    if (!allowed(staff, userId)) return refused;
    const values = formValues(formData, ["date", "note"]);
    const outcome = await addDateOff(db(), { userId, date: values.date, note: values.note, now: new Date() });
    if (!outcome.ok) return failed(outcome, values);
    revalidatePath(PAGE);
    return { status: "success", message: `${formatDateOff(values.date.trim())} is a day off.` };
  },
);

/** One button per date off; no JavaScript needed. */
export const removeDateOffAction = callsTake.formAction(
  {
    name: "removeDateOffAction",
    malformed: () => redirect(`${PAGE}?error=invalid`),
    returnTo: ({ formData }) => returnTo({ formData, previous: undefined }),
    forbidden: () => redirect(`${PAGE}?error=forbidden`),
  },
  async ({ formData, staff }) => {
    const userId = targetOf(formData, staff);
    const page = pageOf(userId, staff);
    const join = page.includes("?") ? "&" : "?";
    if (!allowed(staff, userId)) redirect(`${page}${join}error=forbidden`);
    const date = formData.get("date");
    const ok = typeof date === "string" && (await removeDateOff(db(), { userId, date }));
    redirect(`${page}${join}${ok ? "saved=day-back" : "error=invalid"}#dates-off`);
  },
);
