import { toPlainText } from "@react-email/components";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { PLAIN_TEXT_OPTIONS } from "../email/render";
import { newReferralCode } from "../leads/codes";
import { cancelInTransaction } from "../events/seats";
import { siteUrl } from "../site-config";

/**
 * Privacy requests for one person (a Contact): export everything stored about them, or erase
 * them. Erasing anonymises in place rather than deleting, so every count the business reports
 * on still adds up; the suppression list keeps the bare address, or marketing email could
 * reach an erased person again. What is kept and why: docs/console.md, "Privacy".
 */

export const ERASED = "[erased]";
export const erasedAddress = (emailId: string) => `erased-${emailId}@erased.invalid`;
const ERASED_DOMAIN = "@erased.invalid";

export const normalizeEmail = (email: string) => email.normalize("NFKC").trim().toLowerCase();

/** A contact by email (exact, lower-cased), as the console's person search. */
export async function findContactIdByEmail(db: Db, email: string): Promise<string | null> {
  const address = normalizeEmail(email);
  if (!address || address.length > 320) return null;
  const contact = await db.contact.findUnique({ where: { email: address }, select: { id: true } });
  return contact?.id ?? null;
}

type Tx = Prisma.TransactionClient | Db;

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

/** The person's email addresses: their contact's and any their leads were sent with. */
function addressesOf(contact: { email: string | null }, leads: { email: string | null }[]): Set<string> {
  const out = new Set<string>();
  for (const e of [contact.email, ...leads.map((l) => l.email)]) if (e && !e.endsWith(ERASED_DOMAIN)) out.add(normalizeEmail(e));
  return out;
}

/** Emails sent to the person, and staff emails about their leads (never other people's mail). */
function emailsOfPersonWhere(contactId: string, leadIds: string[], addresses: Set<string>): Prisma.EmailMessageWhereInput {
  return {
    OR: [
      { contactId },
      ...(addresses.size ? [{ toAddress: { in: [...addresses] } }] : []),
      // Staff notifications carry no contact; invitations the person sent to friends do (the friend's).
      ...(leadIds.length ? [{ leadId: { in: leadIds }, contactId: null }] : []),
    ],
  };
}

// ---------------------------------------------------------------- export

export const EXPORT_FORMAT = "loomstack.person-export.v1";

