import { siteConfig } from "../../site-config";
import type { BookingEmailData, BookingEmailKind } from "../../booking/email-data";
import type { RenderContext } from "../template-data";
import { EmailLayout, CallToAction, Paragraph, SafeLink, Title } from "./layout";
import { SummaryTable } from "./summary-table";
import { greeting, num, origin, str } from "./values";

/**
 * Every email about a booked call: the confirmation, a new time, a cancellation and the two
 * reminders, to the visitor or to the advisor. Times are shown in the reader's zone, named
 * in words. The confirmation, new time and cancellation carry the calendar invite
 * (lib/booking/ics.ts, attached when the email is rendered); the copy says what it does.
 */

const KINDS: readonly BookingEmailKind[] = ["confirmed", "rescheduled", "cancelled", "reminder-24h", "reminder-1h"];

/** The kind, from data that may be from an older version: an unknown one reads as a confirmation. */
function kindOf(value: unknown): BookingEmailKind {
  return KINDS.find((k) => k === value) ?? "confirmed";
}

/** The stored zone if the runtime knows it, else UTC (what an unknown zone reads as). */
function zoneOf(timeZone: unknown): string {
  if (typeof timeZone !== "string" || timeZone === "" || timeZone.length > 64) return "UTC";
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

const zonePart = (at: Date, timeZone: string, style: "longGeneric" | "long" | "longOffset") =>
  new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: style }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value;

/** "UTC−08:00" (or "UTC+00:00"): the offset in force at that instant, with a real minus sign. */
function utcOffset(at: Date, zone: string): string {
  const gmt = zonePart(at, zone, "longOffset") ?? "GMT";
  return gmt === "GMT" ? "UTC+00:00" : gmt.replace("GMT", "UTC").replace("-", "\u2212");
}

/**
 * The zone's name in words ("Pacific Time", "Coordinated Universal Time"), or null where
 * the runtime only knows an offset ("GMT-10:00" for Etc/GMT+10).
 */
function zoneName(at: Date, zone: string): string | null {
  for (const style of ["longGeneric", "long"] as const) {
    const name = zonePart(at, zone, style);
    if (name && !/^GMT(?:[+-]|$)/.test(name)) return name;
  }
  return null;
}

/**
 * The zone in words at that instant: "Pacific Time (Los Angeles), UTC−08:00". The city tells
 * apart zones with one name; the offset is the one in force then (daylight saving included).
 */
export function zoneInWords(timeZone: string, at: Date): string {
  const zone = zoneOf(timeZone);
  const name = zoneName(at, zone);
  // Etc/GMT+10 and the like name no city (and their sign reads backwards).
  const city = zone.includes("/") && !zone.startsWith("Etc/") ? zone.split("/").pop()!.replace(/_/g, " ") : null;
  const offset = utcOffset(at, zone);
  if (!name) return city ? `${city} time, ${offset}` : offset;
  return `${name}${city ? ` (${city})` : ""}, ${offset}`;
}

