import { randomUUID } from "node:crypto";
import type { Db } from "../db";
import { dialectOf } from "../db/dialect";
import { at, sqlInTransaction } from "../db/sql";
import { storedAttachments, type EmailTemplate } from "./outbox";
import type { RenderedEmail, RenderContext } from "./template-data";
import type { EmailTransport, SendResult } from "./transport";

/**
 * The outbox dispatcher: claims pending messages, renders them, sends them through the
 * transport (Resend or the local mailbox) and records the result.
 *
 * Exactly once:
 * - A claim is a compare-and-set on the row (status still pending, lock unchanged), so two
 *   dispatchers, on one server or several, never hold the same message.
 * - A claim is a lease. A dispatcher that dies mid-send leaves the row pending; after the
 *   lease another takes it and sends again with the same Idempotency-Key (the row id), so
 *   Resend answers with the first email instead of sending a second.
 * - The rendered subject, parts and attachments are saved with the first attempt's outcome
 *   and reused, so a retry sends the same request (Resend rejects a reused key with a
 *   different body).
 * Every write is in a transaction: on SQLite a write outside one would share the connection
 * with, and could be rolled back with, another request's.
 *
 * Cost (issue 16): a claim is three queries for the whole batch, and the outcomes of a round
 * are recorded together in one transaction once its sends are done. Until then the rows stay
 * pending under this worker's lease, exactly as while a send is in flight: a crash before the
 * record means the same sends again after the lease, with the same Idempotency-Keys.
 */

export type Renderer = (template: EmailTemplate, data: unknown, ctx: RenderContext) => Promise<RenderedEmail>;

export type DispatcherOptions = {
  db: Db;
  transport: EmailTransport;
  render: Renderer;
  from: string;
  replyTo?: string;
  siteUrl: string;
  /** Names this dispatcher in lockedBy. */
  workerId?: string;
  /** Messages claimed per round. */
  batchSize?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /** How long a claim lasts; must exceed the transport's timeout. */
  leaseMs?: number;
  /** Attempts before a retryable failure becomes `failed`. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  now?: () => Date;
  random?: () => number;
  log?: (message: string, extra?: Record<string, unknown>) => void;
  /**
   * "batched" (the default): one claim query for the batch, outcomes recorded in one
   * transaction per round. "per-message": the dispatcher as it was before issue 16 (a
   * compare-and-set per row, a transaction per outcome), kept so that `bench:email` can
   * measure the "before" figure in the same run. Both deliver exactly once.
   */
  pipeline?: "batched" | "per-message";
};

export const DISPATCH_DEFAULTS: Required<Pick<DispatcherOptions, "batchSize" | "concurrency" | "leaseMs" | "maxAttempts" | "baseDelayMs" | "maxDelayMs">> = {
  batchSize: 50,
  concurrency: 8,
  leaseMs: 60_000,
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
};

export type RoundResult = { claimed: number; sent: number; retrying: number; failed: number; suppressed: number };

/** Exponential backoff with full jitter: a random wait in [delay/2, delay], delay doubling per attempt. */
export function backoffMs(attempt: number, base: number, max: number, random: () => number = Math.random): number {
  const delay = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay / 2 + random() * (delay / 2));
}

type Claimed = {
  id: string;
  toAddress: string;
  template: string;
  data: string;
  category: string;
  attempts: number;
  unsubscribeToken: string | null;
  replyTo: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
  attachments: string | null;
};

const CLAIM_SELECT = {
  id: true,
  toAddress: true,
  template: true,
  data: true,
  category: true,
  attempts: true,
  unsubscribeToken: true,
  replyTo: true,
  subject: true,
  html: true,
  text: true,
  attachments: true,
} as const;

/**
 * Claims up to `limit` due messages for this worker: one compare-and-set for the batch (only
 * rows still pending, due and unleased are taken), then the rows this worker now holds.
 */
