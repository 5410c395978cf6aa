import { siteConfig } from "../../site-config";
import type { BookingEmailData } from "../../booking/email-data";
import type { RenderContext } from "../template-data";
import { EmailLayout, CallToAction, Paragraph, Title } from "./layout";
import { SummaryTable } from "./summary-table";
import { greeting, str } from "./values";

/** The call's time in the reader's zone, in words: "Thursday, 10 December 2026, 14:00–14:20 (Central Time)". */
export function bookingWhen(d: Pick<BookingEmailData, "startsAt" | "endsAt" | "timeZone">): string {
  const start = new Date(d.startsAt);
  const end = new Date(d.endsAt);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return "—";
  let zone = "UTC";
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: d.timeZone });
    zone = d.timeZone;
  } catch {
    /* an unknown stored zone reads as UTC */
  }
  const day = new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(start);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const name =
    new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longGeneric" }).formatToParts(start).find((p) => p.type === "timeZoneName")?.value ??
    zone;
  return `${day}, ${time.format(start)}–${time.format(end)} (${name})`;
}

const TITLES: Record<BookingEmailData["kind"], { visitor: string; advisor: string }> = {
  confirmed: { visitor: "Your call is booked", advisor: "New call booked with you" },
  rescheduled: { visitor: "Your call has a new time", advisor: "A call with you has a new time" },
  cancelled: { visitor: "Your call is cancelled", advisor: "A call with you was cancelled" },
  "reminder-24h": { visitor: "Your call is tomorrow", advisor: "Your call is tomorrow" },
  "reminder-1h": { visitor: "Your call starts in one hour", advisor: "Your call starts in one hour" },
};

export function bookingTitle(d: Pick<BookingEmailData, "kind" | "audience">): string {
  const t = TITLES[d.kind] ?? TITLES.confirmed;
  return d.audience === "advisor" ? t.advisor : t.visitor;
}

export function bookingSubject(d: BookingEmailData): string {
  return `${bookingTitle(d)}: ${str(d.callTypeName) ?? "call"}, ${bookingWhen(d)}`;
}

export function BookingEmail({ data, ctx }: { data: BookingEmailData; ctx: RenderContext }) {
  const title = bookingTitle(data);
  const forAdvisor = data.audience === "advisor";
  const manageUrl = str(data.manageUrl);
  const leadUrl = str(data.leadUrl);
  return (
    <EmailLayout preview={`${title}: ${bookingWhen(data)}`} ctx={ctx} footerNote={<>Questions about your call? Write to {siteConfig.contact.email}.</>}>
      <Title>{title}</Title>
      <Paragraph>{greeting(forAdvisor ? str(data.advisor?.name) : str(data.visitor?.name))}</Paragraph>
      <SummaryTable
        rows={[
          { label: "Call", value: str(data.callTypeName) ?? "Call" },
          { label: "When", value: bookingWhen(data) },
          ...(data.previousStartsAt ? [{ label: "Was", value: bookingWhen({ ...data, startsAt: data.previousStartsAt, endsAt: data.previousStartsAt }) }] : []),
          ...(forAdvisor
            ? [
                { label: "With", value: str(data.visitor?.name) ?? str(data.visitor?.email) ?? "—" },
                { label: "Email", value: str(data.visitor?.email) ?? "—" },
                { label: "Phone", value: str(data.visitor?.phone) ?? "—" },
              ]
            : [{ label: "Advisor", value: str(data.advisor?.name) ?? "An advisor" }]),
          ...(str(data.programName) ? [{ label: "Program", value: str(data.programName)! }] : []),
        ]}
      />
      {forAdvisor && data.summary?.length ? (
        <>
          <Paragraph>What they sent us:</Paragraph>
          <SummaryTable rows={data.summary} />
        </>
      ) : null}
      {!forAdvisor && manageUrl && data.kind !== "cancelled" ? <CallToAction href={manageUrl}>Reschedule or cancel</CallToAction> : null}
      {forAdvisor && leadUrl ? <CallToAction href={leadUrl}>Open the lead</CallToAction> : null}
    </EmailLayout>
  );
}
