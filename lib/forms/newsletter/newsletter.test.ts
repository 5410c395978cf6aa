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

  it("the page asks for the confirmation and shows no code; the welcome email carries it, with an unsubscribe line", async () => {
    const page = successDetails(newsletterForm);
    expect(page.headline).toBe("Check your inbox to confirm");
    expect(JSON.stringify(page)).not.toMatch(/LOOM\d+-/);
    expect(newsletterForm.ownEmail).toBe(true);
    const { data, ctx } = emailSample(newsletterForm);
    const { subject, text } = await renderEmail("newsletter-welcome", data, ctx);
    expect(subject).toBe("Your 20% discount code: LOOM20-9XK4TQ2M");
    expect(text).toContain("LOOM20-9XK4TQ2M");
    expect(text).toContain(ctx.unsubscribeUrl);
    expect(text).toContain("until 5 March 2027");
    expect(text).toContain(`${ctx.siteUrl}/emails`);
    expect("unsubscribe" in newsletterForm.email).toBe(true);
  });
});
