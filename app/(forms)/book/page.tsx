import { AsideBox, ContactBox, FormCard, FormPage } from "@/components/forms/form-page";
import { attributionFrom, formPermalink, type SearchParams } from "@/components/forms/page-data";
import { db } from "@/lib/db";
import { BookingForm } from "@/lib/forms/booking/form";
import { loadBookPage } from "@/lib/forms/booking/page-data";
import { bookingVisitLimiter, recordBookingVisit, visitAttribution, type VisitLimiter } from "@/lib/booking/visit";
import { initialFormState } from "@/lib/leads/initial-state";
import { limiterStore } from "@/lib/rate-limit";
import { formRequest } from "../form-request";
import { pageMetadata } from "../page-metadata";
import { submitBooking } from "../actions";
import { CallTypeChoice, DaysCard, TimesCard, ZoneCard } from "./picker-parts";

// The free times are read on every request, and the confirm form carries a fresh submission token.
export const dynamic = "force-dynamic";

export const metadata = pageMetadata({
  title: "Book a call with an admissions advisor",
  description:
    "Book a free call with a Loomstack Academy admissions advisor: choose a day and a time that suit you, shown in your own time zone, and get a calendar invite by email.",
  path: "/book",
});

const globalForVisits = globalThis as unknown as { __loomstackBookingVisits?: VisitLimiter };

/** The first view of /book by this browser keeps its attribution; a fault there never stops the page. */
async function recordVisit(params: SearchParams, carry: Record<string, string | undefined>, now: Date) {
  try {
    const request = await formRequest();
    globalForVisits.__loomstackBookingVisits ??= bookingVisitLimiter(limiterStore());
    const here = formPermalink("/book", params, "").replace(/#$/, "");
    await recordBookingVisit(db(), {
      visitorId: request.firstTouch?.visitorId,
      ip: request.ip,
      attribution: visitAttribution(carry, request.firstTouch ?? {}, here),
      now,
      limiter: globalForVisits.__loomstackBookingVisits,
    });
  } catch (error) {
    console.error("[book] could not record the booking page visit", error);
  }
}

/**
 * /book: a day, then a time, then the confirm form, each step a plain link (JavaScript off
 * works the same). Times are in the visitor's zone: the URL's `tz`, set by the browser when
 * JavaScript runs, else the advisors' zone, said so on the page.
 */
export default async function BookPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const now = new Date();
  const carry = attributionFrom(params);
  await recordVisit(params, carry, now);
  const page = await loadBookPage(db(), { params, carry, now });

  const intro =
    "Choose a day and a time for a free call with an admissions advisor, in your own time zone. We email you a calendar invite, with a link to reschedule or cancel.";
  if (!page.open) {
    return (
      <FormPage path="/book" crumb="Book a call" eyebrow="Talk to an advisor" title="Book a call" intro={intro}>
        <FormCard id="days" title="No calls to book right now">
          <p className="leading-7">
            Calls cannot be booked online at the moment.{" "}
            <a href="/call-back" className="font-semibold text-brand underline underline-offset-2">
              Ask us to call you back
            </a>{" "}
            and we will find a time with you.
          </p>
        </FormCard>
      </FormPage>
    );
  }

  const { picker, callType, attached, query } = page;
  const hidden = { ...carry, type: query.type, program: query.program, for: query.for, day: query.slot ? undefined : query.day, slot: query.slot };
  const aside = (
    <div className="space-y-6">
      <AsideBox id="call-details" title={callType.name}>
        <p className="mt-2 leading-7 text-ink/85">{callType.durationMinutes} minutes, free.</p>
        {callType.description && <p className="mt-2 leading-7 text-ink/85">{callType.description}</p>}
      </AsideBox>
      <ContactBox />
    </div>
  );
  return (
    <FormPage path="/book" crumb="Book a call" eyebrow="Talk to an advisor" title="Book a call" intro={intro} aside={aside}>
      {attached && (
        <p className="rounded-2xl border border-brand/25 bg-white p-5 text-lg font-semibold leading-7 shadow-sm">
          Booking for {attached.name ?? "your request"}
        </p>
      )}
      {page.refusal && (
        <p role="alert" className="rounded-2xl border-2 border-red-700 bg-red-50 p-5 font-semibold leading-7">
          {page.refusal}
        </p>
      )}
      <ZoneCard picker={picker} path="/book" hidden={hidden} />
      <DaysCard
        picker={picker}
        before={
          <>
            {page.typeNotice && <p className="mb-4 leading-7">{page.typeNotice}</p>}
            <CallTypeChoice types={page.callTypes} />
          </>
        }
      />
      <TimesCard picker={picker} />
      {picker.slot && picker.day && (
        <FormCard id="confirm" title="3. Confirm">
          <BookingForm
            action={submitBooking}
            initialState={initialFormState("booking")}
            attribution={carry}
            path="/book"
            permalink={formPermalink("/book", params, "confirm")}
            slot={{
              callType: callType.slug,
              startsAt: picker.slot.startsAt,
              timeZone: picker.timeZone,
              program: query.program,
              when: picker.slot.when,
              zoneText: picker.zoneText,
              changeHref: picker.timesHref ?? picker.daysHref,
              free: picker.slot.free,
              alternatives: picker.slot.alternatives,
            }}
            attached={attached ? { ref: attached.ref, needsEmail: attached.needsEmail } : undefined}
          />
        </FormCard>
      )}
    </FormPage>
  );
}
