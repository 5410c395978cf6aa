import type { Metadata } from "next";
import { db } from "@/lib/db";
import { OWNERSHIP_COPY } from "@/lib/email/templates/ownership-link";
import { redemptionForm } from "@/lib/forms/redemption/definition";
import { successDetails } from "@/lib/forms/types";
import { redemptionSchema, type RedemptionFacts } from "@/lib/forms/redemption/schema";
import { confirmedView, type ConfirmedView } from "@/lib/newsletter/confirm";
import { peekOwnershipToken } from "@/lib/ownership/tokens";
import { pointsBalance } from "@/lib/referrals/points";
import { applyOwnershipLinkAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm", robots: { index: false } };

/** The catalogue facts the request link stored (lib/referrals/redemption-link.ts), read defensively. */
function redemptionFacts(raw: unknown): RedemptionFacts {
  if (!raw || typeof raw !== "object") return {};
  const r = raw as Record<string, unknown>;
  return {
    rewardName: typeof r.rewardName === "string" ? r.rewardName : undefined,
    points: typeof r.points === "number" && Number.isInteger(r.points) ? r.points : undefined,
  };
}

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string; short?: string; unavailable?: string; error?: string }> };

const button = "inline-flex min-h-12 items-center rounded-full bg-brand px-7 font-semibold text-white hover:bg-brand-strong";
const link = "font-semibold text-brand underline";

