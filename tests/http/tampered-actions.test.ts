/**
 * Tampered Server Action calls over HTTP, against the production server (server.ts on a
 * `next build`, tests/helpers/app-server.ts). A fetch action is a POST with a `Next-Action:
 * <id>` header and a body in React's reply encoding (text, or multipart when an argument is
 * a FormData); the ids come from the build's server-reference-manifest.json. Every public
 * form's action, and every other action of the app but staff sign-in, is sent: no argument,
 * `$undefined`, null, strings, numbers and objects as the previous state, the form data as
 * an object, a string or missing, 200 arguments, references to parts that are not there,
 * random bytes, wrong content types, and the no-JavaScript form post with junk.
 *
 * Each answer must be below 500 and clean (the form's error, a redirect, or Next's refusal);
 * no row is written; the log holds no stack trace or TypeError. The figures are printed
 * (docs/security.md keeps them).
 *
 *   NEXT_DIST_DIR=.next-test npx vitest run --config vitest.http.config.ts tests/http/tampered-actions.test.ts
 */
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPrograms } from "@/lib/content/seed-programs";
import { defaultDistDir, PROJECT_ROOT, startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb } from "../helpers/test-db";

/** Random-byte and random-JSON bodies per action; FC_NUM_RUNS for a longer search. */
const RANDOM_BODIES = Number(process.env.FC_NUM_RUNS) || 12;

/** Staff sign-in belongs to its own tests (and its own engineer); everything else is here. */
const LEFT_OUT = new Set(["signInAction", "signOutAction"]);
/** The five public forms, the redemption form on /refer and the RSVP form: all must be in the manifest. */
const PUBLIC_FORM_ACTIONS = ["submitEnroll", "submitQuote", "submitReferral", "submitNewsletter", "submitCallback", "submitRedemption", "submitEvent"];
const UNREADABLE = "We could not read this form. Reload the page and send it again.";

type Action = { id: string; name: string; file: string; page: string };

