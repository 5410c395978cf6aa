import { describe, expect, it } from "vitest";
import { expectEmailCarriesNextSteps, fieldErrors } from "@/tests/helpers/forms";
import { bookedAnswer, bookingForm } from "./definition";
import { CHOOSE_TIME_MESSAGE } from "./options";
import { attachedBookingSchema, bookingSchema } from "./schema";

const slot = { callType: "admissions-call", startsAt: "2026-12-10T20:00:00.000Z", timeZone: "America/Los_Angeles" };

describe("booking form", () => {
  it("needs the chosen time, a name, an email and consent; the phone, note and program are optional", () => {
    expect(bookingSchema.parse({ ...slot, name: " Ada Park ", email: "Ada@Example.com", phone: "", note: "  ", program: "", consent: "on" })).toEqual({
      ...slot,
      name: "Ada Park",
      email: "ada@example.com",
      consent: true,
    });
    expect(fieldErrors(bookingSchema.safeParse({ callType: "admissions-call", timeZone: "Mars/Olympus" }))).toEqual({
      startsAt: CHOOSE_TIME_MESSAGE,
      timeZone: "Choose your time zone from the list.",
      name: expect.any(String),
      email: expect.any(String),
      consent: "Tick the box so we can email you about your call.",
    });
  });

  it("takes a time only as a UTC instant the picker's links carry", () => {
    const at = (startsAt: unknown) => bookingSchema.safeParse({ ...slot, startsAt, name: "Ada", email: "ada@example.com", consent: true }).success;
    expect(at("2026-12-10T20:00:00.000Z")).toBe(true);
    expect(at("2026-12-10T20:00:00Z")).toBe(true);
    for (const bad of ["2026-12-10T20:00:00+01:00", "2026-12-10 20:00", "2026-02-30T20:00:00Z", "tomorrow", "", 1765396800000, null])
      expect(at(bad), String(bad)).toBe(false);
  });

  it("asks a booking for a form just sent only for the time and the zone, an email optional", () => {
    expect(attachedBookingSchema.parse({ ...slot, for: "cm9x2k7q40001abcd1234efgh.sig", email: "" })).toEqual({
      ...slot,
      for: "cm9x2k7q40001abcd1234efgh.sig",
    });
    expect(fieldErrors(attachedBookingSchema.safeParse({ ...slot, email: "not an address" }))).toEqual({
      for: "This booking link does not work.",
      email: "Enter an email address like name@example.com.",
    });
  });

  it("says the booked call with its advisor, time and zone, and what comes by email", () => {
    const answer = bookedAnswer({
      callTypeName: "Admissions call",
      advisorName: "Dana Whitfield",
      when: "Thursday, December 10, 2026, 12:00 PM to 12:20 PM",
      zone: "Pacific Time (Los Angeles), UTC−08:00",
    });
    expect(answer.headline).toBe("Your call is booked");
    expect(answer.nextSteps[0]).toBe(
      "Admissions call with Dana Whitfield: Thursday, December 10, 2026, 12:00 PM to 12:20 PM, Pacific Time (Los Angeles), UTC−08:00.",
    );
    expect(answer.nextSteps.join(" ")).toMatch(/calendar invite/);
    expect(bookingForm.answer({}).headline).toBe("Your call is booked");
  });

  it("sends no confirmation of its own (the booking's emails carry the invite), and its sample still renders", async () => {
    expect(bookingForm.ownEmail).toBe(true);
    await expectEmailCarriesNextSteps(bookingForm);
    const rows = bookingForm.summary(bookingForm.example.input, bookingForm.example.names);
    expect(rows).toContainEqual({ label: "Time", value: "Thursday, December 10, 2026 at 12:00 PM (Pacific Time (Los Angeles), UTC−08:00)" });
    expect(rows).toContainEqual({ label: "Program", value: "Machine Learning Engineering" });
  });
});
