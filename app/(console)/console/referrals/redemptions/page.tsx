import type { Metadata } from "next";
import { FilterForm, FilterSelect, FilterSubmit } from "@/components/console/filters";
import { formatCount } from "@/components/console/format";
import { NumberedPager, ResultCount } from "@/components/console/listing";
import { BackLink } from "@/components/console/page-parts";
import { listHref, param, type SearchParams } from "@/components/console/search-params";
import { ConsoleTable } from "@/components/console/table";
import { requireStaffPage } from "@/lib/auth/next";
import { can } from "@/lib/auth/roles";
import { listRedemptions, REDEMPTION_STATUSES, REFERRALS_PAGE_SIZE, type RedemptionStatus as Status } from "@/lib/console/referrals";
import { db } from "@/lib/db";
import { DecisionFlash, redemptionColumns } from "../decision";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Redemption requests" };

const STATUS_LABELS: Record<Status, string> = { pending: "Pending", approved: "Approved", rejected: "Rejected" };

export default async function RedemptionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const status = REDEMPTION_STATUSES.find((s) => s === param(params, "status"));
  const requested = Number(param(params, "page")) || 1;
  const query = (p: number) => listHref("/console/referrals/redemptions", { status }, p);
  const staff = await requireStaffPage("leads:read", query(requested));
  const canDecide = can(staff.role, "referrals:decide");
  const { rows, total, page, pages, counts } = await listRedemptions(db(), { status, page: requested });

  return (
    <>
      <BackLink href="/console/referrals">← Referrers</BackLink>
      <h1 className="mt-3 text-2xl font-bold tracking-tight">Redemption requests</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        People asking to spend confirmed points, newest first. Approving deducts the points from their confirmed balance (it can never go below
        zero); rejecting deducts nothing. Either way the decision, who made it and the note are recorded on the lead.
      </p>

      <DecisionFlash params={params} rows={rows} />

      <FilterForm action="/console/referrals/redemptions" label="Filter requests">
        <FilterSelect
          id="status"
          label="Status"
          defaultValue={status}
          any={`Any (${formatCount(counts.pending + counts.approved + counts.rejected)})`}
          options={REDEMPTION_STATUSES.map((s) => ({ value: s, label: `${STATUS_LABELS[s]} (${formatCount(counts[s])})` }))}
        />
        <FilterSubmit>Filter</FilterSubmit>
      </FilterForm>

      <ResultCount total={total} noun={["request", "requests"]} shown={{ first: (page - 1) * REFERRALS_PAGE_SIZE + 1, count: rows.length }} />
      <ConsoleTable
        label="Redemption requests"
        rows={rows}
        empty={status ? `No ${status} requests.` : "No redemption requests yet."}
        columns={redemptionColumns({ back: query(page), canDecide, everyone: true })}
      />
      <NumberedPager page={page} pages={pages} href={query} />
    </>
  );
}
