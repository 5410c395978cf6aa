import type { Prisma } from "../generated/prisma/client";

/**
 * A single-use discount code is spent when the lead that carries it moves to enrolled (won),
 * and freed when that move is undone. Both happen in the status change's own transaction
 * (lib/console/pipeline.ts) and are written on the lead's timeline as a "code" activity.
 *
 * When the code is already spent on another lead, the enrolment still goes through (the
 * person is enrolled; what they pay is for staff to settle) but the code is not applied: the
 * timeline says so and staff see a warning. The guarded update below and the unique
 * DiscountCode.usedOnLeadId column make two enrolments with one code impossible, even when
 * both are made at the same moment. Codes that are not single-use are never marked.
 */

type Tx = Prisma.TransactionClient;

export type CodeMove = { warning?: string };

export const codeUsedElsewhereWarning = (code: string) =>
  `Enrolled, but discount code ${code} was not applied: it is already used on another enrolled lead. Settle the price with the person.`;

export async function applyCodeOnStatusChange(tx: Tx, a: { leadId: string; actorId: string | null; from: string; to: string; now: Date }): Promise<CodeMove> {
  const toEnrolled = a.to === "enrolled" && a.from !== "enrolled";
  const fromEnrolled = a.from === "enrolled" && a.to !== "enrolled";
  if (!toEnrolled && !fromEnrolled) return {};
  const lead = await tx.lead.findUnique({
    where: { id: a.leadId },
    select: { discountCode: { select: { id: true, code: true, singleUse: true, usedOnLeadId: true } } },
  });
  const code = lead?.discountCode;
  if (!code || !code.singleUse) return {};
  const activity = (detail: string) => tx.leadActivity.create({ data: { leadId: a.leadId, actorId: a.actorId, type: "code", detail, createdAt: a.now } });

  if (toEnrolled) {
    // Only a free code is taken: a concurrent enrolment with the same code waits for this
    // row, then finds it taken and changes nothing.
    const taken = await tx.discountCode.updateMany({ where: { id: code.id, usedOnLeadId: null }, data: { usedOnLeadId: a.leadId, usedAt: a.now } });
    if (taken.count === 1) {
      await activity(`Discount code ${code.code} marked used on this enrolment.`);
      return {};
    }
    const now = await tx.discountCode.findUnique({ where: { id: code.id }, select: { usedOnLeadId: true } });
    if (now?.usedOnLeadId === a.leadId) return {};
    await activity(`Discount code ${code.code} not applied: already used on another enrolled lead.`);
    return { warning: codeUsedElsewhereWarning(code.code) };
  }

  const freed = await tx.discountCode.updateMany({ where: { id: code.id, usedOnLeadId: a.leadId }, data: { usedOnLeadId: null, usedAt: null } });
  if (freed.count === 1) await activity(`Discount code ${code.code} freed: the enrolment was undone.`);
  return {};
}