export async function exportPerson(db: Tx, contactId: string, now: Date = new Date()) {
  const contact = await db.contact.findUnique({ where: { id: contactId } });
  if (!contact) return null;
  const leads = await db.lead.findMany({ where: { contactId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const leadIds = leads.map((l) => l.id);
  const addresses = addressesOf(contact, leads);
  const [activities, emails, points, newsletter, suppressions, referredBy, referred, submissions, links, reviews, comments] = await Promise.all([
    leadIds.length
      ? db.leadActivity.findMany({
          where: { leadId: { in: leadIds } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { id: true, leadId: true, type: true, fromStatus: true, toStatus: true, detail: true, actorId: true, createdAt: true },
        })
      : [],
    db.emailMessage.findMany({
      where: emailsOfPersonWhere(contactId, leadIds, addresses),
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        leadId: true,
        toAddress: true,
        template: true,
        category: true,
        status: true,
        subject: true,
        createdAt: true,
        sentAt: true,
        deliveredAt: true,
        openedAt: true,
        failedAt: true,
      },
    }),
    db.pointsEntry.findMany({
      where: { contactId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, amount: true, bucket: true, reason: true, leadId: true, friendContactId: true, createdAt: true },
    }),
    db.newsletterSubscription.findUnique({ where: { contactId } }),
    addresses.size ? db.emailSuppression.findMany({ where: { address: { in: [...addresses] } }, orderBy: { createdAt: "asc" } }) : [],
    contact.referredById ? db.contact.findUnique({ where: { id: contact.referredById }, select: { id: true, name: true } }) : null,
    db.contact.findMany({ where: { referredById: contactId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    db.leadSubmission.findMany({ where: { contactId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.ownershipToken.findMany({
      where: { OR: [{ contactId }, ...(addresses.size ? [{ email: { in: [...addresses] } }] : [])] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, purpose: true, createdAt: true, expiresAt: true, usedAt: true },
    }),
    db.referralReview.findMany({
      where: { OR: [{ friendContactId: contactId }, { referrerId: contactId }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, friendContactId: true, referrerId: true, reasons: true, status: true, createdAt: true, decidedAt: true },
    }),
    // Article comments they wrote, with the staff replies to them.
    db.comment.findMany({
      where: { parentId: null, OR: [{ contactId }, ...(addresses.size ? [{ email: { in: [...addresses] } }] : [])] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        articlePath: true,
        status: true,
        authorName: true,
        email: true,
        website: true,
        body: true,
        advisorContact: true,
        leadId: true,
        createdAt: true,
        publishedAt: true,
        replies: { orderBy: { createdAt: "asc" }, select: { authorName: true, body: true, publishedAt: true } },
      },
    }),
  ]);
  const submissionsByLead = new Map<string, typeof submissions>();
  for (const sub of submissions) submissionsByLead.set(sub.leadId, [...(submissionsByLead.get(sub.leadId) ?? []), sub]);
  const activitiesByLead = new Map<string, typeof activities>();
  for (const a of activities) activitiesByLead.set(a.leadId, [...(activitiesByLead.get(a.leadId) ?? []), a]);
  const balance = { pending: 0, confirmed: 0 };
  for (const p of points) if (p.bucket === "pending" || p.bucket === "confirmed") balance[p.bucket] += p.amount;

  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    contact: {
      id: contact.id,
      email: contact.email,
      phone: contact.phone,
      name: contact.name,
      referralCode: contact.referralCode,
      inviteToken: contact.inviteToken,
      respondedAt: contact.respondedAt,
      emailVerifiedAt: contact.emailVerifiedAt,
      nameSource: contact.nameSource,
      detailsConfirmedAt: contact.detailsConfirmedAt,
      marketingOptOutAt: contact.marketingOptOutAt,
      commentEmailsOptOutAt: contact.commentEmailsOptOutAt,
      createdAt: contact.createdAt,
      updatedAt: contact.updatedAt,
    },
    referredBy: referredBy ? { id: referredBy.id, name: referredBy.name } : null,
    referred: referred.map((r) => ({ id: r.id, name: r.name })),
    leads: leads.map((l) => ({
      ...l,
      fields: parseJson(l.fields),
      // Every submission as it was sent (the keyed IP hash and browser id are left out: they
      // identify nothing without the server's key).
      submissions: (submissionsByLead.get(l.id) ?? []).map(({ leadId: _l, contactId: _c, ipHash: _i, visitorId: _v, ...sub }) => ({
        ...sub,
        fields: parseJson(sub.fields),
      })),
      activities: (activitiesByLead.get(l.id) ?? []).map(({ leadId: _leadId, ...a }) => a),
    })),
    // One-time links sent to the person's address (the secrets themselves are never stored).
    ownershipLinks: links,
    referralReviews: reviews.map((r) => ({ ...r, reasons: parseJson(r.reasons), role: r.friendContactId === contactId ? "friend" : "referrer" })),
    // An invitation names the referrer's lead: not theirs to see.
    emails: emails.map(({ toAddress, leadId, ...e }) => ({ to: toAddress, ...e, leadId: leadId && leadIds.includes(leadId) ? leadId : null })),
    points: { balance, entries: points },
    newsletter: newsletter && {
      discountCode: newsletter.discountCode,
      discountPercent: newsletter.discountPercent,
      confirmedAt: newsletter.confirmedAt,
      confirmationSentAt: newsletter.confirmationSentAt,
      topics: newsletter.topics === null ? null : parseJson(newsletter.topics),
      consentVersion: newsletter.consentVersion,
      consentText: newsletter.consentText,
      consentAt: newsletter.consentAt,
      privacyVersion: newsletter.privacyVersion,
      unsubscribedAt: newsletter.unsubscribedAt,
      createdAt: newsletter.createdAt,
      updatedAt: newsletter.updatedAt,
    },
    // Discount codes issued to them (lib/discounts): the rules, and the lead a code was used on.
    discountCodes: (await db.discountCode.findMany({ where: { contactId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(
      ({ contactId: _c, programSlugs, ...c }) => ({ ...c, programSlugs: parseJson(programSlugs) }),
    ),
    comments,
    suppressions: suppressions.map((s) => ({
      address: s.address,
      scope: s.scope,
      reason: s.reason,
      detail: s.detail,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    })),
    // Syllabus download links (issue 15): which program, until when, how often used; never the secret.
    syllabusLinks: await db.syllabusLink.findMany({
      where: { contactId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, leadId: true, program: { select: { slug: true } }, createdAt: true, expiresAt: true, downloads: true, lastDownloadedAt: true },
    }),
  };
}

export type PersonExport = NonNullable<Awaited<ReturnType<typeof exportPerson>>>;

/**
 * The person page: the export itself (so the page shows exactly what the file holds), the
 * names of the staff in the activity trail, and other contact records with the same phone
 * number (a call-back request without email makes its own record), which may be the same
 * person and need erasing too.
 */
export async function personOverview(db: Db, contactId: string) {
  const data = await exportPerson(db, contactId);
  if (!data) return null;
  const actorIds = [...new Set(data.leads.flatMap((l) => l.activities.map((a) => a.actorId)).filter((id): id is string => Boolean(id)))];
  const [actors, samePhone] = await Promise.all([
    actorIds.length ? db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [],
    data.contact.phone
      ? db.contact.findMany({
          where: { phone: data.contact.phone, id: { not: contactId } },
          orderBy: { createdAt: "asc" },
          take: 20,
          select: { id: true, name: true, email: true, createdAt: true },
        })
      : [],
  ]);
  const erased = data.contact.email === null && data.contact.name === null && data.contact.phone === null;
  return { data, actors: new Map(actors.map((a) => [a.id, a.name])), samePhone, erased };
}

// ---------------------------------------------------------------- erase

export type EraseResult = {
  contactId: string;
  /** The person's leads anonymised. */
  leads: number;
  /** Notes, lost reasons and decision notes on their leads replaced by "[erased]". */
  activities: number;
  /** "erase" entries appended (one per lead). */
  eraseActivities: number;
  /** Emails to the person, or about their leads, emptied. */
  emails: number;
  /** Pending emails among those that will now never be sent. */
  emailsCancelled: number;
  /** Delivery events whose payload named the person. */
  emailEvents: number;
  /** Other people's leads (a referrer's form that named them) with the person taken out. */
  otherLeads: number;
  /** Other people's emails (the referrer's confirmation, staff notifications) with the person taken out. */
  otherEmails: number;
  newsletter: number;
  /** Discount codes whose address was replaced (the codes and their rules stay). */
  discountCodes: number;
  /** Suppression entries for the person's address, kept on purpose (see the module comment). */
  suppressionsKept: number;
  /** Article comments deleted (with the staff replies under them), and the articles that showed any. */
  comments: number;
  commentArticles: string[];
};

const TX_OPTIONS = { maxWait: 15_000, timeout: 60_000 } as const;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/**
 * Replaces the person's addresses, phone numbers and names (as whole words) in text that
 * belongs to someone else, e.g. a referrer's confirmation listing them as a friend.
 */
export function makeScrubber(needles: { addresses: Iterable<string>; phones: Iterable<string>; names: Iterable<string> }) {
  const literal = new Set<string>();
  for (const a of needles.addresses) if (a.length >= 3) literal.add(a);
  for (const p of needles.phones) if (p.length >= 5) literal.add(p);
  const names = new Set<string>();
  for (const n of needles.names) {
    const name = n.trim();
    if (name.length >= 3) names.add(name);
  }
  const alternatives = [...literal, ...names].flatMap((s) => [s, escapeHtml(s)]);
  if (!alternatives.length) return (s: string) => s;
  // Longest first, so "Ada Lovelace" goes before "Ada". Whole words only: never inside another word.
  const unique = [...new Set(alternatives)].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${unique.join("|")})(?![\\p{L}\\p{N}])`, "giu");
  return (s: string) => s.replace(re, ERASED);
}

function scrubDeep(value: unknown, scrub: (s: string) => string): unknown {
  if (typeof value === "string") return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, scrub)]));
  return value;
}

function scrubJson(json: string, scrub: (s: string) => string): string {
  const parsed = parseJson(json);
  return typeof parsed === "string" ? scrub(json) : JSON.stringify(scrubDeep(parsed, scrub));
}

/** In a referrer's referral form: the friend entries that are this person become "[erased]". */
function eraseFriends(fields: unknown, addresses: Set<string>): { fields: unknown; names: string[] } {
  const names: string[] = [];
  if (!fields || typeof fields !== "object" || !Array.isArray((fields as { friends?: unknown }).friends)) return { fields, names };
  const friends = (fields as { friends: unknown[] }).friends.map((f) => {
    const email = f && typeof f === "object" ? (f as { email?: unknown }).email : undefined;
    if (typeof email !== "string" || !addresses.has(normalizeEmail(email))) return f;
    const name = (f as { name?: unknown }).name;
    if (typeof name === "string") names.push(name);
    return { name: ERASED, email: ERASED };
  });
  return { fields: { ...(fields as object), friends }, names };
}

/** Activity types whose detail is free text written about the lead (notes, lost reasons, decision notes). */
const FREE_TEXT_ACTIVITY: Prisma.LeadActivityWhereInput = {
  detail: { not: null },
  NOT: [{ detail: ERASED }, { type: { in: ["assign", "erase"] } }, { type: "decision", detail: { in: ["approved", "rejected"] } }],
};

/**
 * Erases one person in one transaction: their contact, leads, notes, emails and the
 * delivery events that named them become anonymous; rows stay, so counts do not change.
 * Safe to run again. Returns null when there is no such contact.
 */
export async function erasePerson(db: Db, input: { contactId: string; actorId: string | null; now?: Date; siteUrl?: string }): Promise<EraseResult | null> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: input.contactId } });
    if (!contact) return null;
    const contactId = contact.id;
    const leads = await tx.lead.findMany({ where: { contactId }, select: { id: true, email: true, name: true, phone: true } });
    const leadIds = leads.map((l) => l.id);
    const addresses = addressesOf(contact, leads);
    const phones = new Set([contact.phone, ...leads.map((l) => l.phone)].filter((p): p is string => Boolean(p)));
    const names = new Set([contact.name, ...leads.map((l) => l.name)].filter((n): n is string => Boolean(n)));

    // -- Other people's leads that name this person: a referrer's referral form (the lead
    // that created them, found through the points ledger and the invitation they got).
    const [awards, invitations] = await Promise.all([
      tx.pointsEntry.findMany({ where: { friendContactId: contactId, leadId: { not: null } }, select: { leadId: true } }),
      tx.emailMessage.findMany({ where: { contactId, leadId: { not: null } }, select: { leadId: true } }),
    ]);
    const own = new Set(leadIds);
    const otherLeadIds = [...new Set([...awards, ...invitations].map((r) => r.leadId!))].filter((id) => !own.has(id));
    const otherLeads = otherLeadIds.length ? await tx.lead.findMany({ where: { id: { in: otherLeadIds } }, select: { id: true, fields: true } }) : [];
    const parsedOther = otherLeads.map((l) => ({ id: l.id, raw: l.fields, ...eraseFriends(parseJson(l.fields), addresses) }));
    for (const p of parsedOther) for (const n of p.names) names.add(n);
    const scrub = makeScrubber({ addresses, phones, names });

    let otherLeadsChanged = 0;
    for (const p of parsedOther) {
      const fields = typeof p.fields === "string" ? scrub(p.fields) : JSON.stringify(scrubDeep(p.fields, scrub));
      if (fields !== p.raw) {
        await tx.lead.update({ where: { id: p.id }, data: { fields } });
        otherLeadsChanged++;
      }
    }
    // The same leads' submissions (a referral form lists the friends it named).
    if (otherLeadIds.length) {
      const subs = await tx.leadSubmission.findMany({ where: { leadId: { in: otherLeadIds } }, select: { id: true, fields: true } });
      for (const sub of subs) {
        const erased = eraseFriends(parseJson(sub.fields), addresses);
        const fields = typeof erased.fields === "string" ? scrub(erased.fields) : JSON.stringify(scrubDeep(erased.fields, scrub));
        if (fields !== sub.fields) await tx.leadSubmission.update({ where: { id: sub.id }, data: { fields } });
      }
    }
    if (otherLeadIds.length) {
      const notes = await tx.leadActivity.findMany({ where: { leadId: { in: otherLeadIds }, detail: { not: null } }, select: { id: true, detail: true } });
      for (const n of notes) {
        const detail = scrub(n.detail!);
        if (detail !== n.detail) await tx.leadActivity.update({ where: { id: n.id }, data: { detail } });
      }
    }

    // -- Emails to the person or about their leads: emptied. The person's own address
    // becomes erased-<id>@erased.invalid; other recipients (staff, friends) keep theirs.
    const emails = await tx.emailMessage.findMany({
      where: {
        OR: [{ contactId }, ...(leadIds.length ? [{ leadId: { in: leadIds } }] : []), ...(addresses.size ? [{ toAddress: { in: [...addresses] } }] : [])],
      },
      select: { id: true, contactId: true, toAddress: true, status: true },
    });
    let cancelled = 0;
    for (const e of emails) {
      const toPerson = e.contactId === contactId || addresses.has(normalizeEmail(e.toAddress)) || e.toAddress.endsWith(ERASED_DOMAIN);
      const pending = e.status === "pending";
      if (pending) cancelled++;
      await tx.emailMessage.update({
        where: { id: e.id },
        data: {
          data: "{}",
          subject: null,
          html: null,
          text: null,
          lastError: pending ? "Not sent: the person was erased." : null,
          ...(toPerson ? { toAddress: erasedAddress(e.id), unsubscribeToken: null } : {}),
          // A message still waiting is never sent (and a dispatcher holding it loses its lease).
          ...(pending ? { status: "suppressed", lockedUntil: null, lockedBy: null } : {}),
        },
      });
    }
    const emailIds = emails.map((e) => e.id);
    const ownEmailIds = new Set(emailIds);

    // -- Event RSVPs: cancelled, and a seat they held goes to the next on the waitlist.
    const rsvps = await tx.eventRsvp.findMany({ where: { contactId, status: { in: ["going", "waitlisted"] } }, select: { id: true } });
    for (const r of rsvps) await cancelInTransaction(tx, r.id, input.siteUrl ?? siteUrl(), now);

    // -- Other people's emails that name the person (the referrer's confirmation listing
    // them as a friend, the staff notification of that form).
    let otherEmailsChanged = 0;
    if (otherLeadIds.length) {
      const others = await tx.emailMessage.findMany({
        where: { leadId: { in: otherLeadIds } },
        select: { id: true, data: true, subject: true, html: true, text: true },
      });
      for (const m of others) {
        if (ownEmailIds.has(m.id)) continue;
        const html = m.html === null ? null : scrub(m.html);
        const data = {
          data: scrubJson(m.data, scrub),
          subject: m.subject === null ? null : scrub(m.subject),
          html,
          // The text part is derived from the HTML: derive it again, so a name the text
          // layout wrapped over two lines goes too.
          text: m.text === null ? null : html !== null && html !== m.html ? toPlainText(html, PLAIN_TEXT_OPTIONS) : scrub(m.text),
        };
        if (data.data !== m.data || data.subject !== m.subject || data.html !== m.html || data.text !== m.text) {
          await tx.emailMessage.update({ where: { id: m.id }, data });
          otherEmailsChanged++;
        }
      }
    }

    // -- Delivery events: the webhook payload lists the recipient.
    let emailEvents = 0;
    if (emailIds.length) {
      emailEvents += (await tx.emailEvent.updateMany({ where: { messageId: { in: emailIds }, detail: { not: null } }, data: { detail: null } })).count;
    }
    for (const address of addresses) {
      // Events that matched no message (rare): `contains` is a scan of those few rows.
      emailEvents += (await tx.emailEvent.updateMany({ where: { messageId: null, detail: { contains: address } }, data: { detail: null } })).count;
    }

    // -- The person's leads and what staff wrote about them.
    const activities = leadIds.length
      ? (await tx.leadActivity.updateMany({ where: { leadId: { in: leadIds }, ...FREE_TEXT_ACTIVITY }, data: { detail: ERASED } })).count
      : 0;
    if (leadIds.length) {
      await tx.lead.updateMany({
        where: { contactId },
        data: {
          name: null,
          email: null,
          phone: null,
          searchName: null,
          searchLastName: null,
          fields: "{}",
          // May hold personal query strings (?email=…).
          referrerUrl: null,
          landingPage: null,
        },
      });
      await tx.lead.updateMany({ where: { contactId, lostReason: { not: null }, NOT: { lostReason: ERASED } }, data: { lostReason: ERASED } });
      await tx.leadSubmission.updateMany({
        where: { contactId },
        data: { name: null, email: null, phone: null, fields: "{}", referrerUrl: null, landingPage: null, ipHash: null, visitorId: null },
      });
      await tx.leadActivity.createMany({ data: leadIds.map((leadId) => ({ leadId, actorId: input.actorId, type: "erase", createdAt: now })) });
    }

    // -- One-time links to their address: gone (unused ones could still act for them).
    await tx.ownershipToken.deleteMany({ where: { OR: [{ contactId }, ...(addresses.size ? [{ email: { in: [...addresses] } }] : [])] } });
    // Syllabus download links (issue 15): gone too.
    await tx.syllabusLink.deleteMany({ where: { contactId } });

    // -- Newsletter: the row stays (subscriber counts), ended.
    const newsletter = await tx.newsletterSubscription.count({ where: { contactId } });
    await tx.newsletterSubscription.updateMany({ where: { contactId, unsubscribedAt: null }, data: { unsubscribedAt: now } });

    // -- Discount codes: the row stays (a code used on an enrolment stays traceable, and a
    // code given out stays valid), but no longer names their address.
    const codes = await tx.discountCode.findMany({ where: { contactId }, select: { id: true } });
    for (const c of codes) await tx.discountCode.update({ where: { id: c.id }, data: { normalizedEmail: erasedAddress(c.id) } });

    // -- Article comments: deleted, with the staff replies under them. A comment is the
    // person's own words under their name, published: anonymising would leave text that can
    // still identify them, and nothing counts comments. The caller refreshes the articles.
    const comments = await tx.comment.findMany({
      where: { parentId: null, OR: [{ contactId }, ...(addresses.size ? [{ email: { in: [...addresses] } }] : [])] },
      select: { id: true, articlePath: true, status: true },
    });
    if (comments.length) {
      const ids = comments.map((c) => c.id);
      await tx.comment.deleteMany({ where: { parentId: { in: ids } } });
      await tx.comment.deleteMany({ where: { id: { in: ids } } });
    }
    const commentArticles = [...new Set(comments.filter((c) => c.status === "approved").map((c) => c.articlePath))];

    // -- The contact. A new referral code, so an old /r/<code> link no longer ties new
    // people to this record.
    await tx.contact.update({
      where: { id: contactId },
      data: {
        email: null,
        phone: null,
        name: null,
        inviteToken: null,
        nameSource: null,
        referralCode: newReferralCode(),
        marketingOptOutAt: contact.marketingOptOutAt ?? now,
      },
    });

    const suppressionsKept = addresses.size ? await tx.emailSuppression.count({ where: { address: { in: [...addresses] } } }) : 0;

    return {
      contactId,
      leads: leadIds.length,
      activities,
      eraseActivities: leadIds.length,
      emails: emails.length,
      emailsCancelled: cancelled,
      emailEvents,
      otherLeads: otherLeadsChanged,
      otherEmails: otherEmailsChanged,
      newsletter,
      discountCodes: codes.length,
      suppressionsKept,
      comments: comments.length,
      commentArticles,
    };
  }, TX_OPTIONS);
}
