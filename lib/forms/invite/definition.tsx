import { siteConfig } from "../../site-config";
import { summaryRows, text } from "../summary";
import type { FormDefinition } from "../types";

export type InviteInput = { name: string | null; email: string; referrerName?: string | null };

/**
 * A referred friend pressed "Yes, I am interested" on the page their invitation links to
 * (lib/referrals/confirm-interest.ts). No form is posted: the button is the whole form.
 */
export const inviteForm = {
  type: "invite" as const,
  label: "Referred friend: interested",
  consent: "invite",
  nextSteps: {
    headline: "Thanks for your interest",
    steps: [
      "An advisor will email you within two working days with details of our programs and the next start dates.",
      "If you would rather talk it through, reply to this email with a good time to call.",
      "Not interested after all? Reply and say so, and we will not email you again.",
    ],
  },
  summary: (i) =>
    summaryRows([
      ["Name", text(i.name)],
      ["Email", text(i.email)],
      ["Invited by", text(i.referrerName)],
    ]),
  email: {
    template: "invite-confirmation" as const,
    subject: () => `Thanks for your interest in ${siteConfig.name}`,
    preview: () => "Thanks for your interest. An advisor will email you details of our programs and upcoming cohorts.",
    title: "Thanks for your interest",
    intro: "Thank you for letting us know you would like to hear more.",
    summaryTitle: "Your details",
  },
  example: { input: { name: "Sam Carter", email: "sam.carter@example.com", referrerName: "Rita Moreno" } },
} satisfies FormDefinition<InviteInput>;
