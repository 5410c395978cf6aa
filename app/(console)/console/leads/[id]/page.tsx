import type { ComponentProps, ReactNode } from "react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Facts, type Fact } from "@/components/console/facts";
import { FieldError, fieldAria } from "@/components/console/fields";
import { formLabel } from "@/components/console/format";
import { consoleClock } from "@/app/(console)/time-zone";
import { EmailLink, PhoneLink, StatusLabel } from "@/components/console/lead-bits";
import { leadHref, leadNeighbours, viewFilters, viewQuery } from "@/lib/console/lead-neighbours";
import { BackLink, Section } from "@/components/console/page-parts";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { requireStaffPage } from "@/app/(console)/auth";
import { can } from "@/lib/auth/roles";
import { leadDetail, listStaff, timeline } from "@/lib/console/pipeline";
import { formatCohortDate, listProgramsForForms } from "@/lib/content/programs";
import { readableAnswers } from "@/lib/console/lead-answers";
import type { SummaryNames } from "@/lib/forms/types";
import { db } from "@/lib/db";
import { leadSubmissions } from "@/lib/console/contact-details";
import { consentDocumentLinks } from "@/lib/legal/consent";
import { confirmContactAction, saveActionPanelAction } from "../actions";
import { ActionPanel } from "@/components/console/action-panel";
import { lostReasonChoices } from "@/lib/console/lost-reasons";
import { addDays, localDate } from "@/lib/booking/zones";
import { LeadTasks } from "@/components/console/lead-tasks";
import { leadTasks } from "@/lib/console/tasks";
import { markLeadRead } from "@/lib/console/bulk";
import { addTaskAction, completeTaskAction, reassignTaskAction, reopenTaskAction } from "../../tasks/actions";
import { LeadEmail } from "@/components/console/lead-email";
import { activeTemplates } from "@/lib/console/email-templates";
import { blockMessage, leadEmailContext, newEmailToken } from "@/lib/console/lead-email";
import { sendLeadEmailAction } from "../email/actions";

