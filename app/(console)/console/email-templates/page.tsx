import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { consoleClock } from "@/app/(console)/time-zone";
import { Notice } from "@/components/console/page-parts";
import { listTemplates } from "@/lib/console/email-templates";
import { db } from "@/lib/db";
import { MERGE_FIELD_HELP, MERGE_FIELDS } from "@/lib/email/merge-fields";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { archiveEmailTemplateAction } from "./actions";

export const metadata: Metadata = { title: "Email templates" };

const SAVED: Record<string, string> = {
  created: "Template added.",
  saved: "Template saved.",
  archive: "Template archived: it is no longer offered on the lead page.",
  restore: "Template restored: the lead page offers it again.",
};
const ERRORS: Record<string, string> = {
  invalid: "That did not work: the template may have been changed by someone else. The list below is current.",
  forbidden: "Your role cannot edit email templates.",
};

const small = "min-h-10 rounded-full px-3 text-sm font-semibold ring-1 ring-brand text-brand hover:bg-brand-soft";

export default async function EmailTemplatesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaffPage("templates:edit", "/console/email-templates");
  const q = await searchParams;
  const [templates, { formatWhen }] = await Promise.all([listTemplates(db()), consoleClock()]);
  const flash = SAVED[queryParam(q, "saved") ?? ""];
  const error = ERRORS[queryParam(q, "error") ?? ""];
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Email templates</h1>
        <a href="/console/email-templates/new" className="inline-flex min-h-10 items-center rounded-full bg-brand px-4 text-sm font-semibold text-white">
          Add a template
        </a>
      </div>
      <p className="mt-2 max-w-3xl text-ink/80">
        What staff start from when they write to a lead from the lead page. Subject and message are plain text; these merge fields are filled in for each lead
        when the email is sent:
      </p>
      <ul className="mt-2 max-w-3xl list-disc pl-6 text-sm">
        {MERGE_FIELDS.map((f) => (
          <li key={f}>
            <code className="font-mono">{`{{${f}}}`}</code>: {MERGE_FIELD_HELP[f]}
          </li>
        ))}
      </ul>
      {flash && (
        <Notice className="mt-4" focusable>
          {flash}
        </Notice>
      )}
      {error && (
        <Notice tone="error" className="mt-4">
          {error}
        </Notice>
      )}
      {templates.length === 0 ? (
        <p className="mt-6">No templates yet. Add one so staff can write to leads faster.</p>
      ) : (
        <ul className="mt-6 space-y-3" aria-label="Templates">
          {templates.map((t) => (
            <li key={t.id} id={`template-${t.id}`} className="rounded-xl border border-ink/10 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-3">
                <h2 className="font-semibold">
                  <a href={`/console/email-templates/${t.id}`} className="text-brand underline">
                    {t.name}
                  </a>
                  {t.archivedAt && <span className="ml-2 text-sm font-normal text-ink/70">(archived)</span>}
                </h2>
                <form action={archiveEmailTemplateAction}>
                  <input type="hidden" name="templateId" value={t.id} />
                  <button type="submit" name="op" value={t.archivedAt ? "restore" : "archive"} className={small}>
                    {t.archivedAt ? "Restore" : "Archive"}
                    <span className="sr-only">: {t.name}</span>
                  </button>
                </form>
              </div>
              <p className="mt-1 break-words text-sm">
                <span className="font-semibold">Subject:</span> {t.subject}
              </p>
              <p className="mt-1 text-xs text-ink/70">
                Last changed {formatWhen(t.updatedAt)}
                {t.updatedBy ? ` by ${t.updatedBy.name}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
