import type { FormType } from "../leads/form-types";
import { OPTION_LABELS } from "../leads/schemas";
import type { SummaryRow } from "./template-data";

/** Display names the database knows: program names by slug, and the chosen cohort's label. */
export type SummaryNames = { programs?: Map<string, string>; cohort?: string };

type Input = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);
const label = <T extends Record<string, string>>(labels: T, v: unknown) => (typeof v === "string" ? (labels[v] ?? v) : undefined);

/** "What you sent us", labelled and readable, for the confirmation and the staff notification. */
export function summarizeSubmission(formType: FormType, input: Input, names: SummaryNames = {}): SummaryRow[] {
  const program = (slug: unknown) => (typeof slug === "string" ? (names.programs?.get(slug) ?? slug) : undefined);
  const rows: [string, string | undefined][] = [];
  switch (formType) {
    case "enroll":
      rows.push(
        ["Name", str(input.name)],
        ["Email", str(input.email)],
        ["Phone", str(input.phone)],
        ["Program", program(input.program)],
        ["Start date", names.cohort ?? str(input.cohort)],
        ["Payment", label(OPTION_LABELS.payment, input.paymentOption)],
        ["Experience", label(OPTION_LABELS.experience, input.experience)],
        ["Goals", str(input.goals)],
      );
      break;
    case "quote":
      rows.push(
        ["For", input.audience === "team" ? "My team" : "Myself"],
        ["Name", str(input.name)],
        ["Email", str(input.email)],
        ["Company", str(input.company)],
        ["Seats", input.seats === undefined ? undefined : String(input.seats)],
        ["Courses", Array.isArray(input.courses) ? input.courses.map((c) => program(c)).join(", ") : undefined],
        ["Device", label(OPTION_LABELS.platform, input.platform)],
        ["Reach by", label(OPTION_LABELS.contactBy, input.contactBy)],
        ["Phone", str(input.phone)],
        ["Best time to call", [label(OPTION_LABELS.callTime, input.bestTime), str(input.timeZone)].filter(Boolean).join(", ")],
        ["Message", str(input.message)],
      );
      break;
    case "referral": {
      const friends = Array.isArray(input.friends) ? (input.friends as Input[]) : [];
      rows.push(["Your name", str(input.name)], ["Your email", str(input.email)]);
      friends.forEach((f, i) => rows.push([`Friend ${i + 1}`, [str(f.name), str(f.email) && `<${f.email}>`].filter(Boolean).join(" ")]));
      break;
    }
    case "newsletter":
      rows.push(["Email", str(input.email)], ["Name", str(input.name)]);
      break;
    case "callback":
      rows.push(
        ["Name", str(input.name)],
        ["Phone", str(input.phone)],
        ["Course", input.course === "not-sure" ? "Not sure yet" : program(input.course)],
        ["Device", label(OPTION_LABELS.platform, input.platform)],
        ["Best time to call", [label(OPTION_LABELS.callTime, input.bestTime), str(input.timeZone)].filter(Boolean).join(", ")],
      );
      break;
    case "redemption":
      rows.push(
        ["Email", str(input.email)],
        ["Reward", label(OPTION_LABELS.reward, input.reward)],
        ["Points", typeof input.points === "number" ? input.points.toLocaleString("en-US") : undefined],
        ["Details", str(input.details)],
      );
      break;
  }
  return rows.filter((r): r is [string, string] => typeof r[1] === "string" && r[1] !== "").map(([l, value]) => ({ label: l, value }));
}

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
