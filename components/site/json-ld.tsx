import { serializeJsonLd } from "@/lib/seo/json-ld";

/** A JSON-LD data block. CSP does not execute it: it is data, not script. */
export function JsonLd({ data }: { data: object }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
