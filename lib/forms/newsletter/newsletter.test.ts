import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render";
import { fieldErrors } from "@/tests/helpers/forms";
import { emailSample, successDetails } from "../types";
import { newsletterForm } from "./definition";
import { newsletterSchema } from "./schema";

describe("newsletter", () => {
  it("needs an email and consent; the name is optional", () => {
    expect(newsletterSchema.parse({ email: "A@B.example", consent: "on" })).toEqual({ email: "a@b.example", name: undefined, consent: true });
    expect(fieldErrors(newsletterSchema.safeParse({ email: "nope" }))).toEqual({
      email: "Enter an email address like name@example.com.",
      consent: "Tick the box to subscribe.",
    });
  });

  it("never puts the code on the page; the welcome email carries it, with an unsubscribe line", async () => {
    expect(JSON.stringify(successDetails(newsletterForm))).not.toMatch(/LOOM20-/);
    const { data, ctx } = emailSample(newsletterForm);
    const { subject, text } = await renderEmail("newsletter-welcome", data, ctx);
    expect(subject).toBe("Your 20% discount code: LOOM20-9XK4TQ2M");
    expect(text).toContain("LOOM20-9XK4TQ2M");
    expect(text).toContain(ctx.unsubscribeUrl);
    expect("unsubscribe" in newsletterForm.email).toBe(true);
  });
});
