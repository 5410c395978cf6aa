import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render";
import { expectEmailCarriesNextSteps, fieldErrors } from "@/tests/helpers/forms";
import { emailSample } from "../types";
import { eventForm } from "./definition";
import { eventSchema } from "./schema";

describe("event RSVP form", () => {
  it("needs the event, a name, an email and consent", () => {
    expect(eventSchema.parse({ eventSlug: "open-house", name: " Ada Park ", email: "Ada@Example.com", consent: "on" })).toEqual({
      eventSlug: "open-house",
      name: "Ada Park",
      email: "ada@example.com",
      consent: true,
    });
    expect(fieldErrors(eventSchema.safeParse({ eventSlug: "Bad Slug!" }))).toEqual({
      eventSlug: "Choose an option from the list.",
      name: expect.any(String),
      email: expect.any(String),
      consent: "Tick the box so we can email you about this event.",
    });
  });

  it("answers seat or waitlist from whether a seat was free, and says the waitlist plainly", () => {
    const rsvp = eventForm.example.extras.rsvp;
    expect(eventForm.answer({ rsvp: { ...rsvp, seatWasFree: true } }).headline).toBe("Your seat is reserved");
    const full = eventForm.answer({ rsvp: { ...rsvp, status: "going", seatWasFree: false } });
    expect(full.headline).toBe("This event is full: you are on the waitlist");
    expect(full.nextSteps.join(" ")).toMatch(/do not have a seat yet/);
  });

  it("confirms a seat with the calendar file and the cancel link, and a waitlist place without them", async () => {
    await expectEmailCarriesNextSteps(eventForm);
    const { data, ctx } = emailSample(eventForm);
    const seat = await renderEmail("event-confirmation", data, ctx);
    expect(seat.subject).toBe("Your seat: Info session: Full-stack web development");
    expect(seat.text).toContain("You have a seat.");
    expect(seat.text).toContain("/calendar.ics");
    expect(seat.text).toContain("Cancel my seat");

    const waitlisted = { ...data, rsvp: { ...data.rsvp!, status: "waitlisted" as const, calendarUrl: null, onlineUrl: null } };
    const wait = await renderEmail("event-confirmation", waitlisted, ctx);
    expect(wait.subject).toBe("You are on the waitlist: Info session: Full-stack web development");
    expect(wait.text).toContain("You are on the waitlist: the event is full.");
    expect(wait.text).not.toContain("calendar.ics");
    expect(wait.text).not.toContain("meet.example.com");
    expect(wait.text).toContain("Leave the waitlist");
  });
});
