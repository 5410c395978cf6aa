import type { SummaryRow } from "./template-data";

/** The attribution worth showing staff: only what is present. */
export function attributionRows(a: {
  utmSource?: string | null;
  utmMedium?: string | null;
  utmCampaign?: string | null;
  utmTerm?: string | null;
  utmContent?: string | null;
  article?: string | null;
  cta?: string | null;
  referralCode?: string | null;
  landingPage?: string | null;
  referrerUrl?: string | null;
}): SummaryRow[] {
  const rows: [string, string | null | undefined][] = [
    ["UTM source", a.utmSource],
    ["UTM medium", a.utmMedium],
    ["UTM campaign", a.utmCampaign],
    ["UTM term", a.utmTerm],
    ["UTM content", a.utmContent],
    ["Article", a.article],
    ["Call to action", a.cta],
    ["Referral code", a.referralCode],
    ["Landing page", a.landingPage],
    ["Referrer", a.referrerUrl],
  ];
  return rows.filter((r): r is [string, string] => typeof r[1] === "string" && r[1] !== "").map(([l, value]) => ({ label: l, value }));
}