export async function claimBatch(db: Db, workerId: string, limit: number, leaseMs: number, now: Date): Promise<Claimed[]> {
  const leaseEnd = new Date(now.getTime() + leaseMs);
  const dialect = dialectOf(db);
  return db.$transaction(async (tx) => {
    // Dispatchers on several servers may claim at the same moment: each gets different rows.
    const due = await dialect.claimDue(tx, now, limit);
    if (!due.length) return [];
    const ids = due.map((row) => row.id);
    // Compare-and-set: a row another dispatcher claimed since we looked is leased (or no
    // longer pending) and is left alone (matters on PostgreSQL, where other servers'
    // dispatchers run truly in parallel).
    const { count } = await tx.emailMessage.updateMany({
      where: { id: { in: ids }, status: "pending", nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { lockedUntil: leaseEnd, lockedBy: workerId, attempts: { increment: 1 } },
    });
    if (count === 0) return [];
    return tx.emailMessage.findMany({ where: { id: { in: ids }, lockedBy: workerId, lockedUntil: leaseEnd }, select: CLAIM_SELECT });
  }, dialect.readCommitted);
}

/** The claim before issue 16: a compare-and-set per row. For the "per-message" pipeline. */
export async function claimBatchPerRow(db: Db, workerId: string, limit: number, leaseMs: number, now: Date): Promise<Claimed[]> {
  const leaseEnd = new Date(now.getTime() + leaseMs);
  const dialect = dialectOf(db);
  return db.$transaction(async (tx) => {
    const due = await dialect.claimDue(tx, now, limit);
    const claimed: string[] = [];
    for (const row of due) {
      const { count } = await tx.emailMessage.updateMany({
        where: { id: row.id, status: "pending", lockedUntil: row.lockedUntil },
        data: { lockedUntil: leaseEnd, lockedBy: workerId, attempts: { increment: 1 } },
      });
      if (count === 1) claimed.push(row.id);
    }
    if (!claimed.length) return [];
    return tx.emailMessage.findMany({ where: { id: { in: claimed }, lockedBy: workerId }, select: CLAIM_SELECT });
  }, dialect.readCommitted);
}

/** Addresses that must not get this category of email. */
async function suppressedAddresses(db: Db, messages: Claimed[]): Promise<Map<string, string>> {
  const addresses = [...new Set(messages.map((m) => m.toAddress.toLowerCase()))];
  if (!addresses.length) return new Map();
  const rows = await db.emailSuppression.findMany({ where: { address: { in: addresses } }, select: { address: true, scope: true, reason: true } });
  return new Map(rows.map((r) => [r.address, `${r.scope}:${r.reason}`]));
}

function isSuppressed(entry: string | undefined, category: string): boolean {
  if (!entry) return false;
  // A staff member's own message is not marketing, but a person who complained gets none.
  return entry.startsWith("all:") || category === "marketing" || (category === "staff" && entry.endsWith(":complaint"));
}

/** Resumes the worker's claims: only a row this worker still holds is updated. */
function held(id: string, workerId: string) {
  return { id, lockedBy: workerId, status: "pending" };
}

export function unsubscribeUrl(siteUrl: string, token: string) {
  return `${siteUrl}/unsubscribe/${token}`;
}
export function oneClickUnsubscribeUrl(siteUrl: string, token: string) {
  return `${siteUrl}/api/unsubscribe/${token}`;
}

/** Runs one round: claim, render, send, record. Returns what happened. */
export async function dispatchRound(options: DispatcherOptions): Promise<RoundResult> {
  // Options left undefined keep their defaults.
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as DispatcherOptions;
  const o = { ...DISPATCH_DEFAULTS, ...given };
  const now = (o.now ?? (() => new Date()))();
  const workerId = o.workerId ?? `dispatcher-${randomUUID()}`;
  const result: RoundResult = { claimed: 0, sent: 0, retrying: 0, failed: 0, suppressed: 0 };

  const perMessage = o.pipeline === "per-message";
  const batch = await (perMessage ? claimBatchPerRow : claimBatch)(o.db, workerId, o.batchSize, o.leaseMs, now);
  result.claimed = batch.length;
  if (!batch.length) return result;

  const suppressed = await suppressedAddresses(o.db, batch);
  const records: OutcomeWrite[] = [];
  let next = 0;
  const worker = async () => {
    while (next < batch.length) {
      const message = batch[next++];
      const { outcome, record } = await deliver(o, message, suppressed.get(message.toAddress.toLowerCase()));
      if (perMessage) await writeRecordPerMessage(o.db, workerId, record);
      else records.push(record);
      result[outcome]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, batch.length) }, worker));
  // One transaction for the round's outcomes. Each write still applies only to a row this
  // worker holds, so an outcome that comes after the lease was taken over changes nothing.
  if (records.length) await writeRecords(o.db, workerId, records, (o.now ?? (() => new Date()))());
  return result;
}