/** "app/(forms)/invite/[token]/page" → "/invite/<a made-up token>". */
function pagePath(worker: string): string {
  const parts = worker
    .replace(/^app\//, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((p) => !/^\(.*\)$/.test(p))
    .map((p) => (/^\[.*\]$/.test(p) ? "ABCDEFGHJKMNPQRSTUVWXYZ2" : p));
  return `/${parts.join("/")}`;
}

function actionsOf(distDir: string): Action[] {
  const manifest = JSON.parse(readFileSync(path.join(PROJECT_ROOT, distDir, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node)
    .map(([id, a]) => ({ id, name: a.exportedName ?? "", file: a.filename ?? "", page: pagePath(Object.keys(a.workers)[0] ?? "") }))
    .filter((a) => a.name && !LEFT_OUT.has(a.name));
}

type Body = { what: string; contentType?: string; body: BodyInit; noActionHeader?: boolean; actionId?: string };

/** The previous states a client may send, as reply-encoded JSON values. */
const PREVIOUS = [
  '"$undefined"',
  "null",
  '"junk"',
  "42",
  '{"submissionToken":"not-a-token","status":"idle"}',
  '{"__proto__":{"polluted":1}}',
  '"$@0"',
  '"$Q99"',
];

/** A multipart body with the arguments part "0" last, as React's client sends it (the server decodes parts as they arrive). */
function multipart(fields: Record<string, string>): FormData {
  const f = new FormData();
  // Object.entries puts the integer-like key "0" first: append it last.
  for (const [k, v] of Object.entries(fields)) if (k !== "0") f.append(k, v);
  if ("0" in fields) f.append("0", fields["0"]);
  return f;
}

/** Tampered bodies for one action (the same for every action; most are malformed for all). */
function tamperedBodies(action: Action): Body[] {
  const text = (what: string, body: string): Body => ({ what, contentType: "text/plain;charset=UTF-8", body });
  const out: Body[] = [
    text("no argument", "[]"),
    text("200 arguments", JSON.stringify(Array.from({ length: 200 }, (_, i) => (i % 3 ? "$undefined" : i)))),
    text("the form data as an object", '["$undefined",{"name":"Ada","email":"ada@example.com","consent":"on"}]'),
    text("the form data as a string", '["$undefined","name=Ada&email=ada%40example.com"]'),
    text("the form data as an array", '[null,[["email","a@example.com"]]]'),
    text("the form data as a Map", '[null,"$Q1"]'),
    text("a FormData reference with no parts", '["$undefined","$K1"]'),
    text("a reference to another action", '["$undefined","$F1"]'),
    text("a body that is not JSON", '["$undefined",'),
    text("a JSON object, not a list", '{"0":"$undefined"}'),
    text("a bare string", '"$undefined"'),
    text("deep nesting", `[${"[".repeat(500)}${"]".repeat(500)}]`),
    ...PREVIOUS.map((p) => text(`previous ${p}, nothing else`, `[${p}]`)),
    ...PREVIOUS.map((p) => text(`previous ${p}, form data null`, `[${p},null]`)),
    {
      what: "multipart, previous $undefined, form data as an object",
      contentType: undefined,
      body: multipart({ "0": '["$undefined",{"email":"a@example.com"}]' }),
    },
    {
      what: "multipart, a FormData reference to junk fields",
      body: multipart({ "0": '["$undefined","$K1"]', _1_email: "not-an-email", _1_name: "Ada\r\nBcc: x@example.com", "_1_friends.99999.name": "x" }),
    },
    { what: "multipart, the FormData first", body: multipart({ "0": '["$K1","$undefined"]', _1_email: "a@example.com" }) },
    { what: "multipart, a Map reference to a part that is there", body: multipart({ "0": '["$undefined","$Q1"]', "1": '[["email","a@example.com"]]' }) },
    { what: "multipart, no root part", body: multipart({ _1_email: "a@example.com" }) },
    { what: "multipart, a root that is not JSON", body: multipart({ "0": "{{{" }) },
    { what: "JSON content type", contentType: "application/json", body: '{"email":"a@example.com"}' },
    { what: "url-encoded content type", contentType: "application/x-www-form-urlencoded", body: "email=a%40example.com&consent=on" },
    { what: "octet-stream of random bytes", contentType: "application/octet-stream", body: new Uint8Array(randomBytes(256)) },
    { what: "a multipart content type with a random body", contentType: "multipart/form-data; boundary=xyz", body: new Uint8Array(randomBytes(256)) },
    { what: "an empty body", contentType: "text/plain", body: "" },
    // The no-JavaScript post: React's hidden fields name the action; the rest is junk.
    { what: "no-JS post with junk fields", noActionHeader: true, body: multipart({ [`$ACTION_ID_${action.id}`]: "", email: "x", consent: "maybe" }) },
    {
      what: "no-JS post with a junk bound state",
      noActionHeader: true,
      body: multipart({ $ACTION_REF_1: "", "$ACTION_1:0": `{"id":"${action.id}","bound":"$@1"}`, "$ACTION_1:1": '["$undefined","$K9"]', email: "x" }),
    },
    {
      what: "no-JS post with a bound state of references",
      noActionHeader: true,
      body: multipart({ $ACTION_REF_1: "", "$ACTION_1:0": `{"id":"${action.id}","bound":"$@1"}`, "$ACTION_1:1": '["$Q2","$F3"]' }),
    },
    { what: "no-JS post with unreadable action metadata", noActionHeader: true, body: multipart({ $ACTION_REF_1: "", "$ACTION_1:0": "{{{", email: "x" }) },
    { what: "no-JS post naming no action", noActionHeader: true, body: multipart({ email: "x", consent: "on" }) },
    { what: "an empty action id", contentType: "text/plain;charset=UTF-8", body: "[]", actionId: "" },
    { what: "a malformed action id", contentType: "text/plain;charset=UTF-8", body: "[]", actionId: "zzz" },
  ];
  return out;
}

/** Random bodies: bytes, or JSON lists of random values (React decodes strings starting with $). */
const randomBody = fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((bytes): Body => ({ what: "random bytes", contentType: "text/plain;charset=UTF-8", body: bytes })),
  fc
    .array(
      fc.oneof(fc.jsonValue(), fc.constantFrom("$undefined", "$K1", "$Q1", "$W1", "$@1", "$F1", "$B1", "$n1", "$D", "$T", "$i1", "$Infinity", "$NaN", "$-0")),
      { maxLength: 6 },
    )
    .map((args): Body => ({ what: `random JSON ${JSON.stringify(args).slice(0, 60)}`, contentType: "text/plain;charset=UTF-8", body: JSON.stringify(args) })),
);

const t = createTestDb();
const distDir = defaultDistDir();
let server: AppServer;
let actions: Action[] = [];
let adminCookie = "";

/** Every table a tampered call could write to. */
async function rowCounts() {
  const db = t.db;
  const [leads, submissions, contacts, emails, points, subscriptions, activities, settings, users, tasks] = await Promise.all([
    db.lead.count(),
    db.leadSubmission.count(),
    db.contact.count(),
    db.emailMessage.count(),
    db.pointsEntry.count(),
    db.newsletterSubscription.count(),
    db.leadActivity.count(),
    db.setting.count(),
    db.user.count(),
    db.task.count(),
  ]);
  return { leads, submissions, contacts, emails, points, subscriptions, activities, settings, users, tasks };
}

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  actions = actionsOf(distDir);
  const env = { DATABASE_URL: t.url, STAFF_PASSWORD: "http-admin-password-123" };
  execFileSync(
    process.execPath,
    ["--import", "tsx", "scripts/staff.ts", "create", "--email", "admin-http@loomstack.example", "--name", "Hal Admin", "--role", "admin"],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: "pipe",
    },
  );
  server = await startAppServer({
    distDir,
    env: {
      DATABASE_URL: t.url,
      SITE_URL: undefined,
      NEXT_PUBLIC_SITE_URL: undefined,
      BETTER_AUTH_SECRET: "http-test-only-secret-0123456789abcdefghijklmnop",
      RESEND_API_KEY: "",
      REDIS_URL: undefined,
      RATE_LIMIT_IP: "100000/600",
      RATE_LIMIT_IDENTITY: "100000/600",
    },
  });
  const signIn = await fetch(`${server.base}/api/auth/sign-in/email`, {
    method: "POST",
    // Better Auth trusts the site's own origin: SITE_URL is unset, so http://localhost:<port>.
    headers: { "content-type": "application/json", origin: `http://localhost:${server.port}` },
    body: JSON.stringify({ email: "admin-http@loomstack.example", password: env.STAFF_PASSWORD }),
  });
  adminCookie =
    signIn.headers
      .getSetCookie()
      .find((c) => c.includes("session_token="))
      ?.split(";")[0] ?? "";
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await t.cleanup();
});

