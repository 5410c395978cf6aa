import { ctaImpressionResponse } from "@/lib/cta/responses";
import { db } from "@/lib/db";

/** The image under a tracked CTA: counts the impression (lib/cta/responses.ts). */
async function handle(request: Request, { params }: { params: Promise<{ ref: string[] }> }) {
  return ctaImpressionResponse(request, (await params).ref, { db: db(), now: new Date() });
}

export { handle as GET, handle as HEAD };