/** An outcome to write: the row and its new columns (written only while this worker holds it). */
type OutcomeWrite = { id: string; data: OutcomeColumns };
type OutcomeColumns = {
  status?: string;
  lastError: string | null;
  lockedUntil: null;
  lockedBy: null;
  subject?: string;
  html?: string;
  text?: string;
  /** JSON of the attachments sent, when there are some. */
  attachments?: string;
  transport?: string;
  providerId?: string;
  sentAt?: Date;
  deliveredAt?: Date;
  failedAt?: Date;
  nextAttemptAt?: Date;
};

/** The "per-message" pipeline's write: one Prisma update in a transaction of its own. */
async function writeRecordPerMessage(db: Db, workerId: string, record: OutcomeWrite): Promise<void> {
  await db.$transaction((tx) => tx.emailMessage.updateMany({ where: held(record.id, workerId), data: record.data }), dialectOf(db).readCommitted);
}

/**
 * A round's outcomes in one transaction, as SQL built with Kysely and run on Prisma's
 * transaction (lib/db/sql.ts): through Prisma's query compiler, these updates (one per
 * message, each with its own HTML and text) cost more CPU than rendering the emails
 * (docs/performance.md). `updatedAt` is set here since Prisma's @updatedAt does not apply
 * to raw SQL.
 */
async function writeRecords(db: Db, workerId: string, records: OutcomeWrite[], now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const sql = sqlInTransaction(db, tx);
    for (const { id, data } of records) {
      const set: Record<string, string | number | null> = { updatedAt: at(now) };
      for (const [column, value] of Object.entries(data)) {
        if (value !== undefined) set[column] = value instanceof Date ? at(value) : value;
      }
      await sql.run(sql.q.updateTable("EmailMessage").set(set).where("id", "=", id).where("lockedBy", "=", workerId).where("status", "=", "pending").compile());
    }
  }, dialectOf(db).readCommitted);
}

