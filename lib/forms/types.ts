import type { ComponentType, ReactNode } from "react";
import type { z } from "zod/mini";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import type { ConfirmationEmailData, RenderContext, SummaryRow } from "../email/template-data";
import type { ConsentKey } from "../leads/consent";
import type { ContactRow } from "../leads/contacts";
import type { SuccessDetails } from "../leads/form-state";
import type { SubmissionContext, SubmissionDeps, SubmitOutcome } from "../leads/pipeline";
import type { Attribution } from "./fields";

/**
 * Everything the shared pipeline (lib/leads/submit.ts, save.ts) and the emails need to know
 * about one form. Each form writes it once, in lib/forms/<form>/definition.tsx, and the
 * registry (lib/forms/registry.ts) lists the definitions.
 */

/** Display names the database knows, for summaries: program names by slug, the chosen cohort. */
export type SummaryNames = { programs?: Map<string, string>; cohort?: string };

export type Tx = Prisma.TransactionClient;

/** What a hook after the save may add to the person's confirmation email, or to the page's answer. */
export type ConfirmationExtras = Partial<
  Pick<ConfirmationEmailData, "discountCode" | "discountPercent" | "discountExpiresAt" | "points" | "syllabus" | "rsvp">
> & {
  /** The call a booking just booked, for the page's answer (lib/forms/booking). */
  bookedCall?: BookedCall;
};

/** A booked call as the page that booked it says it: in the visitor's zone, in words. */
export type BookedCall = { callTypeName: string; advisorName: string; when: string; zone: string };

export type AfterSaveArgs<Input> = {
  tx: Tx;
  deps: SubmissionDeps;
  contact: ContactRow;
  leadId: string;
  input: Input;
  now: Date;
  /** The same person sent this form again inside the update window: no confirmation is queued for it. */
  revision?: boolean;
  /** Who sent it: the client's address, the attribution cookies and the browser id. */
  ctx?: SubmissionContext;
};

export type FormEmail = {
  /** The outbox template name (stored with each message; never rename one in use). */
  template: string;
  subject: (data: ConfirmationEmailData) => string;
  preview: (data: ConfirmationEmailData) => string;
  title: string;
  intro: string;
  summaryTitle?: string;
  /** Marketing emails carry a one-click unsubscribe. */
  unsubscribe?: { prompt: string; action: string };
  /** The form's own part of the email (a discount code, points), between the steps and the summary. */
  Extra?: ComponentType<{ data: ConfirmationEmailData; ctx: RenderContext }>;
  /** Steps shown in the email instead of the page's, when the email knows more (say, a code below). */
  steps?: (data: ConfirmationEmailData) => ReactNode[];
};

/**
 * A realistic filled-in form: the email preview page and the tests build the sample
 * confirmation from it (through the form's own summary), so the sample cannot drift.
 */
export type FormExample<Input> = {
  input: Input;
  /** The greeting's name, when the form has no name field. */
  name?: string;
  names?: SummaryNames;
  /** What the form's hook would add (a discount code, points). */
  extras?: ConfirmationExtras;
  /** For marketing emails: the unsubscribe link the dispatcher adds. */
  unsubscribeUrl?: string;
};

export type FormDefinition<Input = Record<string, unknown>> = {
  type: string;
  /** "Pricing quote request": the console, staff emails and exports. */
  label: string;
  consent: ConsentKey;
  /** What the person is told happens next: the success panel, and (the steps) the confirmation email. */
  nextSteps: {
    headline: string;
    /** Shown on the page only, first: "We have emailed you a copy ...". */
    receipt?: string;
    steps: string[];
  };
  /** "What you sent us", labelled and readable, for the confirmation and the staff notification. */
  summary(input: Input, names: SummaryNames): SummaryRow[];
  /** Lead columns staff filter on, besides name, email and phone. */
  columns?(input: Input): { programSlug?: string | null; cohortId?: string | null };
  /**
   * Every program the submission names (LeadProgram rows, the inbox's program filter); by
   * default the one in `columns`. A quote request names each course ticked.
   */
  programs?(input: Input): string[];
  /** Checks against the database (a program that exists, an open cohort); throw FieldError. */
  check?(db: Db, input: Input, now: Date): Promise<{ cohort?: string }>;
  /**
   * A code typed on the form (/apply's "Discount or referral code"), checked inside the save's
   * transaction: a discount code is stored on the lead, a referral code counts as the
   * /r/<code> link. Throws FieldError to refuse the submission.
   */
  code?(tx: Tx, input: Input, now: Date): Promise<{ discountCodeId?: string; referralCode?: string }>;
  /**
   * The form's hook queues the person's email itself (the newsletter's double opt-in sends a
   * confirmation link, at most one an hour): the shared save queues no confirmation for it.
   */
  ownEmail?: boolean;
  /** Work after the lead is saved, in its transaction (invitations, a subscription). */
  afterSave?(args: AfterSaveArgs<Input>): Promise<ConfirmationExtras>;
  /**
   * The success panel offers "Book your call now" (/book), for the lead when this submission
   * created it (lib/booking/attach.ts), with this kind of call.
   */
  bookCall?: { callType: string };
  /** The answer on the page when it depends on what the save found (a seat, or the waitlist). */
  answer?(extras: ConfirmationExtras): SuccessDetails;
  email: FormEmail;
  example: FormExample<Input>;
};

/** A form a visitor posts: it has a schema, shared with its component. */
export type PostedFormDefinition<Input = Record<string, unknown>> = FormDefinition<Input> & {
  schema: z.ZodMiniType<Input>;
  /**
   * Answers the post without saving a lead (a request that waits for an ownership link):
   * `run` does the work and the person sees `answer`, whoever they are.
   */
  accept?: {
    answer: SuccessDetails;
    run: (args: { deps: SubmissionDeps; input: Input; attribution: Attribution; ctx: SubmissionContext; token?: string; now: Date }) => Promise<void>;
  };
};

export function successDetails(def: Pick<FormDefinition, "nextSteps">): SuccessDetails {
  const { headline, receipt, steps } = def.nextSteps;
  return { headline, nextSteps: receipt ? [receipt, ...steps] : [...steps] };
}

export type { SubmitOutcome };

export const SAMPLE_SITE_URL = "http://localhost:3000";
export const SAMPLE_LEAD_ID = "cm9x2k7q40001abcd1234efgh";

/** The sample confirmation email of a form, built from its example. */
export function emailSample(form: FormDefinition): { data: ConfirmationEmailData; ctx: RenderContext } {
  const ex = form.example;
  const name = ex.name ?? (typeof ex.input.name === "string" ? ex.input.name : null);
  return {
    data: { leadId: SAMPLE_LEAD_ID, formType: form.type, name, summary: form.summary(ex.input, ex.names ?? {}), ...ex.extras },
    ctx: { siteUrl: SAMPLE_SITE_URL, ...(ex.unsubscribeUrl ? { unsubscribeUrl: ex.unsubscribeUrl } : {}) },
  };
}