function instant(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * When a call is, in the reader's zone: "Thursday, 10 December 2026, 12:00–12:20, Pacific
 * Time (Los Angeles), UTC−08:00". A call that runs past midnight there names both days.
 */
export function bookingWhen(d: { startsAt?: unknown; endsAt?: unknown; timeZone?: unknown }): string {
  const start = instant(d.startsAt);
  const end = instant(d.endsAt);
  if (!start || !end) return "—";
  const zone = zoneOf(d.timeZone);
  const day = new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric" });
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const [startDay, endDay] = [day.format(start), day.format(end)];
  const span =
    startDay === endDay ? `${startDay}, ${time.format(start)}–${time.format(end)}` : `${startDay}, ${time.format(start)} to ${endDay}, ${time.format(end)}`;
  return `${span}, ${zoneInWords(zone, start)}`;
}

/** The start alone, for subjects: "Thursday, 10 December 2026, 12:00 Pacific Time". */
function startInWords(d: BookingEmailData): string {
  const start = instant(d.startsAt);
  if (!start) return "—";
  const zone = zoneOf(d.timeZone);
  const when = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(start);
  return `${when.replace(" at ", ", ")} ${zoneName(start, zone) ?? utcOffset(start, zone)}`;
}

/** The time the call had before it was moved: the same length, from its old start. */
function previousWhen(d: BookingEmailData): string | null {
  const previous = instant(d.previousStartsAt);
  if (!previous) return null;
  const start = instant(d.startsAt);
  const end = instant(d.endsAt);
  const minutes = start && end ? (end.getTime() - start.getTime()) / 60_000 : num(d.durationMinutes, 0);
  return bookingWhen({ startsAt: previous.toISOString(), endsAt: new Date(previous.getTime() + minutes * 60_000).toISOString(), timeZone: d.timeZone });
}

const TITLES: Record<BookingEmailKind, { visitor: string; advisor: string }> = {
  confirmed: { visitor: "Your call is booked", advisor: "New call booked with you" },
  rescheduled: { visitor: "Your call has a new time", advisor: "A call with you has a new time" },
  cancelled: { visitor: "Your call is cancelled", advisor: "A call with you was cancelled" },
  "reminder-24h": { visitor: "Your call is tomorrow", advisor: "Your call is tomorrow" },
  "reminder-1h": { visitor: "Your call starts in one hour", advisor: "Your call starts in one hour" },
};

export function bookingTitle(d: Pick<BookingEmailData, "kind" | "audience">): string {
  const t = TITLES[kindOf(d.kind)];
  return d.audience === "advisor" ? t.advisor : t.visitor;
}

export function bookingSubject(d: BookingEmailData): string {
  return `${bookingTitle(d)}: ${str(d.callTypeName) ?? "call"}, ${startInWords(d)}`;
}

/** What the email says, for its kind and reader. */
function copyFor(d: BookingEmailData): { intro: string; invite: string | null } {
  const call = str(d.callTypeName) ?? "call";
  const advisor = str(d.advisor?.name) ?? "one of our advisors";
  const visitor = str(d.visitor?.name) ?? str(d.visitor?.email) ?? "A visitor";
  const phone = str(d.visitor?.phone);
  if (d.audience === "advisor") {
    switch (kindOf(d.kind)) {
      case "confirmed":
        return { intro: `${visitor} booked a call with you: ${call}.`, invite: "The invite attached to this email adds the call to your calendar." };
      case "rescheduled":
        return { intro: `Your ${call} with ${visitor} has moved to a new time.`, invite: "The invite attached to this email moves it in your calendar." };
      case "cancelled":
        return {
          intro: `Your ${call} with ${visitor} is cancelled. That time is free again.`,
          invite: "The update attached to this email removes the call from your calendar.",
        };
      case "reminder-24h":
        return { intro: `A reminder: your ${call} with ${visitor} is in 24 hours.`, invite: null };
      case "reminder-1h":
        return { intro: `A reminder: your ${call} with ${visitor} starts in one hour.`, invite: null };
    }
  }
  const how = phone ? `${advisor} will call you on ${phone} at that time.` : `${advisor} will be in touch at that time.`;
  switch (kindOf(d.kind)) {
    case "confirmed":
      return {
        intro: `Thanks for booking: your ${call} with ${advisor} is confirmed. ${how}`,
        invite: "The invite attached to this email adds the call to your calendar.",
      };
    case "rescheduled":
      return { intro: `Your ${call} with ${advisor} has moved to a new time. ${how}`, invite: "The invite attached to this email moves it in your calendar." };
    case "cancelled":
      return {
        intro: `Your ${call} with ${advisor} is cancelled.`,
        invite: "The update attached to this email removes the call from your calendar.",
      };
    case "reminder-24h":
      return { intro: `A reminder: your ${call} with ${advisor} is in 24 hours. ${how}`, invite: null };
    case "reminder-1h":
      return { intro: `A reminder: your ${call} with ${advisor} starts in one hour. ${how}`, invite: null };
  }
}

export function BookingEmail({ data, ctx }: { data: BookingEmailData; ctx: RenderContext }) {
  const kind = kindOf(data.kind);
  const forAdvisor = data.audience === "advisor";
  const title = bookingTitle({ kind, audience: data.audience });
  const when = bookingWhen(data);
  const was = kind === "rescheduled" ? previousWhen(data) : null;
  const { intro, invite } = copyFor(data);
  const manageUrl = str(data.manageUrl);
  const bookUrl = `${origin(ctx.siteUrl)}/book`;
  const program = str(data.programName);
  const rows = [
    { label: "Call", value: str(data.callTypeName) ?? "Call" },
    { label: kind === "rescheduled" ? "New time" : "When", value: when },
    ...(was ? [{ label: "Was", value: was }] : []),
    ...(forAdvisor
      ? [
          { label: "With", value: str(data.visitor?.name) ?? "—" },
          { label: "Email", value: str(data.visitor?.email) ?? "—" },
          { label: "Phone", value: str(data.visitor?.phone) ?? "—" },
        ]
      : [{ label: "Advisor", value: str(data.advisor?.name) ?? "An advisor" }]),
    ...(program ? [{ label: "Program", value: program }] : []),
  ];
  const footer = forAdvisor ? (
    <>You get this email because you take calls booked on the {siteConfig.name} site.</>
  ) : (
    <>Questions about your call? Write to {siteConfig.contact.email}.</>
  );
  return (
    <EmailLayout preview={`${title}: ${when}`} ctx={ctx} footerNote={footer}>
      <Title>{title}</Title>
      <Paragraph>{greeting(forAdvisor ? data.advisor?.name : data.visitor?.name)}</Paragraph>
      <Paragraph>{intro}</Paragraph>
      <SummaryTable rows={rows} />
      {invite ? <Paragraph>{invite}</Paragraph> : null}
      {forAdvisor && kind !== "cancelled" && data.summary?.length ? (
        <>
          <Paragraph>What they sent us:</Paragraph>
          <SummaryTable rows={data.summary} />
        </>
      ) : null}
      {forAdvisor ? <CallToAction href={data.leadUrl}>Open the lead</CallToAction> : null}
      {!forAdvisor && kind !== "cancelled" && manageUrl ? (
        <>
          <CallToAction href={manageUrl}>Reschedule or cancel</CallToAction>
          <Paragraph>
            Can&apos;t make it? This button lets you pick another time or cancel. It works for you alone, so please don&apos;t forward this email.
            {kind === "rescheduled" ? " The links in earlier emails about this call no longer work." : ""}
          </Paragraph>
        </>
      ) : null}
      {!forAdvisor && kind === "cancelled" ? (
        <Paragraph>
          Want to talk after all? <SafeLink href={bookUrl}>Book a new time</SafeLink> whenever suits you.
        </Paragraph>
      ) : null}
    </EmailLayout>
  );
}