async function deliver(
  o: DispatcherOptions & typeof DISPATCH_DEFAULTS,
  m: Claimed,
  suppression: string | undefined,
): Promise<{ outcome: "sent" | "retrying" | "failed" | "suppressed"; record: OutcomeWrite }> {
  const clock = o.now ?? (() => new Date());
  const log = o.log ?? (() => {});

  if (isSuppressed(suppression, m.category)) {
    return {
      outcome: "suppressed",
      record: { id: m.id, data: { status: "suppressed", lastError: `Suppressed (${suppression})`, lockedUntil: null, lockedBy: null } },
    };
  }

  // Render once; later attempts resend exactly the same content.
  let rendered: RenderedEmail;
  try {
    if (m.subject !== null && m.html !== null && m.text !== null) {
      const attachments = storedAttachments(m.attachments);
      rendered = { subject: m.subject, html: m.html, text: m.text, ...(attachments.length ? { attachments } : {}) };
    } else {
      const ctx: RenderContext = { siteUrl: o.siteUrl, unsubscribeUrl: m.unsubscribeToken ? unsubscribeUrl(o.siteUrl, m.unsubscribeToken) : undefined };
      rendered = await o.render(m.template as EmailTemplate, JSON.parse(m.data), ctx);
    }
  } catch (error) {
    // A template that cannot render this data will not render it next time either.
    const reason = `Render failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
    log("email render failed", { id: m.id, reason });
    return {
      outcome: "failed",
      record: { id: m.id, data: { status: "failed", lastError: reason, failedAt: clock(), lockedUntil: null, lockedBy: null } },
    };
  }
  // Saved with the outcome of the first attempt, attachments too (rendering is
  // deterministic, so a crash before that only means rendering the same bytes again).
  const attachments = rendered.attachments?.length ? rendered.attachments : undefined;
  const content = { subject: rendered.subject, html: rendered.html, text: rendered.text, attachments: attachments && JSON.stringify(attachments) };

  const headers: Record<string, string> = {};
  if (m.unsubscribeToken) {
    headers["List-Unsubscribe"] = `<${oneClickUnsubscribeUrl(o.siteUrl, m.unsubscribeToken)}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }

  let sent: SendResult;
  try {
    sent = await o.transport.send({
      id: m.id,
      from: o.from,
      // A staff message's replies go to the advisor who wrote it; the rest to the site's address.
      replyTo: m.replyTo ?? o.replyTo,
      to: m.toAddress,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers: Object.keys(headers).length ? headers : undefined,
      attachments,
    });
  } catch (error) {
    sent = { ok: false, retryable: true, error: `Transport error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) };
  }

  const at = clock();
  if (sent.ok) {
    const local = o.transport.name === "mailbox";
    return {
      outcome: "sent",
      record: {
        id: m.id,
        data: {
          ...content,
          status: local ? "delivered" : "sent",
          transport: o.transport.name,
          providerId: sent.providerId,
          sentAt: at,
          deliveredAt: local ? at : undefined,
          lastError: null,
          lockedUntil: null,
          lockedBy: null,
        },
      },
    };
  }

  if (sent.retryable && m.attempts < o.maxAttempts) {
    const wait = Math.max(sent.retryAfterMs ?? 0, backoffMs(m.attempts, o.baseDelayMs, o.maxDelayMs, o.random));
    log("email send will be retried", { id: m.id, attempt: m.attempts, waitMs: wait, error: sent.error });
    return {
      outcome: "retrying",
      record: {
        id: m.id,
        data: { ...content, lastError: sent.error, nextAttemptAt: new Date(at.getTime() + wait), lockedUntil: null, lockedBy: null },
      },
    };
  }

  const reason = sent.retryable ? `Gave up after ${m.attempts} attempts. Last error: ${sent.error}` : sent.error;
  log("email send failed", { id: m.id, reason });
  return {
    outcome: "failed",
    record: {
      id: m.id,
      data: { ...content, status: "failed", lastError: reason.slice(0, 500), failedAt: at, lockedUntil: null, lockedBy: null },
    },
  };
}

/** Rounds until nothing is due; returns the totals. For scripts, tests and `--once`. */
export async function drainOutbox(options: DispatcherOptions): Promise<RoundResult> {
  const total: RoundResult = { claimed: 0, sent: 0, retrying: 0, failed: 0, suppressed: 0 };
  const workerId = options.workerId ?? `dispatcher-${randomUUID()}`;
  for (;;) {
    const r = await dispatchRound({ ...options, workerId });
    for (const k of Object.keys(total) as (keyof RoundResult)[]) total[k] += r[k];
    if (r.claimed === 0) return total;
  }
}

export type RunningDispatcher = {
  /** Look for work now instead of at the next poll (called after a form is saved). */
  kick(): void;
  /** Stops polling and waits for the round in progress to finish. */
  stop(): Promise<void>;
};

/**
 * Polls the outbox until stopped. A round that finds work is followed at once by the next;
 * an idle one waits `pollMs` (or a kick). Errors (a locked or unreachable database) are
 * logged and retried on the next poll; nothing is lost, since the messages stay pending.
 */
/** Other work due now and then, run on the dispatcher's loop between rounds (a failure is logged, never fatal). */
export type PeriodicJob = { name: string; everyMs: number; run: (now: Date) => Promise<unknown> };

export function startDispatcher(options: DispatcherOptions & { pollMs?: number; periodic?: PeriodicJob[] }): RunningDispatcher {
  const pollMs = options.pollMs ?? 2_000;
  const lastRun = new Map<string, number>();
  const workerId = options.workerId ?? `dispatcher-${randomUUID()}`;
  const log = options.log ?? ((message, extra) => console.error(message, extra ?? ""));
  let stopped = false;
  let wake: (() => void) | undefined;
  let kicked = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (kicked || stopped) return resolve();
      const timer = setTimeout(resolve, ms);
      timer.unref?.();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopped) {
      kicked = false;
      let busy = false;
      try {
        const r = await dispatchRound({ ...options, workerId });
        busy = r.claimed > 0;
      } catch (error) {
        log("email dispatcher round failed", { error: error instanceof Error ? error.message : String(error) });
      }
      for (const job of options.periodic ?? []) {
        const now = options.now?.() ?? new Date();
        if (now.getTime() - (lastRun.get(job.name) ?? -Infinity) < job.everyMs) continue;
        lastRun.set(job.name, now.getTime());
        try {
          await job.run(now);
        } catch (error) {
          log(`${job.name} failed`, { error: error instanceof Error ? error.message : String(error) });
        }
      }
      if (!busy && !stopped) await sleep(pollMs);
      wake = undefined;
    }
  })();

  return {
    kick() {
      kicked = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
