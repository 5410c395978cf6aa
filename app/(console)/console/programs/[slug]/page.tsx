import type { ReactNode } from "react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { When } from "@/components/console/when";
import { Breadcrumb, Notice, Section } from "@/components/console/page-parts";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { requireStaffPage } from "@/app/(console)/auth";
import { formatCohortDate, formatMoney } from "@/lib/content/programs";
import {
  centsToDollars,
  COHORT_STATUS_LABELS,
  COHORT_STATUSES,
  getProgramForEditing,
  type EditableProgram,
  PAYMENT_KIND_LABELS,
  PAYMENT_KINDS,
  PROGRAM_LIMITS,
} from "@/lib/console/programs";
import { db } from "@/lib/db";
import { CohortForm, PaymentOptionForm, ProgramForm, RemovePaymentOptionForm } from "./forms";

type Params = { slug: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `Edit ${(await params).slug}` };
}

const SAVED: Record<string, string> = {
  program: "Program details saved.",
  cohort: "Cohort saved.",
  "cohort-added": "Cohort added.",
  payment: "Payment option saved.",
  "payment-added": "Payment option added.",
  "payment-removed": "Payment option removed.",
};

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

const ONE_PAYMENT_HINT = "Only for instalment and financing plans. Leave empty for plans paid in one go.";

/** A cohort or payment option in its list: its name and summary, the notice of its last save, its form. */
function PartItem({ anchor, title, detail, notice, children }: { anchor: string; title: string; detail: string; notice: ReactNode; children: ReactNode }) {
  return (
    <li id={anchor} className="scroll-mt-6 rounded-2xl border border-ink/10 bg-white p-5">
      <h3 className="font-semibold">
        {title} <span className="text-sm font-normal text-ink/75">{detail}</span>
      </h3>
      {notice && <div className="mt-3">{notice}</div>}
      <div className="mt-3">{children}</div>
    </li>
  );
}

type Cohort = EditableProgram["cohorts"][number];
type PaymentOption = EditableProgram["paymentOptions"][number];

/** A cohort's summary in its list: start date, status, and whether it has started. */
function cohortDetail(c: Cohort, now: Date): string {
  const status = COHORT_STATUS_LABELS[c.status as keyof typeof COHORT_STATUS_LABELS] ?? c.status;
  return `${formatCohortDate(c.startDate)} · ${status}${c.startDate < now ? " · started" : ""}`;
}

/** A payment option's summary in its list: the total, and the monthly figure of a plan. */
function paymentDetail(o: PaymentOption): string {
  const monthly = o.instalments && o.monthlyCents ? ` · ${formatMoney(o.monthlyCents, o.currency)} × ${o.instalments}` : "";
  return `${formatMoney(o.totalCents, o.currency)}${monthly}`;
}

