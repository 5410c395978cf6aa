import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { BookingEmailData } from "@/lib/booking/email-data";
import { dispatchRound, drainOutbox, type DispatcherOptions } from "@/lib/email/dispatcher";
import { queueEmail, type QueuedEmail } from "@/lib/email/outbox";
import { EMAIL_SAMPLES, renderEmail } from "@/lib/email/render";
import { mailboxTransport, resendTransport } from "@/lib/email/transport";
import { siteConfig } from "@/lib/site-config";
import { startFakeResend, type FakeResend } from "../helpers/fake-resend";
import { parseInvite } from "../helpers/ics";
import { createTestDb } from "../helpers/test-db";
import { GET as downloadAttachment } from "@/app/(console)/mailbox/[id]/attachments/[index]/route";

/**
 * A booking email's .ics invite goes through the outbox intact: rendered by the dispatcher,
 * stored with the message (the local mailbox shows it), sent to Resend as an attachment, and
 * sent again byte for byte after a lost answer or a crash. Other emails are unchanged.
 */

// The download route's dependencies: the database, and the session check (stubbed: who may
// call it is the authorization matrix's job, tests/e2e/authorization.spec.ts).
const routeState = vi.hoisted(() => ({ db: null as unknown, permissions: [] as string[], denied: null as null | 401 | 403 }));
vi.mock("@/lib/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/db")>()), db: () => routeState.db }));
vi.mock("@/app/(console)/auth", () => ({
  withPermission: async (permission: string, run: () => Promise<Response>) => {
    routeState.permissions.push(permission);
    return routeState.denied ? Response.json({ error: "no" }, { status: routeState.denied }) : run();
  },
}));

const t = createTestDb();
routeState.db = t.db;
let fake: FakeResend;

beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(async () => {
  await fake.close();
  await t.cleanup();
});
beforeEach(async () => {
  await t.db.emailMessage.deleteMany();
  fake.deliveries.length = 0;
  fake.mode = "ok";
  fake.replays = 0;
});
afterEach(() => vi.useRealTimers());

const SITE = "https://loomstack.example";

function options(over: Partial<DispatcherOptions> = {}): DispatcherOptions {
  return {
    db: t.db,
    transport: resendTransport({ apiKey: "re_test_key", baseUrl: fake.url, timeoutMs: 1_000 }),
    render: (template, data, ctx) => renderEmail(template, data as never, ctx),
    from: "Loomstack Academy <hello@loomstack.example>",
    siteUrl: SITE,
    baseDelayMs: 1_000,
    ...over,
  };
}

/** A booking's emails as the booking code would write them (written out here, not built by it). */
const visitorEmail: BookingEmailData = {
  kind: "confirmed",
  audience: "visitor",
  bookingId: "bk1",
  leadId: "lead1",
  uid: "booking-bk1@loomstack.example",
  sequence: 0,
  changedAt: "2026-12-07T15:42:00.000Z",
  callTypeName: "Admissions call",
  durationMinutes: 20,
  startsAt: "2026-12-10T20:00:00.000Z",
  endsAt: "2026-12-10T20:20:00.000Z",
  timeZone: "Pacific/Auckland",
  visitor: { name: "Aroha Ngata", email: "aroha@example.com", phone: "+6421555012" },
  advisor: { name: "Dana Whitfield", email: "dana@loomstack.example" },
  manageUrl: `${SITE}/book/manage/tok0`,
};
const advisorEmail: BookingEmailData = {
  ...visitorEmail,
  audience: "advisor",
  timeZone: "America/Chicago",
  manageUrl: null,
  leadUrl: `${SITE}/console/leads/lead1`,
};
const cancelledEmail: BookingEmailData = { ...visitorEmail, kind: "cancelled", sequence: 1, changedAt: "2026-12-08T10:00:00.000Z" };

async function queue(to: string, data: BookingEmailData, key: string) {
  await t.db.$transaction((tx) =>
    queueEmail(tx, { to, template: "booking", data: data as unknown as QueuedEmail["data"], category: "transactional", idempotencyKey: key }),
  );
}