function Done({ what }: { what: string }) {
  if (what === "redemption") {
    return (
      <div role="status">
        <h1 className="text-3xl font-bold tracking-tight">{successDetails(redemptionForm).headline}</h1>
        <ul className="mt-4 list-disc space-y-2 pl-6 text-lg leading-8 text-ink/80">
          {successDetails(redemptionForm).nextSteps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div role="status">
      <h1 className="text-3xl font-bold tracking-tight">Thanks, your email address is confirmed</h1>
      <p className="mt-4 text-lg leading-8 text-ink/80">
        There is nothing else to do.{" "}
        <a className={link} href="/programs">
          See our programs and start dates
        </a>
        .
      </p>
    </div>
  );
}

const longDate = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** A confirmed newsletter subscription: the code, or a friendly word for a student. */
async function NewsletterConfirmed({ view }: { view: ConfirmedView }) {
  const programs =
    view.kind === "code" && view.programSlugs.length
      ? (await db().program.findMany({ where: { slug: { in: view.programSlugs } }, select: { name: true } })).map((p) => p.name).join(", ")
      : "any of our programs";
  return (
    <div role="status">
      <h1 className="text-3xl font-bold tracking-tight">Your subscription is confirmed</h1>
      {view.kind === "code" ? (
        <>
          <p className="mt-4 text-lg leading-8 text-ink/80">
            Thank you. Here is your personal discount code. We have also emailed it to you, so you can find it later.
          </p>
          <div className="mt-6 rounded-xl bg-brand-soft/60 p-5">
            <p className="font-semibold">
              {view.percent}% off the tuition of {programs}
            </p>
            <p className="mt-2 font-mono text-2xl font-bold tracking-wider" data-testid="discount-code">
              {view.code}
            </p>
            <p className="mt-2 text-ink/80">
              {view.used ? "This code has already been used on an enrolment." : `Enter it when you apply. It works once, until ${longDate(view.expiresAt)}.`}
            </p>
          </div>
          <p className="mt-6 text-lg leading-8 text-ink/80">
            <a className={link} href="/apply">
              Apply for a course
            </a>{" "}
            or{" "}
            <a className={link} href="/emails">
              choose which emails you get
            </a>
            .
          </p>
        </>
      ) : view.kind === "student" ? (
        <p className="mt-4 text-lg leading-8 text-ink/80">
          Thank you, and welcome back: as you are already one of our students, there is no discount code, which is for people choosing their first course. You
          will get our career guides and event news.{" "}
          <a className={link} href="/emails">
            Choose which emails you get
          </a>
          .
        </p>
      ) : (
        <p className="mt-4 text-lg leading-8 text-ink/80">
          Thank you.{" "}
          <a className={link} href="/emails">
            Choose which emails you get
          </a>
          .
        </p>
      )}
    </div>
  );
}

/**
 * The page an ownership link opens (lib/ownership). It shows what the link will do and a
 * button; only the button (a POST) uses the link.
 */
export default async function ConfirmPage({ params, searchParams }: Props) {
  const { token } = await params;
  const q = await searchParams;
  const now = new Date();
  const state = await peekOwnershipToken(db(), token, now);
  // A used newsletter link keeps showing what confirming gave (a second tab, a reload).
  const newsletter = state.ok ? null : await confirmedView(db(), token, now);
  if (newsletter) {
    return (
      <div className="mx-auto max-w-2xl px-4 py-20 sm:px-6">
        <NewsletterConfirmed view={newsletter} />
      </div>
    );
  }

  if (!state.ok && q.done) {
    return (
      <div className="mx-auto max-w-2xl px-4 py-20 sm:px-6">
        <Done what={q.done} />
      </div>
    );
  }
  if (!state.ok) {
    const why =
      state.reason === "used"
        ? "This link has already been used. Each link works once."
        : state.reason === "expired"
          ? "This link has expired."
          : "This link does not work. It may have been copied incompletely.";
    return (
      <div className="mx-auto max-w-2xl px-4 py-20 sm:px-6">
        <h1 className="text-3xl font-bold tracking-tight">{why}</h1>
        <p className="mt-4 text-lg leading-8 text-ink/80">
          You can ask for a new one:{" "}
          <a className={link} href="/refer/status">
            see your referral link and points
          </a>
          , or{" "}
          <a className={link} href="/refer#spend-points">
            ask to spend your points
          </a>{" "}
          again, or{" "}
          <a className={link} href="/newsletter">
            sign up for the newsletter
          </a>{" "}
          again for a new confirmation link.
        </p>
      </div>
    );
  }

  const t = state.token;
  const copy = OWNERSHIP_COPY[t.purpose];
  const request = t.purpose === "redemption" ? redemptionSchema.safeParse(t.payload.request) : null;
  const facts = redemptionFacts(t.payload.reward);
  const rows = request?.success ? redemptionForm.summary({ ...request.data, ...facts }).filter((r) => r.label !== "Email") : [];
  const balance = q.short && t.contactId ? await pointsBalance(db(), t.contactId) : null;

  return (
    <div className="mx-auto max-w-2xl px-4 py-20 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight">{copy.title}</h1>
      <p className="mt-4 text-lg leading-8 text-ink/80">{copy.after || copy.intro}</p>
      {rows.length > 0 ? (
        <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-xl bg-brand-soft/60 p-4">
          {rows.map((r) => (
            <div key={r.label} className="contents">
              <dt className="font-semibold">{r.label}</dt>
              <dd className="min-w-0 break-words">{r.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {q.unavailable ? (
        <p role="alert" className="mt-6 rounded-xl bg-amber-50 p-4 text-amber-950">
          This reward is no longer on offer: it was taken off the catalogue or has run out. Nothing was filed and no points were used.{" "}
          <a className={link} href="/refer#spend-points">
            Choose another reward
          </a>
          .
        </p>
      ) : null}
      {balance && request?.success && facts.points !== undefined ? (
        <p role="alert" className="mt-6 rounded-xl bg-amber-50 p-4 text-amber-950">
          This request needs {facts.points.toLocaleString("en-US")} confirmed points, and you have {balance.confirmed.toLocaleString("en-US")} (
          {balance.pending.toLocaleString("en-US")} more are pending until your friends confirm their interest). Nothing was filed. This link stays usable until
          it expires, so you can try again once more points are confirmed, or{" "}
          <a className={link} href="/refer#spend-points">
            choose a smaller reward
          </a>
          .
        </p>
      ) : null}
      {q.error ? (
        <p role="alert" className="mt-6 rounded-xl bg-red-50 p-4 text-red-900">
          Something went wrong on our side and nothing was saved. Please press the button again in a moment.
        </p>
      ) : null}
      <form action={applyOwnershipLinkAction} className="mt-8">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className={button}>
          {copy.button}
        </button>
      </form>
    </div>
  );
}
