import { CallToAction } from "@/components/content/call-to-action";
import { ProgramCard } from "@/components/programs/program-card";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { PageHead } from "@/components/site/page-head";
import { db } from "@/lib/db";
import { formatMoney, programsPageProps, type ProgramPaymentOption, type ProgramView } from "@/lib/content/programs";
import { breadcrumbJsonLd, jsonLdGraph, organizationJsonLd } from "@/lib/seo/json-ld";
import type { GetStaticProps } from "next";
import { absoluteUrl } from "@/lib/site-config";

type Props = { programs: ProgramView[] };

// Programs and cohorts come from the database; the page is static and refreshed hourly.
export const getStaticProps: GetStaticProps<Props> = () => programsPageProps(db());

// Static HTML with no JavaScript (see pages/_app.tsx).
export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

const meta = {
  title: "Programs and pricing",
  description:
    "Compare Loomstack Academy bootcamps: format, duration, next start dates, tuition and payment options including instalments, financing and employer sponsorship.",
  path: "/programs",
};

const crumbs = [
  { name: "Home", path: "/" },
  { name: "Programs & pricing", path: "/programs" },
];

/** The comparison's columns: each way to pay. */
const KIND_LABELS = { upfront: "Pay upfront", instalments: "Monthly instalments", financing: "Financing", employer: "Employer" };
const KINDS = Object.keys(KIND_LABELS) as (keyof typeof KIND_LABELS)[];

export default function ProgramsPage({ programs }: Props) {
  return (
    <>
      <PageHead
        meta={meta}
        jsonLd={jsonLdGraph(organizationJsonLd(), breadcrumbJsonLd(crumbs), {
          "@type": "ItemList",
          itemListElement: programs.map((p, i) => ({
            "@type": "ListItem",
            position: i + 1,
            url: absoluteUrl(`/programs/${p.slug}`),
            name: p.name,
          })),
        })}
      />
      <div className="border-b border-ink/10 bg-gradient-to-b from-brand-soft/70 to-paper">
        <div className="mx-auto max-w-6xl px-4 pb-12 pt-8 sm:px-6">
          <Breadcrumbs crumbs={crumbs} />
          <h1 className="mt-8 text-4xl font-bold tracking-tight sm:text-5xl">Programs and pricing</h1>
          <p className="mt-4 max-w-2xl text-lg leading-8 text-ink/80">
            Every program is taught live by working practitioners, with mentoring and career coaching included. Tuition is the same whichever way you pay;
            paying upfront earns a discount.
          </p>
        </div>
      </div>

      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        <ul className="mt-12 grid gap-6 md:grid-cols-3">
          {programs.map((p) => (
            <li key={p.slug}>
              <ProgramCard program={p} headingLevel={2} />
            </li>
          ))}
        </ul>

        <div className="mt-20">
          <h2 id="compare-heading" className="text-3xl font-bold tracking-tight">
            Compare tuition by payment option
          </h2>
          <p className="mt-3 max-w-2xl text-ink/80">Totals are what you pay in all. Monthly figures are shown where a plan is paid monthly.</p>
          <div className="mt-6 overflow-x-auto rounded-2xl border border-ink/10 bg-white" role="region" aria-labelledby="compare-heading" tabIndex={0}>
            <table className="w-full min-w-[40rem] border-collapse text-left">
              <thead className="bg-brand-soft/60">
                <tr>
                  <th scope="col" className="px-4 py-3 font-semibold">
                    Program
                  </th>
                  {KINDS.map((k) => (
                    <th key={k} scope="col" className="px-4 py-3 font-semibold">
                      {KIND_LABELS[k]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {programs.map((p) => (
                  <PriceRow key={p.slug} program={p} />
                ))}
              </tbody>
            </table>
          </div>
        </div>

        <CallToAction
          id="programs-quote"
          title="Need a quote for yourself or your team?"
          text="Tell us which courses you are considering and how many seats you need. We reply with a written quote, including any team or upfront discounts."
          buttonText="Request a quote"
          buttonLink="/quote"
          variant="brand"
        />
      </div>
    </>
  );
}

/** A program's row of the comparison: its name, then its total (and monthly figure) for each way to pay. */
function PriceRow({ program }: { program: ProgramView }) {
  return (
    <tr className="border-t border-ink/10">
      <th scope="row" className="px-4 py-3 font-semibold">
        <a href={`/programs/${program.slug}#pricing`} className="hover:text-brand hover:underline">
          {program.name}
        </a>
      </th>
      {KINDS.map((k) => (
        <td key={k} className="px-4 py-3 align-top">
          <Price option={program.paymentOptions.find((o) => o.kind === k)} />
        </td>
      ))}
    </tr>
  );
}

function Price({ option: o }: { option?: ProgramPaymentOption }) {
  if (!o) return <span className="text-ink/70">Not offered</span>;
  return (
    <>
      <span className="font-semibold">{formatMoney(o.totalCents, o.currency)}</span>
      {o.monthlyCents && o.instalments && (
        <span className="block text-sm text-ink/75">
          {formatMoney(o.monthlyCents, o.currency)} × {o.instalments} months
        </span>
      )}
    </>
  );
}
