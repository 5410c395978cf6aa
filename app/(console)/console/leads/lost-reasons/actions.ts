"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { addLostReason, moveLostReason, renameLostReason, setLostReasonActive, type LostReasonOutcome } from "@/lib/console/lost-reasons";
import { db } from "@/lib/db";

/**
 * The lost reasons' Server Actions (/console/leads/lost-reasons). staffAction checks the
 * session and "pipeline:edit" before each body runs; lib/console/lost-reasons.ts validates.
 * Plain forms, post/redirect/get: a refused name comes back in the URL (it is short) with its
 * error, next to the field it was typed in.
 */

const PAGE = "/console/leads/lost-reasons";

const idOf = (formData: FormData) => {
  const v = formData.get("reasonId");
  return typeof v === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? v : "";
};
const labelOf = (formData: FormData) => {
  const v = formData.get("label");
  return typeof v === "string" ? v.slice(0, 200) : "";
};

function back(query: Record<string, string>, anchor = "reasons"): never {
  redirect(`${PAGE}?${new URLSearchParams(query).toString()}#${anchor}`);
}

function finish(outcome: LostReasonOutcome, saved: string, failed: Record<string, string>): never {
  if (outcome.ok) back({ saved }, `reason-${outcome.id}`);
  back({ ...failed, error: outcome.error });
}

const answers = (name: string) => ({
  name,
  malformed: () => back({ error: "That did not work. The list below is current." }),
  returnTo: () => PAGE,
  forbidden: () => back({ error: "Your role cannot edit the lost reasons." }),
});

const pipelineEdit = staffAction("pipeline:edit");

export const addLostReasonAction = pipelineEdit.formAction(answers("addLostReasonAction"), async ({ formData }) =>
  finish(await addLostReason(db(), { label: formData.get("label") }), "added", { form: "add", value: labelOf(formData) }),
);

export const renameLostReasonAction = pipelineEdit.formAction(answers("renameLostReasonAction"), async ({ formData }) => {
  const id = idOf(formData);
  finish(await renameLostReason(db(), { id, label: formData.get("label") }), "renamed", { form: id, value: labelOf(formData) });
});

export const moveLostReasonAction = pipelineEdit.formAction(answers("moveLostReasonAction"), async ({ formData }) => {
  const direction = formData.get("direction");
  if (direction !== "up" && direction !== "down") back({ error: "That did not work. The list below is current." });
  finish(await moveLostReason(db(), { id: idOf(formData), direction }), "moved", {});
});

export const retireLostReasonAction = pipelineEdit.formAction(answers("retireLostReasonAction"), async ({ formData }) => {
  const op = formData.get("op");
  if (op !== "retire" && op !== "offer") back({ error: "That did not work. The list below is current." });
  finish(await setLostReasonActive(db(), { id: idOf(formData), active: op === "offer" }), op === "retire" ? "retired" : "offered", {});
});
