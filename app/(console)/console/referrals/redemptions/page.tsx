import type { Metadata } from "next";
import { StatusFilter } from "@/components/console/filters";
import { listHref, NumberedPager, ResultCount } from "@/components/console/listing";
import { BackLink } from "@/components/console/page-parts";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { ConsoleTable } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { can } from "@/lib/auth/roles";
import { listRedemptions, REDEMPTION_STATUSES, REFERRALS_PAGE_SIZE } from "@/lib/console/referrals";
import { db } from "@/lib/db";
import { DECISION_STATUS_LABELS, DecisionFlash, redemptionColumns } from "../decision";

export const metadata: Metadata = { title: "Redemption requests" };

export default async function RedemptionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const status = REDEMPTION_STATUSES.find((s) => s === queryParam(params, "status"));
  const requested = Number(queryParam(params, "page")) || 1;
  const query = (p: number) => listHref("/console/referrals/redemptions", { status }, p);
  const staff = await requireStaffPage("leads:read", query(requested));
  const canDecide = can(staff.role, "referrals:decide");
  const { rows, total, page, pages, counts } = await listRedemptions(db(), { status, page: requested });

  return (
    <>
      <BackLink href="/console/referrals">← Referrers</BackLink>
      <h1 className="mt-3 text-2xl font-bold tracking-tight">Redemption requests</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        People asking to spend confirmed points, newest first. Approving deducts the points from their confirmed balance (it can never go below zero); rejecting
        deducts nothing. Either way the decision, who made it and the note are recorded on the lead.
      </p>

      <DecisionFlash params={params} rows={rows} />

      <StatusFilter action="/console/referrals/redemptions" label="Filter requests" value={status} labels={DECISION_STATUS_LABELS} counts={counts} />

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