export const metadata: Metadata = { title: "Lead" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

/** A stored field value as readable text. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${show(v)}`)
      .join("; ");
  return String(value);
}

/** The exact versions of the documents a consent agreed to, as links; null when none is recorded. */
function agreedTo(stored: { privacyVersion: number | null; termsVersion: number | null }): ReactNode {
  const links = consentDocumentLinks(stored);
  if (!links.length) return null;
  return (
    <ul className="space-y-0.5">
      {links.map((link) => (
        <li key={link.href}>
          <a href={link.href} className="text-brand underline">
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** What a submission carried: the person's details, then the form's answers in words (program and cohort names, not ids). */
function sentRows(
  formType: string,
  sent: { name: string | null; email: string | null; phone: string | null },
  fields: Record<string, unknown>,
  names: SummaryNames,
): Fact[] {
  return [["Name", show(sent.name)], ["Email", show(sent.email)], ["Phone", show(sent.phone)], ...readableAnswers(formType, fields, names)];
}

/** A part of the lead's record: its facts in a white box, with the line breaks people typed. */
function FactsSection({ headingId, title, rows }: { headingId: string; title: string; rows: readonly Fact[] }) {
  return (
    <Section headingId={headingId} title={title}>
      <Facts className="mt-3 rounded-xl border border-ink/10 bg-white p-4" wrap="pre" rows={rows} />
    </Section>
  );
}

/** Where the lead came from, in the order the page lists it: a label and the lead's column. */
const ATTRIBUTION = [
  ["UTM source", "utmSource"],
  ["UTM medium", "utmMedium"],
  ["UTM campaign", "utmCampaign"],
  ["UTM term", "utmTerm"],
  ["UTM content", "utmContent"],
  ["Article", "article"],
  ["Call to action", "cta"],
  ["Referral code", "referralCode"],
  ["Landing page", "landingPage"],
  ["Referrer", "referrerUrl"],
] as const;

/** One of the forms that work a lead: its id, its fields, the submit button and what the last post did. */
function WorkForm({
  id,
  action,
  form,
  leadId,
  submit,
  params,
  className = "mt-3 space-y-3",
  children,
}: {
  /** The #fragment the redirect back lands on, when the form's panel has no id of its own. */
  id?: string;
  action: ComponentProps<"form">["action"];
  /** Which form the redirect back reports on (?form=). */
  form: string;
  leadId: string;
  submit: string;
  params: SearchParams;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form id={id} action={action} className={className}>
      <input type="hidden" name="leadId" value={leadId} />
      {queryParam(params, "view", 1000) && <input type="hidden" name="view" value={queryParam(params, "view", 1000)} />}
      {children}
      <button type="submit" className="min-h-10 rounded-full bg-brand px-4 text-sm font-semibold text-white">
        {submit}
      </button>
      <Feedback form={form} params={params} />
    </form>
  );
}

const CODE_NOT_APPLIED =
  "Saved, but the lead's discount code was not applied: it is already used on another enrolled lead (see the timeline). Settle the price with the person.";

function Feedback({ form, params }: { form: string; params: SearchParams }) {
  if (queryParam(params, "form") !== form) return null;
  const error = queryParam(params, "error");
  if (error === "forbidden")
    return (
      <p role="alert" className="mt-2 text-sm text-red-800">
        Your role does not allow this.
      </p>
    );
  if (error) return null; // shown next to its field
  if (queryParam(params, "saved") === "nothing")
    return (
      <p role="status" className="text-sm">
        Nothing to save: every field was as the lead already is.
      </p>
    );
  if (queryParam(params, "saved") && queryParam(params, "warning") === "code")
    return (
      <p role="status" className="mt-2 text-sm font-semibold text-amber-900">
        {CODE_NOT_APPLIED}
      </p>
    );
  return queryParam(params, "saved") ? (
    <p role="status" className="mt-2 text-sm text-emerald-800">
      Saved.
    </p>
  ) : null;
}

export default async function LeadPage({ params, searchParams }: Props) {
  const { id } = await params;
  const staff = await requireStaffPage("leads:read", `/console/leads/${id}`);
  const { formatWhen: when, timeZone } = await consoleClock();
  const q = await searchParams;
  const d = await leadDetail(db(), id.slice(0, 64));
  if (!d) notFound();
  const view = viewFilters(queryParam(q, "view", 1000), timeZone);
  const now = new Date();
  const [staffList, submissions, around, programs, tasks, , reasons, emailTemplates, emailContext] = await Promise.all([
    listStaff(db()),
    leadSubmissions(db(), d.lead.id),
    leadNeighbours(db(), view ?? {}, d.lead, staff.id),
    listProgramsForForms(db()),
    leadTasks(db(), d.lead.id),
    markLeadRead(db(), { userId: staff.id, leadId: d.lead.id }),
    lostReasonChoices(db(), d.lead.lostReasonCode),
    activeTemplates(db()),
    leadEmailContext(db(), d.lead.id, staff.id),
  ]);
  // The form's own wording of its answers: program names from the catalogue, the cohort with its start.
  const names: SummaryNames = {
    programs: new Map(programs.map((p) => [p.slug, p.name])),
    cohort: d.cohort ? `${d.cohort.name}, starting ${formatCohortDate(d.cohort.startDate)}` : undefined,
  };
  const viewText = view ? viewQuery(view) : "";
  const { lead, contact } = { lead: d.lead, contact: d.lead.contact };
  let fields: Record<string, unknown> = {};
  try {
    fields = JSON.parse(lead.fields) as Record<string, unknown>;
  } catch {
    fields = {};
  }
  const canWork = can(staff.role, "leads:work");
  const fieldError = (form: string, field: string) =>
    queryParam(q, "form") === form && queryParam(q, "field") === field && queryParam(q, "error") !== "forbidden" ? queryParam(q, "error") : undefined;
  const personNameError = fieldError("person", "name");
  const personPhoneError = fieldError("person", "phone");
  const items = timeline(d);

  // In a list sorted by another column than "newest first", the neighbours are not newer and older.
  const aroundLabels = view?.sort ? (["Previous", "Next"] as const) : (["Newer", "Older"] as const);

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <BackLink href={`/console/leads${viewText ? `?${viewText}` : ""}`}>{viewText ? "← Back to the list" : "← All leads"}</BackLink>
        <nav aria-label="Other leads in this list" className="flex flex-wrap gap-2 text-sm">
          {around.newer && (
            <a
              href={leadHref(around.newer.id, view)}
              rel="prev"
              className="inline-flex min-h-10 items-center rounded-full px-3 font-semibold ring-1 ring-ink/30 hover:bg-ink/5"
            >
              <span aria-hidden="true">←&nbsp;</span>
              {aroundLabels[0]}: {around.newer.name}
            </a>
          )}
          {around.older && (
            <a
              href={leadHref(around.older.id, view)}
              rel="next"
              className="inline-flex min-h-10 items-center rounded-full px-3 font-semibold ring-1 ring-ink/30 hover:bg-ink/5"
            >
              {aroundLabels[1]}: {around.older.name}
              <span aria-hidden="true">&nbsp;→</span>
            </a>
          )}
        </nav>
      </div>
      <div className="mt-3 flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-bold tracking-tight">{lead.name || lead.email || lead.phone || "(no name)"}</h1>
        <StatusLabel status={lead.status} />
        <span className="text-ink/70">
          {formLabel(lead.formType)}, received {when(lead.createdAt)}
        </span>
      </div>

      <div className="mt-8 grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <aside className="space-y-6 lg:col-start-2 lg:row-start-1" aria-label="Work this lead">
          <Section id="work" headingId="work-h" title="Actions" panel>
            <p className="mt-1 text-sm">
              Owner: {lead.owner ? lead.owner.name : "nobody yet"}
              {lead.status === "lost" && lead.lostReason ? (
                <>
                  <br />
                  Lost: {lead.lostReason}
                </>
              ) : null}
            </p>
            {canWork ? (
              <ActionPanel
                action={saveActionPanelAction}
                leadId={lead.id}
                view={queryParam(q, "view", 1000)}
                current={{ status: lead.status, ownerId: lead.ownerId, lostReasonCode: lead.lostReasonCode }}
                reasons={reasons}
                staff={staffList.map((s) => ({ value: s.id, label: s.id === staff.id ? `${s.name} (me)` : s.name }))}
                defaultDue={`${addDays(localDate(now, timeZone), 1)}T09:00`}
                meId={staff.id}
                timeZone={timeZone}
              >
                <Feedback form="work" params={q} />
              </ActionPanel>
            ) : (
              <p className="mt-2 text-sm">Your role can view leads only.</p>
            )}
            {canWork && can(staff.role, "pipeline:edit") && (
              <p className="mt-3 text-xs">
                <a href="/console/leads/lost-reasons" className="text-brand underline">
                  Edit the lost reasons
                </a>
              </p>
            )}
            <p className="mt-3 text-xs text-ink/70">First contact: {when(lead.firstContactedAt)}</p>
          </Section>

          <LeadTasks
            lead={lead}
            tasks={tasks}
            staffList={staffList}
            meId={staff.id}
            canWork={canWork}
            params={q}
            timeZone={timeZone}
            now={now}
            actions={{ add: addTaskAction, complete: completeTaskAction, reopen: reopenTaskAction, reassign: reassignTaskAction }}
          />

          <LeadEmail
            leadId={lead.id}
            token={newEmailToken()}
            view={queryParam(q, "view", 1000)}
            templates={emailTemplates}
            chosen={queryParam(q, "template", 64)}
            to={emailContext?.address ?? null}
            replyTo={emailContext?.replyTo ?? null}
            blocked={emailContext?.block ? blockMessage(emailContext.block) : null}
            flash={queryParam(q, "emailed", 20)}
            canWork={canWork}
            action={sendLeadEmailAction}
          />

          <Section headingId="person-h" title="The person" panel className="text-sm">
            <Facts
              className="mt-2"
              rows={[
                ["Name", show(contact.name)],
                ["Phone", contact.phone ? <PhoneLink phone={contact.phone} /> : show(contact.phone)],
                [
                  "Details",
                  contact.detailsConfirmedAt
                    ? `confirmed by staff ${when(contact.detailsConfirmedAt)}`
                    : contact.nameSource === "referrer"
                      ? "name as typed by their referrer"
                      : "as sent in their first form",
                ],
                [
                  "Email",
                  <>
                    {contact.email ? <EmailLink email={contact.email} /> : show(contact.email)}{" "}
                    {contact.emailVerifiedAt ? `(proven ${when(contact.emailVerifiedAt)})` : "(not proven)"}
                  </>,
                ],
              ]}
            />
            {canWork && (
              <details className="mt-3" open={Boolean(personNameError || personPhoneError || queryParam(q, "form") === "person")}>
                <summary className="cursor-pointer font-semibold text-brand">Confirm name and phone</summary>
                <WorkForm
                  id="person"
                  action={confirmContactAction}
                  form="person"
                  leadId={lead.id}
                  submit="Confirm details"
                  params={q}
                  className="mt-2 space-y-2"
                >
                  <label htmlFor="person-name" className="block font-semibold">
                    Name
                  </label>
                  <input
                    id="person-name"
                    name="name"
                    required
                    maxLength={100}
                    defaultValue={contact.name ?? ""}
                    {...fieldAria("person-name", { error: personNameError })}
                    className="block min-h-10 w-full rounded-lg border border-ink/30 bg-white px-2"
                  />
                  <FieldError id="person-name" error={personNameError} className="text-red-800" />
                  <label htmlFor="person-phone" className="block font-semibold">
                    Phone (optional)
                  </label>
                  <input
                    id="person-phone"
                    name="phone"
                    type="tel"
                    maxLength={32}
                    defaultValue={contact.phone ?? ""}
                    {...fieldAria("person-phone", { error: personPhoneError })}
                    className="block min-h-10 w-full rounded-lg border border-ink/30 bg-white px-2"
                  />
                  <FieldError id="person-phone" error={personPhoneError} className="text-red-800" />
                </WorkForm>
              </details>
            )}
            <p className="mt-3">
              Contact since {when(contact.createdAt)}. Referral code {contact.referralCode}.
              {contact.marketingOptOutAt ? ` Opted out of marketing on ${when(contact.marketingOptOutAt)}.` : ""}
            </p>
            <p className="mt-2 flex flex-wrap gap-x-4">
              <a href={`/console/referrals/${contact.id}`} className="text-brand underline">
                Referrals and points
              </a>
              {can(staff.role, "privacy:manage") && (
                <a href={`/console/people/${contact.id}`} className="text-brand underline">
                  Privacy: export or erase
                </a>
              )}
            </p>
            {lead.formType === "redemption" && (
              <p className="mt-2">
                Redemption: {lead.decision ? `${lead.decision} by ${lead.decidedBy?.name ?? "staff"} on ${when(lead.decidedAt)}` : "waiting for a decision"} ·{" "}
                <a href="/console/referrals/redemptions" className="text-brand underline">
                  Redemption requests
                </a>
              </p>
            )}
          </Section>
        </aside>

        <div className="space-y-8 lg:col-start-1 lg:row-start-1">
          <Section headingId="timeline" title="Timeline of this person">
            <ol className="mt-3 space-y-2">
              {items.map((item) => (
                <li key={`${item.kind}-${item.id}`} className="rounded-lg border border-ink/10 bg-white px-4 py-2 text-sm">
                  <span className="text-ink/70">{when(item.at)}: </span>
                  {item.kind === "lead" && (
                    <>
                      {item.id === lead.id ? (
                        <strong>This lead</strong>
                      ) : (
                        <a href={`/console/leads/${item.id}`} className="text-brand underline">
                          {formLabel(item.formType)}
                        </a>
                      )}
                      {item.id === lead.id ? ` (${formLabel(item.formType)})` : ""} · {item.status}
                    </>
                  )}
                  {item.kind === "email" && (
                    <>
                      Email{" "}
                      <a href={`/mailbox/${item.id}`} className="text-brand underline">
                        {item.subject ?? item.template}
                      </a>{" "}
                      to {item.to} · {item.status}
                    </>
                  )}
                  {item.kind === "activity" && item.type === "booking" && (
                    <>
                      <strong>Call</strong>: {item.detail ?? "booking changed"}{" "}
                      <span className="text-ink/70">({item.actor ? `by ${item.actor}` : "by the visitor"})</span>
                    </>
                  )}
                  {item.kind === "activity" && item.type !== "booking" && (
                    <>
                      {item.actor ?? "Someone"}{" "}
                      {item.type === "status"
                        ? `moved it from ${item.fromStatus} to ${item.toStatus}${item.detail ? `: ${item.detail}` : ""}`
                        : item.type === "assign"
                          ? `assigned it to ${item.detail}`
                          : item.type === "note"
                            ? "added a note:"
                            : item.type === "email"
                              ? "wrote an email:"
                              : item.type === "task"
                                ? item.detail
                                : item.type === "decision"
                                  ? `decided the redemption: ${item.detail ?? ""}`
                                  : item.type === "code"
                                    ? `(pipeline): ${item.detail ?? ""}`
                                    : item.type}
                      {item.bulk && <span className="text-ink/70">{item.bulk === "undo" ? " (undo of a bulk change)" : " (bulk change)"}</span>}
                      {(item.type === "note" || item.type === "email") && <p className="mt-1 whitespace-pre-wrap break-words">{item.detail}</p>}
                    </>
                  )}
                </li>
              ))}
            </ol>
          </Section>
          <FactsSection
            headingId="sent"
            title="What they sent"
            rows={[...sentRows(lead.formType, lead, fields, names), ["Times sent", String(lead.revision)]]}
          />
          {submissions.length > 1 && (
            <Section headingId="versions" title={`Every submission (${submissions.length})`}>
              <p className="mt-1 text-sm text-ink/70">
                The same person sent this form again within minutes. Each submission is kept as it was sent; the details above are the first one&apos;s.
              </p>
              <ol className="mt-3 space-y-3">
                {submissions.map((sub) => (
                  <li key={sub.id} className="rounded-xl border border-ink/10 bg-white p-4">
                    <p className="text-sm font-semibold">
                      Submission {sub.revision}, {when(sub.createdAt)}
                    </p>
                    <Facts
                      className="mt-2"
                      wrap="pre"
                      rows={[
                        ...sentRows(lead.formType, sub, sub.fields, names),
                        ["Article", show(sub.article)],
                        ["Call to action", show(sub.cta)],
                        ["UTM source", show(sub.utmSource)],
                        ["Consent", `${show(sub.consentVersion)}, ${when(sub.consentAt)}`],
                        ["Agreed to", agreedTo(sub)],
                      ]}
                    />
                  </li>
                ))}
              </ol>
            </Section>
          )}
          <FactsSection headingId="attribution" title="Attribution" rows={ATTRIBUTION.map(([label, column]): Fact => [label, show(lead[column])])} />
          <FactsSection
            headingId="consent"
            title="Consent"
            rows={[
              ["Version", show(lead.consentVersion)],
              ["Given", when(lead.consentAt)],
              ["Text shown", show(lead.consentText)],
              ["Agreed to", agreedTo(lead)],
            ]}
          />
        </div>
      </div>
    </>
  );
}