export default async function EditProgramPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<SearchParams> }) {
  const { slug } = await params;
  await requireStaffPage("content:edit", `/console/programs/${encodeURIComponent(slug)}`);
  const program = await getProgramForEditing(db(), slug);
  if (!program) notFound();

  const q = await searchParams;
  const saved = SAVED[queryParam(q, "saved") ?? ""];
  const savedKind = queryParam(q, "saved");
  const item = queryParam(q, "item");
  const stale = queryParam(q, "pages") === "stale";
  const notice = saved ? (
    <Notice tone={stale ? "warn" : "ok"}>
      {saved}{" "}
      {stale
        ? "The public pages could not be refreshed just now; they will show the change within the hour."
        : program.published
          ? "The public pages show it now."
          : "The program is hidden, so its public page is not shown."}
    </Notice>
  ) : null;
  const noticeFor = (kinds: string[], id?: string) => (savedKind && kinds.includes(savedKind) && (!id || id === item) ? notice : null);

  const at = { slug: program.slug, programId: program.id };
  const statusOptions = COHORT_STATUSES.map((s) => ({ value: s, label: COHORT_STATUS_LABELS[s] }));
  const kindOptions = PAYMENT_KINDS.map((k) => ({ value: k, label: PAYMENT_KIND_LABELS[k] }));
  const now = new Date();
  const zones = [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])];

  return (
    <>
      <Breadcrumb href="/console/programs" parent="Programs" current={program.name} />
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{program.name}</h1>
      <p className="mt-1 text-sm text-ink/75">
        {program.published ? (
          <a href={`/programs/${program.slug}`} className="text-brand underline">
            View the public page<span className="sr-only"> for {program.name}</span>
          </a>
        ) : (
          "Hidden from the site."
        )}{" "}
        Last edited <When at={program.updatedAt} />.
      </p>
      <nav aria-label="On this page" className="mt-4 flex flex-wrap gap-4 text-sm">
        <a href="#details" className="underline">
          Details
        </a>
        <a href="#cohorts" className="underline">
          Cohorts ({program.cohorts.length})
        </a>
        <a href="#payments" className="underline">
          Payment options ({program.paymentOptions.length})
        </a>
      </nav>

      <datalist id="time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>

      <Section
        id="details"
        headingId="details-heading"
        title="Program details"
        className="mt-8 scroll-mt-6 rounded-2xl border border-ink/10 bg-white p-5 sm:p-6"
        titleClassName="text-xl font-semibold"
      >
        {noticeFor(["program"]) && <div className="mt-4">{notice}</div>}
        <ProgramForm
          at={at}
          version={program.updatedAt.toISOString()}
          limits={PROGRAM_LIMITS}
          saved={{
            name: program.name,
            tagline: program.tagline,
            summary: program.summary,
            format: program.format,
            schedule: program.schedule,
            durationWeeks: String(program.durationWeeks),
            hoursPerWeek: String(program.hoursPerWeek),
            level: program.level,
            outcomes: program.outcomes,
            curriculum: program.curriculum,
            published: program.published,
          }}
        />
      </Section>

      <Section id="cohorts" headingId="cohorts-heading" title="Cohorts" className="mt-10 scroll-mt-6" titleClassName="text-xl font-semibold">
        <p className="mt-1 max-w-3xl text-sm text-ink/75">
          The public page lists open and waitlisted cohorts that have not started, soonest first. The apply form only accepts open cohorts that have not
          started. Close a cohort rather than removing it: leads keep pointing at it.
        </p>
        <ol className="mt-4 space-y-4">
          {program.cohorts.map((c) => (
            <PartItem key={c.id} anchor={`cohort-${c.id}`} title={c.name} detail={cohortDetail(c, now)} notice={noticeFor(["cohort", "cohort-added"], c.id)}>
              <CohortForm
                key={`${c.id}:${c.updatedAt.toISOString()}`}
                at={at}
                statusOptions={statusOptions}
                timeZoneList="time-zones"
                cohort={{
                  id: c.id,
                  version: c.updatedAt.toISOString(),
                  values: {
                    name: c.name,
                    startDate: isoDate(c.startDate),
                    endDate: isoDate(c.endDate),
                    timeZone: c.timeZone,
                    seats: String(c.seats),
                    seatsLeft: String(c.seatsLeft),
                    status: c.status,
                  },
                }}
              />
            </PartItem>
          ))}
          {program.cohorts.length === 0 && <li className="text-ink/75">No cohorts yet.</li>}
        </ol>
        <div className="mt-6 rounded-2xl border border-dashed border-ink/30 bg-white p-5">
          <h3 className="font-semibold">Add a cohort</h3>
          <div className="mt-3">
            <CohortForm key={`new:${program.cohorts.length}`} at={at} statusOptions={statusOptions} timeZoneList="time-zones" />
          </div>
        </div>
      </Section>

      <Section id="payments" headingId="payments-heading" title="Payment options" className="mt-10 scroll-mt-6" titleClassName="text-xl font-semibold">
        <p className="mt-1 max-w-3xl text-sm text-ink/75">
          Prices are totals in US dollars. Instalment and financing plans also show a monthly figure: the total divided by the number of payments, rounded to
          the cent. The lowest total is the “from” price; the highest total that is not financing is the list price.
        </p>
        {noticeFor(["payment-removed"]) && <div className="mt-4">{notice}</div>}
        <ol className="mt-4 space-y-4">
          {program.paymentOptions.map((o) => (
            <PartItem key={o.id} anchor={`payment-${o.id}`} title={o.label} detail={paymentDetail(o)} notice={noticeFor(["payment", "payment-added"], o.id)}>
              <PaymentOptionForm
                key={`${o.id}:${o.updatedAt.toISOString()}`}
                at={at}
                kindOptions={kindOptions}
                monthlyHint={
                  o.instalments && o.monthlyCents
                    ? `Now ${formatMoney(o.monthlyCents, o.currency)} a month for ${o.instalments} months. Leave empty for plans paid in one go.`
                    : ONE_PAYMENT_HINT
                }
                option={{
                  id: o.id,
                  version: o.updatedAt.toISOString(),
                  values: {
                    kind: o.kind,
                    label: o.label,
                    description: o.description,
                    total: centsToDollars(o.totalCents),
                    instalments: o.instalments ? String(o.instalments) : "",
                  },
                }}
              />
              <RemovePaymentOptionForm at={at} optionId={o.id} label={o.label} />
            </PartItem>
          ))}
          {program.paymentOptions.length === 0 && <li className="text-ink/75">No payment options yet.</li>}
        </ol>
        <div className="mt-6 rounded-2xl border border-dashed border-ink/30 bg-white p-5">
          <h3 className="font-semibold">Add a payment option</h3>
          <div className="mt-3">
            <PaymentOptionForm key={`new:${program.paymentOptions.length}`} at={at} kindOptions={kindOptions} monthlyHint={ONE_PAYMENT_HINT} />
          </div>
        </div>
      </Section>
    </>
  );
}
