import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render";
import { fieldErrors } from "@/tests/helpers/forms";
import { emailSample, successDetails } from "../types";
import { referralForm } from "./definition";
import { referralSchema } from "./schema";

const friend = (n: number) => ({ name: `Friend ${n}`, email: `f${n}@example.com`, note: "" });

describe("referral", () => {
  it("ignores empty friend rows, and refuses yourself or the same friend twice", () => {
    const base = { name: "Rita", email: "rita@example.com", consent: "on" };
    expect(referralSchema.parse({ ...base, friends: [friend(1), { name: "", email: "", note: "" }] }).friends).toHaveLength(1);
    expect(fieldErrors(referralSchema.safeParse({ ...base, friends: [{ name: "Me", email: "RITA@example.com" }, friend(2), friend(2)] }))).toEqual({
      "friends.0.email": "That is your own address. Refer someone else.",
      "friends.2.email": "You already listed this friend.",
    });
    expect(fieldErrors(referralSchema.safeParse({ ...base, friends: Array.from({ length: 11 }, (_, i) => friend(i)) }))).toEqual({
      friends: "You can refer up to 10 friends at a time. Send the rest in another form.",
    });
  });

  it("puts the link and points in the referrer's email only, saying they are pending", async () => {
    expect(JSON.stringify(successDetails(referralForm))).not.toMatch(/\/r\//);
    const { data, ctx } = emailSample(referralForm);
    const { text } = await renderEmail("referral-confirmation", data, ctx);
    expect(text).toContain("http://localhost:3000/r/K7QW3MZP");
    expect(text).toContain("200 pending points");
    expect(text).toContain("Pending points cannot be spent yet");
    for (const step of referralForm.nextSteps.steps) expect(text.replace(/\s+/g, " ")).toContain(step);
  });
});
