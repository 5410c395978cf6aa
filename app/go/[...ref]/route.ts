import { ctaClickResponse } from "@/lib/cta/responses";
import { db } from "@/lib/db";

/** A tracked CTA's link: counts the click, then 303 to the CTA's own link (lib/cta/responses.ts). */
async function handle(request: Request, { params }: { params: Promise<{ ref: string[] }> }) {
  return ctaClickResponse(request, (await params).ref, { db: db(), now: new Date() });
}

export { handle as GET, handle as HEAD };
