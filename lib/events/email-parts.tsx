import { Section, Text } from "@react-email/components";
import type { EventRsvpDetails } from "../email/template-data";
import { SafeLink, Subtitle } from "../email/templates/layout";
import { s } from "../email/templates/styles";
import { SummaryTable } from "../email/templates/summary-table";
import { str, url } from "../email/templates/values";

/** Reads stored RSVP details defensively (the JSON may be from an older version). */
export function rsvpFrom(value: unknown): EventRsvpDetails | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const title = str(v.eventTitle);
  if (!title) return null;
  return {
    status: v.status === "going" ? "going" : "waitlisted",
    already: v.already === true,
    eventTitle: title,
    when: str(v.when) ?? "",
    where: str(v.where) ?? "",
    onlineUrl: url(v.onlineUrl),
    eventUrl: url(v.eventUrl) ?? "",
    manageUrl: url(v.manageUrl) ?? "",
    calendarUrl: url(v.calendarUrl),
  };
}

/** The event, the person's place, the calendar file and the cancel link: every RSVP email has it. */
export function RsvpBlock({ rsvp }: { rsvp: EventRsvpDetails }) {
  const going = rsvp.status === "going";
  return (
    <>
      <Section style={s.box}>
        <Text style={{ ...s.p, fontWeight: 700, margin: "0 0 6px" }}>{going ? "You have a seat." : "You are on the waitlist: the event is full."}</Text>
        <Text style={{ ...s.small, margin: 0 }}>
          {going
            ? "Your seat is held for you. If you cannot come, please cancel so someone on the waitlist can take it."
            : "If a seat frees up, it goes to the next person on the waitlist, and we email you at once if it is yours."}
        </Text>
      </Section>
      <Subtitle>The event</Subtitle>
      <SummaryTable
        rows={[
          { label: "Event", value: rsvp.eventTitle },
          { label: "When", value: rsvp.when },
          { label: "Where", value: rsvp.where },
        ]}
      />
      {going && rsvp.onlineUrl ? (
        <Text style={s.p}>
          Joining link: <SafeLink href={rsvp.onlineUrl}>{rsvp.onlineUrl}</SafeLink>
        </Text>
      ) : null}
      {going && rsvp.calendarUrl ? (
        <Text style={s.p}>
          <SafeLink href={rsvp.calendarUrl}>Add it to your calendar (.ics file)</SafeLink>
        </Text>
      ) : null}
      <Text style={s.p}>
        <SafeLink href={rsvp.eventUrl}>The event page</SafeLink> · <SafeLink href={rsvp.manageUrl}>{going ? "Cancel my seat" : "Leave the waitlist"}</SafeLink>
      </Text>
    </>
  );
}
