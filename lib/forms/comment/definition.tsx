import { siteConfig } from "../../site-config";
import { commentableArticle } from "../../comments/articles";
import { storeComment, submitComment } from "../../comments/submit";
import { summaryRows, text } from "../summary";
import type { PostedFormDefinition } from "../types";
import { COMMENT_CONSENT, commentSchema, type CommentInput } from "./schema";

/**
 * "Leave a reply" under a guide section. Every comment waits for moderation (lib/comments/).
 * The form answers through `accept`: only a commenter who ticked "An advisor may contact me"
 * becomes a lead of this type, and then `afterSave` writes the comment in the lead's
 * transaction; without the box the comment is stored on its own and no lead is made.
 */
export const commentForm = {
  type: "comment" as const,
  label: "Article comment (advisor may contact)",
  consent: COMMENT_CONSENT,
  schema: commentSchema,
  nextSteps: {
    headline: "Thank you for your comment",
    steps: [
      "A moderator reads every comment before it is published, usually within one working day.",
      "We email you when it is published or when someone from our team replies.",
    ],
  },
  summary: (i) =>
    summaryRows([
      ["Name", text(i.name)],
      ["Article", commentableArticle(i.article)?.title ?? text(i.article)],
      ["Website", text(i.homepage)],
      ["Comment", text(i.comment)],
      ["Advisor may contact me", i.advisor ? "Yes" : "No"],
    ]),
  async afterSave({ tx, contact, leadId, input, now }) {
    await storeComment(tx, { contactId: contact.id, input, now, leadId });
    return {};
  },
  accept: {
    answer: {
      headline: "Thank you for your comment",
      nextSteps: [
        "A moderator reads every comment before it is published, usually within one working day.",
        "We email you when it is published or when someone from our team replies. Your email address is never published.",
      ],
    },
    run: ({ deps, input, attribution, ctx, token, now }) => submitComment(deps, { input, attribution, ctx, token, now }),
  },
  email: {
    template: "comment-confirmation" as const,
    subject: () => `Your comment on ${siteConfig.name}: an advisor will be in touch`,
    preview: () => "Thank you for your comment. An advisor will contact you, as you asked.",
    title: "Thank you for your comment",
    intro: "Thank you for commenting on our career guide and for letting an advisor contact you.",
    summaryTitle: "Your comment",
    steps: () => [
      "A moderator reads every comment before it is published; we email you when it is.",
      "An admissions advisor will contact you by email, usually within one working day, as you asked.",
    ],
  },
  example: {
    input: {
      article: "/careers/machine-learning-engineer/salary-and-job-outlook",
      name: "Priya Nair",
      email: "priya.nair@example.com",
      homepage: "https://priya.example.com",
      comment: "Do the salary ranges include bonuses and equity, or only base pay?",
      advisor: true,
      consent: true,
    },
  },
} satisfies PostedFormDefinition<CommentInput>;
