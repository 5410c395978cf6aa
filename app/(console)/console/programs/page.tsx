import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/next";
import { formatMoney } from "@/lib/content/programs";
import { listProgramsForConsole } from "@/lib/console/programs";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Programs" };

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ProgramsPage() {
  await requireStaffPage("content:edit", "/console/programs");
  const programs = await listProgramsForConsole(db());

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Programs</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        The programs, cohorts and prices the public pages show. A saved change appears on the home page, the programs page and the
        program&apos;s own page straight away.
      </p>

      <div className="mt-6 overflow-x-auto rounded-xl border border-ink/10 bg-white" role="region" aria-label="Programs" tabIndex={0}>
        <table className="w-full text-left text-sm">
          <thead className="bg-ink/5">
            <tr>
              <th scope="col" className="px-3 py-2">Program</th>
              <th scope="col" className="px-3 py-2">On the site</th>
              <th scope="col" className="px-3 py-2">Upcoming cohorts</th>
              <th scope="col" className="px-3 py-2">Payment options</th>
              <th scope="col" className="px-3 py-2">From</th>
              <th scope="col" className="px-3 py-2">Last edited (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {programs.map((p) => (
              <tr key={p.id} className="border-t border-ink/10 align-top">
                <th scope="row" className="px-3 py-2 font-medium">
                  <a href={`/console/programs/${p.slug}`} className="text-brand underline">
                    {p.name}
                  </a>
                  <span className="block text-xs font-normal text-ink/70">/programs/{p.slug}</span>
                </th>
                <td className="px-3 py-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${p.published ? "bg-emerald-100 text-emerald-900" : "bg-stone-200 text-stone-900"}`}>
                    {p.published ? "Published" : "Hidden"}
                  </span>
                </td>
                <td className="px-3 py-2">
                  {p.upcomingCohorts} <span className="text-ink/70">of {p.cohorts}</span>
                </td>
                <td className="px-3 py-2">{p.paymentOptions}</td>
                <td className="px-3 py-2">{p.fromPriceCents === null ? "—" : formatMoney(p.fromPriceCents)}</td>
                <td className="whitespace-nowrap px-3 py-2">{dateTime.format(p.updatedAt)}</td>
              </tr>
            ))}
            {programs.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-ink/70">
                  No programs yet. Run <code>npm run db:seed</code> to load the starting catalogue.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
