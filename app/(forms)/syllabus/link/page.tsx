import type { Metadata } from "next";
import { withAttribution } from "@/lib/attribution";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { SYLLABUS_LINK_DAYS } from "@/lib/syllabus/links";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Syllabus link", robots: { index: false } };

const button = "inline-flex min-h-12 items-center rounded-full bg-brand px-7 font-semibold text-white hover:bg-brand-strong";

/**
 * Where a syllabus download link that no longer works lands (app/(forms)/syllabus/download):
 * it says why, and offers a new request for the same program when the link named one.
 */
export default async function SyllabusLinkPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const expired = queryParam(params, "reason") === "expired";
  const program = queryParam(params, "program");
  const again = withAttribution(`/syllabus${program && /^[a-z0-9-]{1,80}$/.test(program) ? `?program=${program}` : ""}`, {
    cta: expired ? "syllabus-link-expired" : "syllabus-link-unknown",
  });
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight">{expired ? "This syllabus link has expired" : "This syllabus link does not work"}</h1>
      <p className="mt-4 text-lg leading-8 text-ink/80">
        {expired
          ? `Download links work for ${SYLLABUS_LINK_DAYS} days. Ask for a new one and we email it to you straight away.`
          : "It may have been copied incompletely. Ask for the syllabus again and we email you a fresh link."}
      </p>
      <p className="mt-8">
        <a className={button} href={again}>
          Request a new link
        </a>
      </p>
    </div>
  );
}
