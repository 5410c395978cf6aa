import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { startFakeResend, type FakeResend } from "../helpers/fake-resend";
import { firstOpenCohort, testSubmissionDeps } from "../helpers/submissions";
import { seedPrograms } from "@/lib/content/seed-programs";
import { submitLead } from "@/lib/leads/pipeline";
import { backoffMs, dispatchRound, drainOutbox, type DispatcherOptions } from "@/lib/email/dispatcher";
import { renderEmail } from "@/lib/email/render";
import { mailboxTransport, resendTransport } from "@/lib/email/transport";
import { retryMessage, unsubscribeByToken } from "@/lib/email/manage";

const t = createTestDb();
const deps = testSubmissionDeps(t.db);
let fake: FakeResend;
let cohort: { id: string; program: string };

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  cohort = await firstOpenCohort(t.db);
  fake = await startFakeResend();
});
afterAll(async () => {
  await fake.close();
  await t.cleanup();
});
beforeEach(async () => {
  // Each test starts with an empty outbox and a fresh provider record.
  await t.db.emailEvent.deleteMany();
  await t.db.emailMessage.deleteMany();
  await t.db.emailSuppression.deleteMany();
  fake.deliveries.length = 0;
  fake.mode = "ok";
  fake.failNext(0, "ok");
});

/** A controllable clock, so backoff waits can be skipped. */
function clock(start = Date.now()) {
  let ms = start;
  return { now: () => new Date(ms), advance: (d: number) => (ms += d) };
}

function options(over: Partial<DispatcherOptions> = {}): DispatcherOptions {
  return {
    db: t.db,
    transport: resendTransport({ apiKey: "re_test_key", baseUrl: fake.url, timeoutMs: 1_000 }),
    render: (template, data, ctx) => renderEmail(template, data as never, ctx),
    from: "Loomstack Academy <hello@loomstack.example>",
    replyTo: "hello@loomstack.example",
    siteUrl: "https://loomstack.example",
    baseDelayMs: 1_000,
    ...over,
  };
}

const enroll = (email: string) => ({
  name: "Ada Lovelace",
  email,
  program: cohort.program,
  cohort: cohort.id,
  paymentOption: "instalments",
  experience: "beginner",
  consent: "on",
  submissionToken: randomUUID(),
});

async function submitMany(n: number, prefix = "person") {
  for (let i = 0; i < n; i++) {
    const out = await submitLead(deps, "enroll", enroll(`${prefix}-${i}-${randomUUID().slice(0, 6)}@example.com`), { ip: "203.0.113.1" });
    expect(out.kind).toBe("saved");
  }
}

/** Each outbox row was accepted by the provider exactly once, and every row is sent. */
async function expectExactlyOnce() {
  const rows = await t.db.emailMessage.findMany();
  const keys = fake.deliveries.map((d) => d.idempotencyKey);
  expect(new Set(keys).size).toBe(keys.length); // no message accepted twice
  expect(keys.sort()).toEqual(rows.map((r) => r.id).sort()); // every message accepted
  for (const r of rows) {
    expect(r.status).toBe("sent");
    expect(r.lockedBy).toBeNull();
    const d = fake.deliveries.find((x) => x.idempotencyKey === r.id)!;
    expect(r.providerId).toBe(d.id);
    expect(d.to).toEqual([r.toAddress]);
    expect(d.subject).toBe(r.subject);
  }
  return rows;
}

