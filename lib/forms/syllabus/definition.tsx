import { Section, Text } from "@react-email/components";
import { siteConfig } from "../../site-config";
import { queueEmail } from "../../email/outbox";
import type { ConfirmationEmailData } from "../../email/template-data";
import { CallToAction, SafeLink } from "../../email/templates/layout";
import { s } from "../../email/templates/styles";
import { str, subjectPart, url } from "../../email/templates/values";
import { FieldError } from "../../leads/errors";
import { isPublishedProgram } from "../checks";
import { issueSyllabusLink, SYLLABUS_LINK_DAYS } from "../../syllabus/links";
import { programName, summaryRows, text } from "../summary";
import type { AfterSaveArgs, ConfirmationExtras, PostedFormDefinition } from "../types";
import { SYLLABUS_CONSENT, syllabusSchema, type SyllabusInput } from "./schema";

const EXPIRY_FORMAT = new Intl.DateTimeFormat("en-US", {
  weekday: "long",
  month: "long",
  day: "numeric",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

/** "Sunday, December 13, 2026 at 08:37 PM UTC", or null for a missing or bad date. */
export function linkExpiry(iso: unknown): string | null {
  const d = typeof iso === "string" ? new Date(iso) : null;
  return d && !Number.isNaN(d.getTime()) ? EXPIRY_FORMAT.format(d) : null;
}

/** The download link: in the email only, never on the page. */
function DownloadLink({ data }: { data: ConfirmationEmailData }) {
  const link = data.syllabus;
  const href = url(link?.url);
  if (!link || !href) return null;
  const until = linkExpiry(link.expiresAt);
  return (
    <Section style={s.box}>
      <Text style={{ ...s.p, fontWeight: 700 }}>The {str(link.program) ?? "program"} syllabus (PDF)</Text>
      <CallToAction href={href}>Download the syllabus</CallToAction>
      <Text style={{ ...s.small, margin: 0 }}>
        The link works as often as you like for {SYLLABUS_LINK_DAYS} days{until ? `, until ${until}` : ""}. After that, ask for a new one on the program page.
        If the button does not work, copy this address: <SafeLink href={href}>{href}</SafeLink>
      </Text>
    </Section>
  );
}

/**
 * A download link for the lead's program, in the save transaction. The first save returns it
 * for the confirmation email. A revision (the same person asking again within the pipeline's
 * update window) sends no confirmation, so a request for another program gets its own email
 * here; asking again for the same program adds nothing, as the first link is on its way.
 */
async function issueLink({ tx, deps, contact, leadId, input, now }: AfterSaveArgs<SyllabusInput>): Promise<ConfirmationExtras> {
  const program = await tx.program.findFirst({ where: { slug: input.program, published: true }, select: { id: true, name: true } });
  if (!program) throw new FieldError("program", "Choose a program from the list.");
  const earlier = await tx.syllabusLink.findMany({ where: { leadId }, select: { programId: true } });
  if (earlier.some((l) => l.programId === program.id)) return {};

  const link = await issueSyllabusLink(tx, { leadId, contactId: contact.id, programId: program.id, siteUrl: deps.siteUrl, now });
  const syllabus = { url: link.url, expiresAt: link.expiresAt.toISOString(), program: program.name };
  if (earlier.length === 0 || !contact.email) return { syllabus };

  const data: ConfirmationEmailData = {
    leadId,
    formType: "syllabus",
    name: contact.name,
    summary: syllabusForm.summary(input, { programs: new Map([[input.program, program.name]]) }),
    syllabus,
  };
  await queueEmail(tx, {
    to: contact.email,
    template: syllabusForm.email.template,
    data,
    category: "transactional",
    idempotencyKey: `lead:${leadId}:syllabus:${input.program}`,
    leadId,
    contactId: contact.id,
  });
  return {};
}

/** The syllabus request (/syllabus): a PDF of the program, sent as a 7-day link. */
export const syllabusForm = {
  type: "syllabus" as const,
  label: "Syllabus download",
  consent: SYLLABUS_CONSENT,
  schema: syllabusSchema,
  nextSteps: {
    headline: "Check your inbox",
    receipt: "We have emailed the download link to the address you gave.",
    steps: [
      `The link in the email downloads the syllabus as a PDF. It works for ${SYLLABUS_LINK_DAYS} days.`,
      "Questions about the program? Reply to the email, or request a call back from an advisor.",
    ],
  },
  summary: (i, names) =>
    summaryRows([
      ["Program", programName(names, i.program)],
      ["Email", text(i.email)],
    ]),
  columns: (i) => ({ programSlug: i.program }),
  async check(db, i) {
    if (!(await isPublishedProgram(db, i.program))) {
      throw new FieldError("program", "Choose a program from the list.");
    }
    return {};
  },
  afterSave: issueLink,
  email: {
    template: "syllabus-confirmation" as const,
    subject: (d) => `Your ${subjectPart(d.syllabus?.program) ?? siteConfig.name} syllabus`,
    preview: () => `Your download link is inside. It works for ${SYLLABUS_LINK_DAYS} days.`,
    title: "Your syllabus is ready",
    intro: "Thank you for your interest. The syllabus covers the modules, the weekly hours, the schedule, the next cohorts and the ways to pay.",
    summaryTitle: "Your request",
    Extra: DownloadLink,
  },
  example: {
    input: { program: "machine-learning-engineering", email: "amara.okafor@example.com", consent: true },
    names: { programs: new Map([["machine-learning-engineering", "Machine Learning Engineering"]]) },
    extras: {
      syllabus: {
        url: "http://localhost:3000/syllabus/download/q1Jx8mR3vT0aLw5zKp9cYb2nHf7gDe4sUi6oPq_Xk-A",
        expiresAt: "2026-12-13T20:37:00.000Z",
        program: "Machine Learning Engineering",
      },
    },
  },
} satisfies PostedFormDefinition<SyllabusInput>;
