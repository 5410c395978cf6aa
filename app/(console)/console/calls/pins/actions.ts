"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { setProgramPins } from "@/lib/console/advisor-pins";
import { db } from "@/lib/db";

/** Program pins, admin only: staffAction checks the session and "calls:assign" before the body runs. */

const PAGE = "/console/calls/pins";

export const saveProgramPinsAction = staffAction("calls:assign").formAction(
  {
    name: "saveProgramPinsAction",
    malformed: () => redirect(`${PAGE}?error=invalid`),
    returnTo: () => PAGE,
    forbidden: () => redirect(`${PAGE}?error=forbidden`),
  },
  async ({ formData }) => {
    const slug = formData.get("programSlug");
    const posted = formData.getAll("advisorIds").slice(0, 200);
    const advisorIds = posted.filter((v): v is string => typeof v === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(v));
    if (typeof slug !== "string" || slug.length > 100 || advisorIds.length !== posted.length) redirect(`${PAGE}?error=invalid`);
    const outcome = await setProgramPins(db(), { programSlug: slug, advisorIds });
    redirect(outcome.ok ? `${PAGE}?saved=${encodeURIComponent(slug)}#program-${encodeURIComponent(slug)}` : `${PAGE}?error=${outcome.reason}`);
  },
);