/**
 * The clean answers: the action's "could not read this form" state, its field errors (a real
 * FormData of junk), its redirect, the 400 of lib/http/action-post.ts, or, for a post
 * without JavaScript, the page again (a 404 page where the test made up the page's slug).
 */
type Answer = "form error" | "field errors" | "redirect" | "refused" | "page" | "other";
type Outcome = { action: string; what: string; who: string; status: number; answer: Answer; body: string };
const REFUSAL = "This form could not be read. Reload the page and send it again.\n";

async function send(action: Action, b: Body, who: "anonymous" | "admin"): Promise<Outcome> {
  const headers: Record<string, string> = { origin: server.base, accept: "text/x-component" };
  if (!b.noActionHeader) headers["next-action"] = b.actionId ?? action.id;
  if (b.contentType) headers["content-type"] = b.contentType;
  if (who === "admin") headers.cookie = adminCookie;
  const res = await fetch(`${server.base}${action.page}`, { method: "POST", headers, body: b.body, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const body = await res.text();
  const answer: Answer =
    res.status >= 500
      ? "other"
      : res.status === 400 && body === REFUSAL
        ? "refused"
        : (res.status >= 300 && res.status < 400) || res.headers.has("x-action-redirect")
          ? "redirect"
          : res.status === 200 && body.includes(UNREADABLE)
            ? "form error"
            : // "invalid-token": the password reset form's answer to a post without a usable token.
              res.status === 200 && /"status":"(error|invalid-token)"/.test(body)
              ? "field errors"
              : b.noActionHeader && (res.status === 200 || res.status === 404) && (res.headers.get("content-type") ?? "").startsWith("text/html")
                ? "page"
                : "other";
  const state = body.split("\n").find((l) => l.includes('"formType"')) ?? body;
  return { action: `${action.file}#${action.name}`, what: b.what, who, status: res.status, answer, body: state.slice(0, 400) };
}

describe("Server Actions over HTTP with tampered arguments", () => {
  it("finds every public form's action in the build", () => {
    expect(actions.length).toBeGreaterThan(PUBLIC_FORM_ACTIONS.length);
    expect(PUBLIC_FORM_ACTIONS.filter((n) => !actions.some((a) => a.name === n))).toEqual([]);
    expect(adminCookie, "the admin could not sign in").not.toBe("");
  });

  it("answers every tampered call below 500, cleanly, writing nothing and logging no stack trace", async () => {
    const before = await rowCounts();
    const logStart = server.log.length;
    const outcomes: Outcome[] = [];
    for (const action of actions) {
      const bodies = [...tamperedBodies(action), ...fc.sample(randomBody, { numRuns: RANDOM_BODIES, seed: action.id.length })];
      for (const b of bodies) outcomes.push(await send(action, b, "anonymous"));
      // Signed in as an admin (who may do everything), for the console's actions.
      if (action.file.includes("(console)")) for (const b of tamperedBodies(action)) outcomes.push(await send(action, b, "admin"));
    }
    const after = await rowCounts();
    const log = server.log.slice(logStart);

    const fiveHundreds = outcomes.filter((o) => o.status >= 500);
    const rowsWritten = Object.values(after).reduce((s, n) => s + n, 0) - Object.values(before).reduce((s, n) => s + n, 0);
    const publicForms = outcomes.filter((o) => PUBLIC_FORM_ACTIONS.some((n) => o.action.endsWith(`#${n}`)));
    const byAnswer: Record<string, number> = {};
    for (const o of outcomes) byAnswer[o.answer] = (byAnswer[o.answer] ?? 0) + 1;
    console.info(
      `[tampered Server Action calls over HTTP] ${outcomes.length} requests to ${actions.length} actions (${publicForms.length} to the public forms), ` +
        `${fiveHundreds.length} answered 5xx, ${rowsWritten} rows written; answers ${JSON.stringify(byAnswer)}; ` +
        `${log.filter((l) => l.includes("[actions]")).length} one-line warnings, ${log.filter((l) => /^\s+at\s/.test(l)).length} stack lines`,
    );

    expect(fiveHundreds.map((o) => `${o.status} ${o.who} ${o.action} with ${o.what}: ${o.body}`)).toEqual([]);
    expect(outcomes.filter((o) => o.answer === "other").map((o) => `${o.status} ${o.who} ${o.action} with ${o.what}: ${o.body}`)).toEqual([]);
    expect(after).toEqual(before);
    expect(log.filter((l) => /TypeError|^\s+at\s|⨯/.test(l))).toEqual([]);
  }, 600_000);

  it("answers a tampered call to each public form with the form's error and a fresh token", async () => {
    for (const name of PUBLIC_FORM_ACTIONS) {
      const action = actions.find((a) => a.name === name)!;
      const out = await send(
        action,
        { what: "previous null, form data as an object", contentType: "text/plain;charset=UTF-8", body: '[null,{"email":"a@example.com"}]' },
        "anonymous",
      );
      expect(out.status, name).toBe(200);
      expect(out.body, name).toContain(UNREADABLE);
      expect(out.body, name).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    }
  });

  it("still saves a real post sent the way React sends it, whatever the previous state", async () => {
    const action = actions.find((a) => a.name === "submitNewsletter")!;
    const email = `http-${randomUUID().slice(0, 8)}@example.com`;
    // As React's client encodes (previous state, FormData): the fields under the "_1_" prefix.
    const body = multipart({ _1_email: email, _1_consent: "on", _1_submissionToken: randomUUID(), "0": '[null,"$K1"]' });
    const out = await send(action, { what: "a real newsletter post", body }, "anonymous");
    expect(out.status).toBe(200);
    expect(await t.db.lead.count({ where: { email } }), `${out.body}\n${server.log.slice(-8).join("\n")}`).toBe(1);
  });
});
