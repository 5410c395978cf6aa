import type { Metadata } from "next";
import { cookies } from "next/headers";
import { FormCard, FormPage } from "@/components/forms/form-page";
import { authSecret } from "@/lib/auth/auth";
import { db } from "@/lib/db";
import { initialFormState } from "@/lib/leads/initial-state";
import { emailSettings } from "@/lib/newsletter/manage";
import { NEWSLETTER_TOPICS } from "@/lib/newsletter/topics";
import { PROOF_COOKIE, readProof } from "@/lib/ownership/proof";
import { queryParam } from "@/lib/query-param";
import { FormPageLayout, formLinkProps, formPageMetadata, formPagePath, type FormPageArgs } from "../form-page";
import { forgetEmailsProofAction, requestManageLinkAction, saveTopicsAction, unsubscribeEverythingAction } from "./actions";
import { ManageLinkForm } from "./manage-link-form";

export const dynamic = "force-dynamic";

const path = formPagePath("emails");

export const metadata: Metadata = { ...formPageMetadata("emails"), robots: { index: false } };

const button = "inline-flex min-h-12 items-center rounded-full bg-brand px-7 font-semibold text-white hover:bg-brand-strong";
const quiet = "inline-flex min-h-12 items-center rounded-full border border-ink/40 px-6 font-semibold text-ink hover:bg-brand-soft";
const link = "font-semibold text-brand underline";

const TOPIC_NOTICES: Record<string, { tone: "ok" | "error"; text: string }> = {
  saved: { tone: "ok", text: "Saved. You will get the topics ticked below." },
  "none-chosen": { tone: "error", text: "Tick at least one topic, or use “Unsubscribe from everything” below to get no newsletter at all." },
  "not-subscribed": { tone: "error", text: "Topics can only be chosen for a confirmed subscription. Nothing was changed." },
  invalid: { tone: "error", text: "That choice was not recognised. Nothing was changed." },
};

/**
 * "Manage my emails" (/emails): ask for a one-time link by email; the link (lib/ownership,
 * purpose "manage-emails") leaves a 30-minute proof in this browser, and the page then shows
 * the address's settings: newsletter topics, and unsubscribe from everything. Plain forms
 * and redirects, so it all works without JavaScript.
 */
export default async function ManageEmailsPage({ searchParams }: FormPageArgs) {
  const params = await searchParams;
  const proof = readProof((await cookies()).get(PROOF_COOKIE)?.value, authSecret(), new Date());
  const settings = proof ? await emailSettings(db(), proof) : null;

  if (!settings) {
    return (
      <FormPageLayout
        name="emails"
        before={
          queryParam(params, "expired") ? (
            <p role="alert" className="rounded-xl bg-amber-50 p-4 text-amber-950">
              Your settings link has expired on this device. Ask for a new one below: nothing was changed.
            </p>
          ) : undefined
        }
      >
        <ManageLinkForm action={requestManageLinkAction} initialState={initialFormState("newsletter")} {...formLinkProps("emails", params)} />
      </FormPageLayout>
    );
  }

  const notice = TOPIC_NOTICES[queryParam(params, "topics") ?? ""];
  const unsubscribed = queryParam(params, "unsubscribed") === "1";
  return (
    <FormPage path={path} crumb="Manage my emails" eyebrow="Email settings" title="Your email settings" intro={`For ${settings.email}.`}>
      {unsubscribed ? (
        <p role="status" className="rounded-xl bg-emerald-50 p-4 text-emerald-950">
          Done: this address gets no more newsletters or other marketing email from us. Emails about a form you send us still arrive.
        </p>
      ) : null}
      {settings.blocked ? (
        <p className="rounded-xl bg-amber-50 p-4 text-amber-950">
          Our emails to this address bounced or were reported as spam, so we send it nothing at all. Write to us if you want that changed.
        </p>
      ) : null}
      <FormCard id="topics" title="Newsletter topics">
        {settings.state === "confirmed" ? (
          <form action={saveTopicsAction}>
            {notice ? (
              <p
                role={notice.tone === "ok" ? "status" : "alert"}
                className={`mb-4 rounded-xl p-4 ${notice.tone === "ok" ? "bg-emerald-50 text-emerald-950" : "bg-red-50 text-red-900"}`}
              >
                {notice.text}
              </p>
            ) : null}
            <fieldset>
              <legend className="font-semibold">Send me newsletters about</legend>
              <div className="mt-3 space-y-3">
                {NEWSLETTER_TOPICS.map((t) => (
                  <div key={t.key} className="flex items-start gap-3">
                    <input
                      id={`topic-${t.key}`}
                      type="checkbox"
                      name="topics"
                      value={t.key}
                      defaultChecked={settings.topics.includes(t.key)}
                      aria-describedby={`topic-${t.key}-hint`}
                      className="mt-1 size-5 accent-brand"
                    />
                    <label htmlFor={`topic-${t.key}`}>
                      <span className="font-medium">{t.label}</span>
                      <span id={`topic-${t.key}-hint`} className="block text-sm text-ink/75">
                        {t.description}
                      </span>
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <button type="submit" className={`${button} mt-6`}>
              Save my topics
            </button>
          </form>
        ) : settings.state === "waiting" ? (
          <p>
            Your newsletter subscription is waiting for you to confirm it: use the button in the confirmation email we sent. Lost it?{" "}
            <a className={link} href="/newsletter">
              Sign up again
            </a>{" "}
            and we send a new one (at most one an hour).
          </p>
        ) : (
          <p>
            You are not subscribed to the newsletter.{" "}
            <a className={link} href="/newsletter">
              Subscribe
            </a>
            .
          </p>
        )}
      </FormCard>
      <FormCard id="unsubscribe" title="Unsubscribe from everything">
        <p>No more newsletters or other marketing email to this address. Emails about a form you send us (a confirmation, a reply) still arrive.</p>
        <form action={unsubscribeEverythingAction} className="mt-4">
          <button type="submit" className={quiet}>
            Unsubscribe from everything
          </button>
        </form>
        <form action={forgetEmailsProofAction} className="mt-6">
          <button type="submit" className="min-h-11 rounded-full px-4 text-sm font-semibold text-brand underline underline-offset-2 hover:bg-brand-soft">
            Hide my settings on this device
          </button>
        </form>
      </FormCard>
    </FormPage>
  );
}
