/**
 * Steps a person takes outside the form itself, for tests that walk the funnel: using a
 * link that arrived in their inbox.
 */
import type { Db } from "@/lib/db";
import { applyOwnershipLink } from "@/lib/ownership/apply-link";
import { submitLead, type SubmissionContext, type SubmissionDeps } from "@/lib/leads/pipeline";

/** The secret of a /confirm/<token> link. */
export const tokenOf = (url: unknown) => String(url).split("/confirm/")[1];

/** The newest email of a template to an address, with its data parsed. */
export async function latestEmail(db: Db, toAddress: string, template: string) {
  const m = await db.emailMessage.findFirst({ where: { toAddress, template }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  if (!m) throw new Error(`no ${template} email to ${toAddress}`);
  return { ...m, parsed: JSON.parse(m.data) as Record<string, unknown> };
}

/**
 * The person opens the newest email that asks them to confirm their address (a form's
 * confirmation, or a newsletter sign-up's confirmation link), and does.
 */
export async function proveAddress(deps: SubmissionDeps, email: string, ctx: SubmissionContext = { ip: "192.0.2.201" }) {
  const m = await deps.db.emailMessage.findMany({ where: { toAddress: email }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const urls = m
    .map((x) => JSON.parse(x.data) as { verifyUrl?: string; purpose?: string; url?: string })
    .map((d) => d.verifyUrl ?? (d.purpose === "newsletter-confirm" ? d.url : undefined));
  const url = urls.find(Boolean);
  if (!url) throw new Error(`no email to ${email} carries a confirmation link`);
  const out = await applyOwnershipLink(deps, tokenOf(url), ctx);
  if (!out.ok) throw new Error(`confirming ${email} failed: ${JSON.stringify(out)}`);
  return out;
}

/** The subscriber uses the newest newsletter confirmation link sent to them; returns what confirming gave. */
export async function confirmNewsletter(deps: SubmissionDeps, email: string, ctx: SubmissionContext = { ip: "192.0.2.203" }) {
  const link = await latestEmail(deps.db, email, "ownership-link");
  if (link.parsed.purpose !== "newsletter-confirm") throw new Error(`the newest link to ${email} is not a newsletter confirmation`);
  const used = await applyOwnershipLink(deps, tokenOf(link.parsed.url), ctx);
  if (!used.ok || used.purpose !== "newsletter-confirm") throw new Error(`newsletter confirmation failed: ${JSON.stringify(used)}`);
  return used.view;
}

/** Sends the redemption form, then uses the link it emails; returns the redemption lead's id. */
export async function fileRedemption(deps: SubmissionDeps, raw: Record<string, unknown>, ctx: SubmissionContext = { ip: "192.0.2.202" }): Promise<string> {
  const out = await submitLead(deps, "redemption", { consent: "on", ...raw }, ctx);
  if (out.kind !== "accepted") throw new Error(`redemption not accepted: ${JSON.stringify(out)}`);
  const link = await latestEmail(deps.db, String(raw.email).trim().toLowerCase(), "ownership-link");
  const used = await applyOwnershipLink(deps, tokenOf(link.parsed.url), ctx);
  if (!used.ok || used.purpose !== "redemption") throw new Error(`redemption link failed: ${JSON.stringify(used)}`);
  return used.leadId;
}

/** A catalogue reward at this price (created once per price and name), for redemption requests. */
export async function testReward(db: Db, points: number, over: { name?: string; stock?: number | null; active?: boolean } = {}): Promise<string> {
  const name = over.name ?? `Test reward for ${points} points`;
  const found = await db.reward.findFirst({ where: { name, points }, select: { id: true } });
  if (found) return found.id;
  const created = await db.reward.create({
    data: { name, points, category: "course", stock: over.stock ?? null, active: over.active ?? true },
    select: { id: true },
  });
  return created.id;
}
