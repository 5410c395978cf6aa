import type { Metadata } from "next";
import { When } from "@/components/console/when";
import { Badge } from "@/components/console/page-parts";
import { ConsoleTable, linkColumn } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { formatMoney } from "@/lib/content/programs";
import { listProgramsForConsole, type ConsoleProgramRow } from "@/lib/console/programs";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Programs" };

export default async function ProgramsPage() {
  await requireStaffPage("content:edit", "/console/programs");
  const programs = await listProgramsForConsole(db());

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Programs</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        The programs, cohorts and prices the public pages show. A saved change appears on the home page, the programs page and the program&apos;s own page
        straight away.
      </p>

      <ConsoleTable
        className="mt-6"
        label="Programs"
        rows={programs}
        empty={
          <>
            No programs yet. Run <code>npm run db:seed</code> to load the starting catalogue.
          </>
        }
        columns={[
          linkColumn<ConsoleProgramRow>(
            "Program",
            (p) => ({ href: `/console/programs/${p.slug}`, label: p.name }),
            (p) => <span className="block text-xs text-ink/70">/programs/{p.slug}</span>,
          ),
          { header: "On the site", cell: (p) => <Badge tone={p.published ? "emerald" : "stone"}>{p.published ? "Published" : "Hidden"}</Badge> },
          {
            header: "Upcoming cohorts",
            cell: (p) => (
              <>
                {p.upcomingCohorts} <span className="text-ink/70">of {p.cohorts}</span>
              </>
            ),
          },
          { header: "Payment options", cell: (p) => p.paymentOptions },
          { header: "From", cell: (p) => (p.fromPriceCents === null ? "—" : formatMoney(p.fromPriceCents)) },
          { header: "Last edited", className: "whitespace-nowrap", cell: (p) => <When at={p.updatedAt} /> },
        ]}
      />
    </>
  );
}
