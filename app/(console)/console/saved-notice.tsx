import { Notice } from "@/components/console/page-parts";
import { queryParam, type SearchParams } from "@/lib/query-param";

/** After a saved people, outcomes or story edit (…?saved=1): whether the public pages show it now. */
export function SavedNotice({ q, what }: { q: SearchParams; what: string }) {
  if (queryParam(q, "saved") !== "1") return null;
  const stale = queryParam(q, "pages") === "stale";
  return (
    <Notice tone={stale ? "warn" : "ok"} className="mt-4">
      {what} saved. {stale ? "The public pages could not be refreshed just now; they will show the change within the hour." : "The public pages show it now."}
    </Notice>
  );
}
