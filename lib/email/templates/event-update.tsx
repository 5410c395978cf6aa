import { siteConfig } from "../../site-config";
import { rsvpFrom, RsvpBlock } from "../../events/email-parts";
import type { EventUpdateData, RenderContext } from "../template-data";
import { EmailLayout, Paragraph, Title } from "./layout";
import { greeting, str, subjectPart } from "./values";

/** What each email about a seat says, after the confirmation. */
export const EVENT_UPDATE_COPY = {
  promoted: { title: "A seat freed up: it is yours", intro: "Good news: someone cancelled, and you were next on the waitlist. You now have a seat." },
  "reminder-24h": { title: "Your event is tomorrow", intro: "A reminder: the event you have a seat at starts in 24 hours." },
  "reminder-1h": { title: "Your event starts in one hour", intro: "A reminder: the event you have a seat at starts in one hour." },
} as const;

export function eventUpdateCopy(kind: unknown) {
  return EVENT_UPDATE_COPY[kind === "promoted" || kind === "reminder-1h" ? kind : "reminder-24h"];
}

export function eventUpdateSubject(d: EventUpdateData): string {
  const title = subjectPart(rsvpFrom(d.rsvp)?.eventTitle) ?? "your event";
  if (d.kind === "promoted") return `You have a seat: ${title}`;
  return d.kind === "reminder-1h" ? `Starting in one hour: ${title}` : `Tomorrow: ${title}`;
}

export function EventUpdateEmail({ data, ctx }: { data: EventUpdateData; ctx: RenderContext }) {
  const copy = eventUpdateCopy(data.kind);
  const rsvp = rsvpFrom(data.rsvp);
  return (
    <EmailLayout preview={copy.intro} ctx={ctx} footerNote={<>Questions about the event? Write to {siteConfig.contact.email}.</>}>
      <Title>{copy.title}</Title>
      <Paragraph>{greeting(str(data.name))}</Paragraph>
      <Paragraph>{copy.intro}</Paragraph>
      {rsvp ? <RsvpBlock rsvp={rsvp} /> : null}
    </EmailLayout>
  );
}
