import type { Metadata } from "next";
import { consoleClock } from "@/app/(console)/time-zone";
import { Notice } from "@/components/console/page-parts";
import { requireStaffPage } from "@/app/(console)/auth";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { SETTINGS_TTL_MS, staffRecipientRows } from "@/lib/console/settings";
import { db } from "@/lib/db";
import { FORM_LABELS, LEAD_TYPES } from "@/lib/leads/form-types";
import { defaultStaffRecipients } from "@/lib/leads/run-form-action";
import { publicUrlProblem } from "@/lib/site-config";
import { discountDefaultsRow } from "@/lib/discounts/defaults";
import { DiscountDefaultsForm } from "./discount-defaults-form";
import { RecipientsForm } from "./recipients-form";
import { ReferralRulesSection } from "./referral-rules-section";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { formatDateTime } = await consoleClock();
  await requireStaffPage("settings:manage", "/console/settings");
  const stored = await staffRecipientRows(db());
  const params = await searchParams;
  const saved = queryParam(params, "saved");
  const codesSaved = queryParam(params, "codes");
  const [defaults, programs] = await Promise.all([
    discountDefaultsRow(db()),
    db().program.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
  ]);
  // Read at request time: the server's own environment, as server.ts warned at start.
  const urlProblem = publicUrlProblem();

  const rows = LEAD_TYPES.map((f) => {
    const fallback = defaultStaffRecipients(f);
    const row = stored[f];
    return {
      formType: f,
      label: FORM_LABELS[f],
      value: row?.value ?? "",
      fallback: fallback.emails.length ? `${fallback.emails.join(", ")} (from ${fallback.source})` : `nobody (${fallback.source} is empty)`,
      changed: row ? `Set by ${row.updatedBy?.name ?? "a former account"} on ${formatDateTime(row.updatedAt)}.` : undefined,
    };
  });

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Settings</h1>
      {urlProblem && (
        <div id="public-url-warning" className="mt-4 max-w-3xl rounded-lg border border-amber-600 bg-amber-50 px-4 py-3 text-amber-950">
          <h2 className="font-semibold">Links point at the wrong address</h2>
          <p className="mt-1">{urlProblem}</p>
          <p className="mt-1">Until then, links in the emails this server sends (and in shared pages) do not work for anyone else.</p>
        </div>
      )}
      <h2 className="mt-6 text-xl font-semibold">New-lead notifications</h2>
      <p className="mt-2 max-w-3xl text-ink/80">
        Who gets an email when someone sends each form. New leads use a change within {Math.round(SETTINGS_TTL_MS / 1000)} seconds on every server (at once on
        this one). Emails already queued are not changed.
      </p>
      {saved !== undefined && (
        <Notice className="mt-4">
          {saved === "0" ? "Nothing changed." : `Saved. ${saved === "1" ? "One form's" : `${saved} forms'`} recipients changed.`}
        </Notice>
      )}
      <RecipientsForm rows={rows} />

      <h2 id="discount-defaults" className="mt-10 text-xl font-semibold">
        Discount codes: rules for new codes
      </h2>
      <p className="mt-2 max-w-3xl text-ink/80">
        What a newly issued newsletter code gives. Codes already issued keep their own rules; staff change those one by one on the Codes page.{" "}
        {defaults.stored
          ? `Set by ${defaults.updatedBy ?? "a former account"} on ${formatDateTime(defaults.updatedAt!)}.`
          : "These are the built-in defaults: 20% off, for 90 days, on every program, single use."}
      </p>
      {codesSaved && <Notice className="mt-4">{codesSaved === "same" ? "Nothing changed." : "Saved. New codes get these rules from now on."}</Notice>}
      <DiscountDefaultsForm
        saved={{
          percent: String(defaults.defaults.percent),
          expiryDays: String(defaults.defaults.expiryDays),
          singleUse: defaults.defaults.singleUse,
          programs: defaults.defaults.programSlugs,
        }}
        programs={programs.map((p) => ({ value: p.slug, label: p.name }))}
      />
      <ReferralRulesSection saved={queryParam(params, "referralRules")} />
    </>
  );
}
