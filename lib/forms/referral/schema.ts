import { z } from "zod/mini";
import { consentBox, emailField, LIMITS, nameField, optionalText, preprocess } from "../fields";

export { REFERRAL_CONSENT } from "./options";

export const friendSchema = z.object({
  name: nameField,
  email: emailField,
  note: optionalText("the note", LIMITS.note, { multiline: true }),
});

/** A friend row the person left completely empty is ignored, not an error. */
export const isBlankFriend = (f: unknown) =>
  typeof f === "object" && f !== null && Object.values(f).every((v) => v === undefined || (typeof v === "string" && v.trim() === ""));

/** The referral form (/refer): the referrer and 1–10 friends. Browser-safe. */
export const referralSchema = z
  .object({
    name: nameField,
    email: emailField,
    friends: preprocess(
      (v) => (Array.isArray(v) ? v.filter((f) => !isBlankFriend(f)) : v),
      z
        .array(friendSchema, { error: "Add at least one friend." })
        .check(
          z.minLength(1, "Add at least one friend."),
          z.maxLength(LIMITS.friends, `You can refer up to ${LIMITS.friends} friends at a time. Send the rest in another form.`),
        ),
    ),
    consent: consentBox("Tick the box to confirm your friends agreed to hear from us."),
  })
  .check(
    z.superRefine((v, ctx) => {
      const seen = new Set<string>();
      v.friends.forEach((f, i) => {
        if (f.email === v.email) {
          ctx.addIssue({ code: "custom", path: ["friends", i, "email"], message: "That is your own address. Refer someone else." });
        } else if (seen.has(f.email)) {
          ctx.addIssue({ code: "custom", path: ["friends", i, "email"], message: "You already listed this friend." });
        }
        seen.add(f.email);
      });
    }),
  );

export type ReferralInput = z.infer<typeof referralSchema>;
