import { describe, expect, it } from "vitest";
import { expectEmailCarriesNextSteps, fieldErrors } from "@/tests/helpers/forms";
import { redemptionForm } from "./definition";
import { redemptionSchema } from "./schema";

describe("redemption", () => {
  it("asks for a catalogue reward by id, never for a number of points", () => {
    const base = { email: "r@example.com", consent: "on" };
    expect(fieldErrors(redemptionSchema.safeParse(base))).toEqual({ reward: "Choose a reward from the list." });
    expect(fieldErrors(redemptionSchema.safeParse({ ...base, reward: "laptop; drop table" }))).toEqual({ reward: "Choose a reward from the list." });
    // Points a browser posts are dropped: the price is the catalogue's.
    expect(redemptionSchema.parse({ ...base, reward: "cmreward01", points: "1" })).toEqual({ email: "r@example.com", reward: "cmreward01", consent: true });
  });

  it("summarises the reward by the name and price the server added", () => {
    const rows = redemptionForm.summary({ email: "r@example.com", reward: "x1", consent: true, rewardName: "Refurbished laptop", points: 2000 } as never);
    expect(rows).toContainEqual({ label: "Reward", value: "Refurbished laptop" });
    expect(rows).toContainEqual({ label: "Points", value: "2,000" });
  });

  it("answers the form the same way for every address, and files nothing itself", () => {
    expect(redemptionForm.accept.answer.headline).toBe("Check your inbox");
    expect(redemptionForm.accept.answer.nextSteps.join(" ")).toContain("If this address has referral points");
  });

  it("confirms a filed request in the same words as the page that filed it", async () => {
    await expectEmailCarriesNextSteps(redemptionForm);
  });
});