/** A booking's emails, and one of another template. */
async function queueBookingAndOther() {
  await queue("aroha@example.com", visitorEmail, "booking:bk1:0:confirmed:visitor");
  await queue("dana@loomstack.example", advisorEmail, "booking:bk1:0:confirmed:advisor");
  await queue("aroha@example.com", cancelledEmail, "booking:bk1:1:cancelled:visitor");
  const other = EMAIL_SAMPLES["ownership-link"].data;
  await t.db.$transaction((tx) =>
    queueEmail(tx, { to: "rita@example.com", template: "ownership-link", data: other, category: "transactional", idempotencyKey: "other-1" }),
  );
}

/** What every copy of this booking's invite must say, whatever the reader. */
function expectBookingInvite(content: string, method: "REQUEST" | "CANCEL", sequence: number) {
  const invite = parseInvite(content);
  expect(invite).toMatchObject({ method, events: 1, uid: "booking-bk1@loomstack.example", sequence, utc: true });
  expect(invite.start?.toISOString()).toBe("2026-12-10T20:00:00.000Z");
  expect(invite.end?.toISOString()).toBe("2026-12-10T20:20:00.000Z");
  expect(invite.attendees.map((a) => a.email)).toEqual(["aroha@example.com", "dana@loomstack.example"]);
  expect(invite.organizer?.email).toBe(siteConfig.contact.email);
  if (method === "CANCEL") expect(invite.status).toBe("CANCELLED");
}

type Stored = { filename: string; contentType: string; content: string }[];

describe("email attachments through the outbox", () => {
  it("the local mailbox keeps each booking email's invite with the message; other emails have none", async () => {
    await queueBookingAndOther();
    const totals = await drainOutbox(options({ transport: mailboxTransport() }));
    expect(totals.sent).toBe(4);
    const rows = await t.db.emailMessage.findMany({ orderBy: { idempotencyKey: "asc" } });
    const byKey = Object.fromEntries(rows.map((r) => [r.idempotencyKey, r]));
    for (const [key, method, sequence] of [
      ["booking:bk1:0:confirmed:visitor", "REQUEST", 0],
      ["booking:bk1:0:confirmed:advisor", "REQUEST", 0],
      ["booking:bk1:1:cancelled:visitor", "CANCEL", 1],
    ] as const) {
      const row = byKey[key];
      expect(row.status, key).toBe("delivered");
      const stored = JSON.parse(row.attachments ?? "null") as Stored;
      expect(stored.map((a) => [a.filename, a.contentType])).toEqual([["invite.ics", `text/calendar; charset=utf-8; method=${method}`]]);
      expectBookingInvite(stored[0].content, method, sequence);
    }
    // Each reader's copy says it their way.
    const summary = (key: string) => parseInvite((JSON.parse(byKey[key].attachments!) as Stored)[0].content).summary;
    expect(summary("booking:bk1:0:confirmed:visitor")).toBe(`Admissions call with ${siteConfig.name}`);
    expect(summary("booking:bk1:0:confirmed:advisor")).toBe("Admissions call with Aroha Ngata");
    expect(byKey["other-1"]).toMatchObject({ status: "delivered", attachments: null });
  });

  it("Resend gets the invite as an attachment, intact, and the other email as before (no attachments)", async () => {
    await queueBookingAndOther();
    const totals = await drainOutbox(options());
    expect(totals.sent).toBe(4);
    expect(fake.deliveries).toHaveLength(4);
    const rows = await t.db.emailMessage.findMany();
    for (const row of rows) {
      const delivery = fake.deliveries.find((d) => d.idempotencyKey === row.id)!;
      expect(row.status).toBe("sent");
      if (row.template !== "booking") {
        expect(delivery.attachments, row.idempotencyKey).toBeUndefined();
        continue;
      }
      // What Resend decoded is byte for byte what the outbox stored.
      const stored = JSON.parse(row.attachments!) as Stored;
      expect(delivery.attachments).toEqual(stored);
      const method = row.idempotencyKey.includes(":cancelled:") ? "CANCEL" : "REQUEST";
      expect(delivery.attachments![0].contentType).toBe(`text/calendar; charset=utf-8; method=${method}`);
      expectBookingInvite(delivery.attachments![0].content, method, method === "CANCEL" ? 1 : 0);
    }
  });

  it("a booking email whose answer was lost goes again as the same request, invite included: Resend replays it, nothing is sent twice", async () => {
    await queue("aroha@example.com", visitorEmail, "booking:bk1:0:confirmed:visitor");
    const queuedAt = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(queuedAt + 5_000);
    fake.mode = "accept-then-drop";
    await dispatchRound(options({ now: () => new Date() }));
    expect(fake.deliveries).toHaveLength(1);
    // A crash before the outcome was written: the next dispatcher renders it again, later.
    await t.db.emailMessage.updateMany({ data: { subject: null, html: null, text: null, attachments: null, lockedUntil: null, lockedBy: null } });
    fake.mode = "ok";
    vi.setSystemTime(queuedAt + 60 * 60_000);
    await drainOutbox(options({ now: () => new Date() }));
    const row = await t.db.emailMessage.findFirstOrThrow();
    // Same key, same body (a different body would be a 409 and a failed message).
    expect(row).toMatchObject({ status: "sent", lastError: null });
    expect(fake.replays).toBe(1);
    expect(fake.deliveries).toHaveLength(1);
    expect(JSON.parse(row.attachments!)).toEqual(fake.deliveries[0].attachments);
  });

  it("a retry after a provider error sends the stored invite", async () => {
    await queue("dana@loomstack.example", advisorEmail, "booking:bk1:0:confirmed:advisor");
    fake.mode = "500";
    let ms = Date.now();
    await dispatchRound(options({ now: () => new Date(ms) }));
    const pending = await t.db.emailMessage.findFirstOrThrow();
    expect(pending.status).toBe("pending");
    const stored = JSON.parse(pending.attachments!) as Stored;
    expectBookingInvite(stored[0].content, "REQUEST", 0);
    fake.mode = "ok";
    ms += 60 * 60_000;
    await drainOutbox(options({ now: () => new Date(ms) }));
    expect(fake.deliveries).toHaveLength(1);
    expect(fake.deliveries[0].attachments).toEqual(stored);
  });
});

