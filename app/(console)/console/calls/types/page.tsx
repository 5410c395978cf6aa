import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { ConsoleTable } from "@/components/console/table";
import { Badge, Notice } from "@/components/console/page-parts";
import { can } from "@/lib/auth/roles";
import { listCallTypes, type CallTypeRow } from "@/lib/console/call-types";
import { db } from "@/lib/db";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { CallsNav } from "../calls-nav";
import { retireCallTypeAction } from "./actions";

export const metadata: Metadata = { title: "Call types" };

const SAVED: Record<string, string> = {
  created: "Call type added.",
  saved: "Call type saved.",
  retire: "Call type retired: /book no longer offers it. Its booked calls stay booked.",
  offer: "Call type offered again.",
};
const ERRORS: Record<string, string> = {
  invalid: "That did not work: the call type may have been changed by someone else. The list below is current.",
  forbidden: "Your role cannot edit call types.",
};

const small = "rounded-full px-3 py-1 text-sm font-semibold ring-1 ring-brand text-brand";

export default async function CallTypesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const staff = await requireStaffPage("content:edit", "/console/calls/types");
  const rows = await listCallTypes(db(), new Date());
  const flash = SAVED[queryParam(q, "saved") ?? ""];
  const error = ERRORS[queryParam(q, "error") ?? ""];
  return (
    <>
      <CallsNav current="/console/calls/types" admin={can(staff.role, "calls:assign")} />
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Call types</h1>
        <a href="/console/calls/types/new" className="rounded-full bg-brand px-4 py-2 text-sm font-semibold text-white">
          Add a call type
        </a>
      </div>
      <p className="mt-2 max-w-3xl text-ink/80">
        The kinds of call visitors book on /book, in this order. Advisors choose which they take on their availability page. Retiring a call type takes it off
        /book; calls already booked stay booked, with the length they were booked for.
      </p>
      {flash && (
        <Notice className="mt-4">
          <p>{flash}</p>
        </Notice>
      )}
      {error && (
        <Notice tone="error" className="mt-4">
          <p>{error}</p>
        </Notice>
      )}
      <ConsoleTable<CallTypeRow>
        className="mt-6"
        label="Call types"
        rows={rows}
        rowKey={(r) => r.id}
        empty="No call types yet. Add one so visitors can book a call."
        columns={[
          {
            header: "Call type",
            rowHeader: true,
            className: "font-normal",
            cell: (r) => (
              <span id={`call-type-${r.id}`}>
                <a href={`/console/calls/types/${r.id}`} className="font-semibold text-brand underline">
                  {r.name}
                </a>
                <span className="block text-ink/70">/book?type={r.slug}</span>
              </span>
            ),
          },
          { header: "Length", cell: (r) => `${r.durationMinutes} min` },
          { header: "Position", align: "right", cell: (r) => r.position },
          { header: "Advisors", align: "right", cell: (r) => r.advisors },
          { header: "Calls ahead", align: "right", cell: (r) => r.upcoming },
          { header: "State", cell: (r) => (r.active ? <Badge tone="emerald">Offered</Badge> : <Badge tone="stone">Retired</Badge>) },
          {
            header: "Actions",
            srOnlyHeader: true,
            cell: (r) => (
              <form action={retireCallTypeAction}>
                <input type="hidden" name="callTypeId" value={r.id} />
                <button
                  type="submit"
                  name="op"
                  value={r.active ? "retire" : "offer"}
                  className={small}
                  aria-label={`${r.active ? "Retire" : "Offer again"}: ${r.name}`}
                >
                  {r.active ? "Retire" : "Offer again"}
                </button>
              </form>
            ),
          },
        ]}
      />
    </>
  );
}
