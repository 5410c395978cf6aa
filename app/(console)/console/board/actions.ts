"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { boardAfterMove, moveOnBoard, parseBoardFilters } from "@/lib/console/board";
import { db } from "@/lib/db";

/**
 * The board's one action: a card's "Move to" form, posted natively without JavaScript and
 * called by drag and drop and keyboard moves with it. It answers with the board again
 * (post/redirect/get), same filters, with what happened in the URL.
 */

const field = (formData: FormData, name: string) => {
  const v = formData.get(name);
  return typeof v === "string" ? v : undefined;
};

/** The board's filters, as the form carried them (checked like the URL's). */
const filtersOf = (formData: FormData) =>
  parseBoardFilters(new URLSearchParams({ owner: field(formData, "owner") ?? "", program: field(formData, "program") ?? "" }));
const leadIdOf = (formData: FormData) => (field(formData, "leadId") ?? "").slice(0, 64);

export const moveCardAction = staffAction("leads:work").formAction(
  {
    name: "moveCardAction",
    malformed: () => redirect("/console/board"),
    returnTo: () => "/console/board",
    forbidden: ({ formData }) => redirect(boardAfterMove(filtersOf(formData), leadIdOf(formData), { ok: false, error: "forbidden" }, {})),
    failed: ({ formData }) => redirect(boardAfterMove(filtersOf(formData), leadIdOf(formData), { ok: false, error: "failed" }, {})),
  },
  async ({ formData, staff }) => {
    const status = field(formData, "status");
    const lostReason = field(formData, "lostReason");
    const result = await moveOnBoard(db(), { leadId: leadIdOf(formData), status, lostReason }, staff.id);
    redirect(boardAfterMove(filtersOf(formData), leadIdOf(formData), result, { status, reason: lostReason }));
  },
);