describe("delivery through Resend (local Resend-compatible server)", () => {
  it("sends every queued message once, with the right recipient, subject, both parts and the row id as Idempotency-Key", async () => {
    await submitMany(5);
    await submitLead(
      deps,
      "referral",
      { name: "Rita Referrer", email: "rita@example.com", consent: "on", friends: [{ name: "Fay", email: `fay-${randomUUID().slice(0, 6)}@example.com` }] },
      { ip: "203.0.113.1" },
    );
    const totals = await drainOutbox(options());
    const rows = await expectExactlyOnce();
    expect(rows).toHaveLength(5 * 2 + 3); // confirmation + staff per enroll; confirmation, staff, invitation for the referral
    expect(totals).toMatchObject({ sent: rows.length, failed: 0, retrying: 0 });

    const confirmation = rows.find((r) => r.template === "enroll-confirmation")!;
    const d = fake.deliveries.find((x) => x.idempotencyKey === confirmation.id)!;
    expect(d.from).toBe("Loomstack Academy <hello@loomstack.example>");
    expect(d.replyTo).toBe("hello@loomstack.example");
    expect(d.html).toContain("<html");
    expect(d.text).toMatch(/Ada/);
    expect(d.headers?.["List-Unsubscribe"]).toBeUndefined(); // transactional

    // The marketing invitation carries a one-click unsubscribe header and link.
    const invitation = rows.find((r) => r.template === "referral-invitation")!;
    const inv = fake.deliveries.find((x) => x.idempotencyKey === invitation.id)!;
    expect(invitation.category).toBe("marketing");
    expect(inv.headers?.["List-Unsubscribe"]).toBe(`<https://loomstack.example/api/unsubscribe/${invitation.unsubscribeToken}>`);
    expect(inv.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(inv.html).toContain(`/unsubscribe/${invitation.unsubscribeToken}`);
  });

  it("keeps retrying while the provider is down (drops, hangs, 429, 500), then delivers everything once", async () => {
    await submitMany(6);
    const c = clock();
    const o = options({ now: c.now, maxAttempts: 10 });
    for (const mode of ["down", "hang", "429", "500"] as const) {
      fake.mode = mode;
      c.advance(10 * 60_000); // past any backoff
      const r = await dispatchRound(o);
      expect(r.sent).toBe(0);
      expect(r.retrying).toBe(r.claimed);
    }
    const waiting = await t.db.emailMessage.findMany();
    expect(waiting.every((m) => m.status === "pending" && m.attempts === 4 && m.lastError)).toBe(true);
    expect(fake.deliveries).toHaveLength(0);

    fake.mode = "ok";
    // Not due yet: backoff holds them back.
    expect((await dispatchRound(o)).claimed).toBe(0);
    c.advance(60 * 60_000);
    await drainOutbox(o);
    await expectExactlyOnce();
  });

  it("never sends twice when the provider accepted a message but the answer was lost", async () => {
    await submitMany(3);
    const c = clock();
    fake.mode = "accept-then-drop";
    await dispatchRound(options({ now: c.now }));
    expect(fake.deliveries).toHaveLength(6); // accepted, but we never heard
    fake.mode = "ok";
    c.advance(60 * 60_000);
    await drainOutbox(options({ now: c.now }));
    await expectExactlyOnce();
    expect(fake.deliveries).toHaveLength(6);
  });

  it("fails a rejected message at once with the reason (4xx other than 429)", async () => {
    await submitMany(1);
    fake.mode = "422";
    const totals = await drainOutbox(options());
    expect(totals.failed).toBe(2);
    for (const m of await t.db.emailMessage.findMany()) {
      expect(m.status).toBe("failed");
      expect(m.attempts).toBe(1);
      expect(m.lastError).toMatch(/422 validation_error/);
      expect(m.failedAt).not.toBeNull();
    }
    // Staff retry puts it back; it then goes out once.
    fake.mode = "ok";
    for (const m of await t.db.emailMessage.findMany()) expect(await retryMessage(t.db, m.id)).toBe(true);
    await drainOutbox(options());
    await expectExactlyOnce();
  });

  it("gives up after the bounded number of attempts on a provider that keeps failing", async () => {
    await submitMany(1);
    fake.mode = "500";
    const c = clock();
    const o = options({ now: c.now, maxAttempts: 3 });
    for (let i = 0; i < 5; i++) {
      await dispatchRound(o);
      c.advance(60 * 60_000);
    }
    for (const m of await t.db.emailMessage.findMany()) {
      expect(m.status).toBe("failed");
      expect(m.attempts).toBe(3);
      expect(m.lastError).toMatch(/Gave up after 3 attempts.*500/);
    }
  });

  it("records each outcome as the per-message pipeline (Prisma) does: statuses, dates and their stored form", async () => {
    const at = new Date(Date.now() + 60 * 60_000); // after the messages are due
    /**
     * The stored columns with digits masked (and fractions of a second, whose trailing zeros
     * PostgreSQL's text drops): the same kinds of values, written in the same form.
     */
    const stored = async () => {
      const rows = await t.db.$queryRawUnsafe<Record<string, unknown>[]>(
        // Dates as text: how they are stored (SQLite compares them as text), not as Prisma parses them.
        `SELECT "status", "attempts", "transport", "lastError", "lockedBy", ${["lockedUntil", "sentAt", "nextAttemptAt", "failedAt", "updatedAt"]
          .map((c) => `CAST("${c}" AS TEXT) AS "${c}"`)
          .join(", ")} FROM "EmailMessage"`,
      );
      const masked = rows.map((r) =>
        JSON.stringify(
          Object.entries(r).map(([k, v]) => [k, v instanceof Date ? "Date" : typeof v === "string" ? v.replace(/\.\d+/g, ".f").replace(/\d/g, "9") : v]),
        ),
      );
      return masked.sort();
    };
    const run = async (pipeline: DispatcherOptions["pipeline"]) => {
      await t.db.emailMessage.deleteMany();
      await submitMany(3); // 6 messages
      fake.failNext(1, "500"); // one will be retried; the others go out
      const totals = await dispatchRound(options({ pipeline, now: () => at, random: () => 0 }));
      expect(totals).toMatchObject({ claimed: 6, sent: 5, retrying: 1 });
      const rows = await t.db.emailMessage.findMany();
      for (const m of rows.filter((r) => r.status === "sent")) expect(m.sentAt).toEqual(at);
      const retried = rows.filter((r) => r.status === "pending");
      expect(retried).toHaveLength(1);
      // random() = 0: half of the first delay.
      expect(retried[0].nextAttemptAt).toEqual(new Date(at.getTime() + backoffMs(1, 1_000, 15 * 60_000, () => 0)));
      // Not due before its time; due after it.
      expect((await dispatchRound(options({ pipeline, now: () => at }))).claimed).toBe(0);
      return stored();
    };
    expect(await run("batched")).toEqual(await run("per-message"));
  });

  it("backs off exponentially with jitter", () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it("lets three dispatchers run at once without sending anything twice", async () => {
    await submitMany(40);
    const results = await Promise.all(["a", "b", "c"].map((w) => drainOutbox(options({ workerId: `worker-${w}`, batchSize: 7, concurrency: 3 }))));
    const rows = await expectExactlyOnce();
    expect(results.reduce((s, r) => s + r.sent, 0)).toBe(rows.length);
    expect(results.filter((r) => r.sent > 0).length).toBeGreaterThan(1); // they really shared the work
  });

  it("takes over a dead dispatcher's messages after the lease, and does not duplicate them", async () => {
    await submitMany(4);
    const c = clock();
    // A dispatcher claims a batch and dies before sending anything (no result recorded).
    const { claimBatch } = await import("@/lib/email/dispatcher");
    const held = await claimBatch(t.db, "dead-worker", 100, 30_000, c.now());
    expect(held).toHaveLength(8);
    // While the lease holds, nobody else takes them.
    expect((await dispatchRound(options({ now: c.now, workerId: "live" }))).claimed).toBe(0);
    c.advance(31_000);
    await drainOutbox(options({ now: c.now, workerId: "live" }));
    await expectExactlyOnce();
  });
});

describe("suppression", () => {
  it("holds back marketing after an unsubscribe, and everything after a hard bounce", async () => {
    const friend = `friend-${randomUUID().slice(0, 6)}@example.com`;
    await submitLead(
      deps,
      "referral",
      { name: "Rita", email: "rita2@example.com", consent: "on", friends: [{ name: "Fay", email: friend }] },
      { ip: "203.0.113.1" },
    );
    const invitation = await t.db.emailMessage.findFirstOrThrow({ where: { template: "referral-invitation" } });
    expect(await unsubscribeByToken(t.db, invitation.unsubscribeToken!)).toMatchObject({ ok: true, address: friend, already: false });
    expect(await unsubscribeByToken(t.db, invitation.unsubscribeToken!)).toMatchObject({ ok: true, already: true });
    expect(await unsubscribeByToken(t.db, "not-a-token")).toEqual({ ok: false });

    // The friend later enrolls: the confirmation (transactional) still goes out.
    await submitLead(deps, "enroll", enroll(friend), { ip: "203.0.113.1" });
    await drainOutbox(options());
    const byTemplate = Object.fromEntries((await t.db.emailMessage.findMany({ where: { toAddress: friend } })).map((m) => [m.template, m.status]));
    expect(byTemplate).toEqual({ "referral-invitation": "suppressed", "enroll-confirmation": "sent" });

    // After a hard bounce even transactional email is held back.
    await t.db.emailSuppression.update({ where: { address: friend }, data: { scope: "all", reason: "hard_bounce" } });
    await submitLead(
      deps,
      "quote",
      {
        audience: "individual",
        name: "Fay",
        email: friend,
        courses: [cohort.program],
        platform: "macos",
        contactBy: "email",
        timeZone: "Europe/Paris",
        consent: "on",
      },
      { ip: "203.0.113.1" },
    );
    await drainOutbox(options());
    const quote = await t.db.emailMessage.findFirstOrThrow({ where: { toAddress: friend, template: "quote-confirmation" } });
    expect(quote.status).toBe("suppressed");
  });
});

describe("the local mailbox (no RESEND_API_KEY)", () => {
  it("stores each message rendered and delivered, without any network", async () => {
    await submitMany(2);
    const totals = await drainOutbox(options({ transport: mailboxTransport() }));
    expect(totals.sent).toBe(4);
    for (const m of await t.db.emailMessage.findMany()) {
      expect(m).toMatchObject({ status: "delivered", transport: "mailbox", providerId: `mailbox_${m.id}` });
      expect(m.html).toContain("<html");
      expect(m.text?.length).toBeGreaterThan(20);
      expect(m.deliveredAt).not.toBeNull();
    }
    expect(fake.deliveries).toHaveLength(0);
  });

  it("fails a message whose data cannot be rendered, with the reason, instead of retrying forever", async () => {
    await t.db.emailMessage.create({
      data: { toAddress: "x@example.com", template: "no-such-template", data: "{}", category: "transactional", idempotencyKey: randomUUID() },
    });
    const totals = await drainOutbox(options({ transport: mailboxTransport() }));
    expect(totals.failed).toBe(1);
    const m = await t.db.emailMessage.findFirstOrThrow();
    expect(m.status).toBe("failed");
    expect(m.lastError).toMatch(/Render failed/);
  });
});

describe("dispatcher processes (npm run email:dispatch)", () => {
  const root = path.resolve(__dirname, "../..");
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a child process, so a
  // SIGKILL would stop only the wrapper and leave the dispatcher running.
  const run = (args: string[], env: Record<string, string> = {}): ChildProcess =>
    spawn(process.execPath, ["--import", "tsx", "scripts/email-dispatch.ts", ...args], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        RESEND_API_KEY: "re_test_key",
        RESEND_BASE_URL: fake.url,
        SITE_URL: "https://loomstack.example",
        EMAIL_POLL_MS: "200",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
  const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

  it("three processes draining one outbox at once send every message exactly once", async () => {
    await submitMany(60);
    fake.latencyMs = 5;
    const children = [1, 2, 3].map(() => run(["--once"], { EMAIL_BATCH_SIZE: "10", EMAIL_CONCURRENCY: "4" }));
    const stderr = children.map((c) => {
      let out = "";
      c.stderr?.on("data", (d) => (out += d));
      return () => out;
    });
    const codes = await Promise.all(children.map(exited));
    if (codes.some((c) => c !== 0)) console.error(stderr.map((f) => f()).join("\n---\n"));
    fake.latencyMs = 0;
    expect(codes).toEqual([0, 0, 0]);
    const rows = await expectExactlyOnce();
    expect(rows).toHaveLength(120);
    const workers = new Set((await t.db.emailMessage.findMany({ select: { providerId: true } })).map((r) => r.providerId));
    expect(workers.size).toBe(120);
  }, 60_000);

  it("a dispatcher killed mid-batch, then restarted, loses nothing and duplicates nothing", async () => {
    await submitMany(30);
    // Slow answers, so the kill lands while sends are in flight.
    fake.latencyMs = 150;
    const requestsBefore = fake.requests;
    // A lease far longer than this test, so that only the injected clock below can end it.
    const first = run([], { EMAIL_BATCH_SIZE: "20", EMAIL_CONCURRENCY: "5", EMAIL_LEASE_MS: "600000", RESEND_TIMEOUT_MS: "2000" });
    await fake.waitForRequests(requestsBefore + 12);
    first.kill("SIGKILL");
    await exited(first);
    const orphans = (await t.db.emailMessage.findMany()).filter((m) => m.status === "pending" && m.lockedBy);
    expect(orphans.length).toBeGreaterThan(0); // it died holding claims
    expect(fake.deliveries.length).toBeGreaterThan(0);
    fake.latencyMs = 0;

    // Restarted while the dead one's lease still runs: it sends the rest and leaves those claims alone.
    const second = run(["--once"], { EMAIL_LEASE_MS: "600000" });
    expect(await exited(second)).toBe(0);
    const stillHeld = await t.db.emailMessage.findMany({ where: { id: { in: orphans.map((m) => m.id) } } });
    expect(stillHeld.map((m) => [m.id, m.status, m.lockedBy])).toEqual(orphans.map((m) => [m.id, "pending", m.lockedBy]));
    expect(await t.db.emailMessage.count({ where: { id: { notIn: orphans.map((m) => m.id) }, status: { not: "sent" } } })).toBe(0);

    // The lease runs out (the clock moved past its end, 1 ms): the orphaned claims are sent, once.
    const leaseEnd = Math.max(...orphans.map((m) => m.lockedUntil!.getTime()));
    await drainOutbox(options({ now: () => new Date(leaseEnd + 1) }));
    await expectExactlyOnce();
  }, 60_000);
});
