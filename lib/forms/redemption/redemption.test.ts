import { describe, expect, it } from "vitest";
import { expectEmailCarriesNextSteps, fieldErrors } from "@/tests/helpers/forms";
import { redemptionForm } from "./definition";
import { redemptionSchema } from "./schema";

describe("redemption", () => {
  it("needs at least 100 whole points", () => {
    const base = { email: "r@example.com", reward: "course", consent: "on" };
    expect(fieldErrors(redemptionSchema.safeParse({ ...base, points: "50" }))).toEqual({ points: "Spend at least 100 points." });
    expect(fieldErrors(redemptionSchema.safeParse({ ...base, points: "150.5" }))).toEqual({ points: "Enter a whole number of points." });
    expect(redemptionSchema.parse({ ...base, points: "300" }).points).toBe(300);
  });

  it("answers the form the same way for every address, and files nothing itself", () => {
    expect(redemptionForm.accept.answer.headline).toBe("Check your inbox");
    expect(redemptionForm.accept.answer.nextSteps.join(" ")).toContain("If this address has referral points");
  });

  it("confirms a filed request in the same words as the page that filed it", async () => {
    await expectEmailCarriesNextSteps(redemptionForm);
  });
});