describe("the mailbox's attachment download", () => {
  const download = (id: string, index: string) =>
    downloadAttachment(new Request(`http://localhost/mailbox/${id}/attachments/${index}`), { params: Promise.resolve({ id, index }) });

  it("gives staff the invite as sent: a calendar file to download, never shown inline", async () => {
    await queue("aroha@example.com", cancelledEmail, "booking:bk1:1:cancelled:visitor");
    await drainOutbox(options({ transport: mailboxTransport() }));
    const row = await t.db.emailMessage.findFirstOrThrow();
    routeState.permissions.length = 0;
    const res = await download(row.id, "0");
    expect(routeState.permissions).toEqual(["leads:read"]);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8; method=CANCEL");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="invite.ics"');
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const body = await res.text();
    expect(body).toBe((JSON.parse(row.attachments!) as Stored)[0].content);
    expectBookingInvite(body, "CANCEL", 1);
  });

  it("a message not sent yet: the invite it will carry", async () => {
    await queue("dana@loomstack.example", advisorEmail, "booking:bk1:0:confirmed:advisor");
    const row = await t.db.emailMessage.findFirstOrThrow();
    expect(row.attachments).toBeNull();
    const res = await download(row.id, "0");
    expect(res.status).toBe(200);
    expectBookingInvite(await res.text(), "REQUEST", 0);
  });

  it("404 for no such file, message or id; the session check's answer otherwise", async () => {
    await queueBookingAndOther();
    await drainOutbox(options({ transport: mailboxTransport() }));
    const booking = await t.db.emailMessage.findFirstOrThrow({ where: { template: "booking" } });
    const other = await t.db.emailMessage.findFirstOrThrow({ where: { template: "ownership-link" } });
    for (const [id, index] of [
      [booking.id, "1"],
      [booking.id, "x"],
      [booking.id, "-1"],
      [other.id, "0"],
      ["no-such-message", "0"],
      ["../../etc", "0"],
    ]) {
      const res = await download(id, index);
      expect(res.status, `${id}/${index}`).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    }
    routeState.denied = 401;
    try {
      expect((await download(booking.id, "0")).status).toBe(401);
    } finally {
      routeState.denied = null;
    }
  });
});
