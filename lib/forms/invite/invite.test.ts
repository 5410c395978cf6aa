import { describe, expect, it } from "vitest";
import { expectEmailCarriesNextSteps } from "@/tests/helpers/forms";
import { inviteForm } from "./definition";

describe("a referred friend's yes (invite)", () => {
  it("summarises who they are and who invited them, leaving out what is unknown", () => {
    expect(inviteForm.summary({ name: null, email: "sam@example.com", referrerName: "Rita" })).toEqual([
      { label: "Email", value: "sam@example.com" },
      { label: "Invited by", value: "Rita" },
    ]);
  });

  it("confirms in the same words the page uses", async () => {
    await expectEmailCarriesNextSteps(inviteForm);
  });
});
