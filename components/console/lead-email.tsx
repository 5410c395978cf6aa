"use client";

import { useActionState, useState, useSyncExternalStore } from "react";
import { FieldError, fieldAria } from "@/components/console/fields";
import { Notice, Section } from "@/components/console/page-parts";
import type { LeadEmailState } from "@/lib/console/lead-email";

type Template = { id: string; name: string; subject: string; body: string };

const IDLE: LeadEmailState = { status: "idle" };
const noSubscription = () => () => {};
const INPUT = "mt-1 block min-h-10 w-full rounded-lg border border-ink/30 bg-white px-2";
const BUTTON = "min-h-10 rounded-full px-4 text-sm font-semibold disabled:opacity-60";

const FLASH: Record<string, string> = {
  sent: "Email queued. It is on the timeline, and goes out in a moment.",
  already: "That email was already sent: nothing more was sent.",
};

/**
 * The lead page's "Write an email" panel (issue 19, item 4). Choosing a template fills the
 * subject and message (with JavaScript at once; without it, "Use template" reloads the page
 * with ?template=); "Preview" shows them with the merge fields filled in; "Send email" queues
 * it once (the form's one-time `token`). When the address bounced or complained, or there is
 * none, the panel says so and offers no form.
 */
export function LeadEmail({
  leadId,
  token,
  view,
  templates,
  chosen,
  to,
  replyTo,
  blocked,
  flash,
  canWork,
  action,
}: {
  leadId: string;
  token: string;
  /** The inbox view the page was opened from (kept through the redirect). */
  view?: string;
  templates: readonly Template[];
  /** The template picked without JavaScript (?template=). */
  chosen?: string;
  to: string | null;
  replyTo: string | null;
  /** Why nothing can be sent to this lead, or null. */
  blocked: string | null;
  /** What the last send did (?emailed=). */
  flash?: string;
  canWork: boolean;
  action: (state: LeadEmailState, formData: FormData) => Promise<LeadEmailState>;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const start = templates.find((t) => t.id === chosen);
  const kept = state.status === "idle" ? undefined : state.values;
  const [templateId, setTemplateId] = useState(kept?.template ?? start?.id ?? "");
  const [subject, setSubject] = useState(kept?.subject ?? start?.subject ?? "");
  const [body, setBody] = useState(kept?.body ?? start?.body ?? "");
  // False in the server's HTML (no JavaScript: "Use template" reloads), true once hydrated.
  const scripted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  // The fields are controlled: after a refused send or a preview they still hold what was
  // posted (with JavaScript); without it, the page comes back rendered from `kept`.

  const errors = state.status === "error" ? state.fieldErrors : {};
  const formError = state.status === "error" && !Object.keys(errors).some((k) => k !== "form" && k !== "token" && k !== "leadId") ? state.message : undefined;

  const pick = (id: string) => {
    setTemplateId(id);
    const t = templates.find((x) => x.id === id);
    if (t) {
      setSubject(t.subject);
      setBody(t.body);
    }
  };

  return (
    <Section id="email" headingId="email-h" title="Write an email" panel>
      {flash && FLASH[flash] && (
        <Notice className="mt-2 text-sm" focusable>
          {FLASH[flash]}
        </Notice>
      )}
      {!canWork ? (
        <p className="mt-2 text-sm">Your role can view leads only.</p>
      ) : blocked ? (
        <Notice tone="error" className="mt-2 text-sm">
          <strong>No email can be sent.</strong> {blocked}
        </Notice>
      ) : (
        <>
          <p className="mt-1 break-words text-sm">
            To <strong>{to}</strong>. Replies go to {replyTo ?? "your address"}.
          </p>
          <FieldError id="email-to" error={errors.to} />
          {templates.length > 0 && (
            <form method="get" action={`/console/leads/${leadId}#email`} className="mt-3 flex flex-wrap items-end gap-2">
              {view && <input type="hidden" name="view" value={view} />}
              <div className="min-w-0 flex-1">
                <label htmlFor="email-template" className="text-sm font-semibold">
                  Template
                </label>
                <select id="email-template" name="template" value={templateId} onChange={(e) => pick(e.target.value)} className={INPUT}>
                  <option value="">None: write from scratch</option>
                  {templates.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </div>
              {!scripted && (
                <button type="submit" className={`${BUTTON} ring-1 ring-ink/30 hover:bg-ink/5`}>
                  Use template
                </button>
              )}
            </form>
          )}
          <form action={formAction} className="mt-3 space-y-3" noValidate>
            <input type="hidden" name="leadId" value={leadId} />
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="template" value={templateId} />
            {view && <input type="hidden" name="view" value={view} />}
            {formError && (
              <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900">
                {formError}
              </p>
            )}
            <div>
              <label htmlFor="email-subject" className="text-sm font-semibold">
                Subject
              </label>
              <input
                id="email-subject"
                name="subject"
                value={subject}
                onChange={(e) => setSubject(e.target.value)}
                maxLength={150}
                {...fieldAria("email-subject", { error: errors.subject })}
                className={INPUT}
              />
              <FieldError id="email-subject" error={errors.subject} />
            </div>
            <div>
              <label htmlFor="email-body" className="text-sm font-semibold">
                Message
              </label>
              <textarea
                id="email-body"
                name="body"
                rows={10}
                value={body}
                onChange={(e) => setBody(e.target.value)}
                maxLength={10_000}
                {...fieldAria("email-body", { error: errors.body, hint: true })}
                className="mt-1 block w-full rounded-lg border border-ink/30 bg-white p-2 text-sm leading-6"
              />
              <p id="email-body-hint" className="mt-1 text-xs text-ink/70">
                Plain text. Merge fields such as {"{{first_name}}"} are filled in when it is sent: use Preview to check.
              </p>
              <FieldError id="email-body" error={errors.body} />
            </div>
            <div className="flex flex-wrap gap-2">
              <button type="submit" name="intent" value="preview" disabled={pending} className={`${BUTTON} ring-1 ring-ink/30 hover:bg-ink/5`}>
                Preview
              </button>
              <button type="submit" name="intent" value="send" disabled={pending} className={`${BUTTON} bg-brand text-white`}>
                {pending ? "Working…" : "Send email"}
              </button>
            </div>
          </form>
          {state.status === "preview" && (
            <div role="status" aria-labelledby="email-preview-h" className="mt-4 rounded-lg border border-ink/15 bg-ink/5 p-3 text-sm">
              <h3 id="email-preview-h" className="font-semibold">
                Preview, as {to} will get it
              </h3>
              <p className="mt-2 break-words">
                <span className="font-semibold">Subject:</span> {state.preview.subject}
              </p>
              <p className="mt-2 whitespace-pre-wrap break-words">{state.preview.body}</p>
            </div>
          )}
        </>
      )}
    </Section>
  );
}
