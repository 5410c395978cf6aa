/**
 * What the app trusts, over the wire, against the real production server (server.ts on the
 * build in NEXT_DIST_DIR): client addresses, forwarded headers, body sizes, and the links a
 * visitor or an email gets. Run after a build (see vitest.http.config.ts).
 *
 * Two servers on one fresh SQLite database:
 * - **direct** (TRUSTED_PROXY_HOPS=0): clients talk to it straight and forge every
 *   forwarding header they like;
 * - **behind a proxy** (TRUSTED_PROXY_HOPS=1): requests arrive the way a reverse proxy
 *   sends them, with the internal Host, X-Forwarded-Host/-Proto of the public site and the
 *   client's address appended to X-Forwarded-For.
 *
 * The public origin is the build's SITE_URL ($SITE_URL, else http://127.0.0.1:3200). The
 * spoofed-header fuzz prints its figures (docs/security.md keeps them).
 */
import { randomUUID } from "node:crypto";
import http, { type IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, createStaffUser } from "@/lib/auth/auth";
import { seedPrograms } from "@/lib/content/seed-programs";
import { siteConfig } from "@/lib/site-config";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb } from "../helpers/test-db";
import { actionFormFields, decodeHtml } from "../helpers/action-form";

const SITE = (process.env.SITE_URL?.trim() || "http://127.0.0.1:3200").replace(/\/+$/, "");
const SITE_HOST = new URL(SITE).host;
const SITE_PROTO = new URL(SITE).protocol.slice(0, -1);
/** The Host a reverse proxy uses to reach the app inside its network. */
const INTERNAL_HOST = "app-internal.lan:8080";
const SECRET = `http-test-secret-${randomUUID()}`;
const STAFF = { email: "http-admin@loomstack.example", password: "http-admin-password-123" };
const FORM_IP_LIMIT = 10;
const SIGNIN_IP_LIMIT = 10;

const t = createTestDb();
afterAll(() => t.cleanup());

function serverEnv(hops: number): Record<string, string | undefined> {
  return {
    DATABASE_URL: t.url,
    SITE_URL: SITE,
    BETTER_AUTH_SECRET: SECRET,
    TRUSTED_PROXY_HOPS: String(hops),
    // The local mailbox: emails are rendered and stored, nothing leaves the machine.
    RESEND_API_KEY: "",
    EMAIL_POLL_MS: "200",
    STAFF_EMAIL: "admissions-http@loomstack.example",
    REDIS_URL: undefined,
    RATE_LIMIT_IP: `${FORM_IP_LIMIT}/600`,
    RATE_LIMIT_IDENTITY: "1000/600",
    SIGNIN_LIMIT_IP: `${SIGNIN_IP_LIMIT}/900`,
    SIGNIN_LIMIT_ACCOUNT: "25/900",
    // A first wait of a minute: no assertion depends on how fast the machine is.
    SIGNIN_BACKOFF: "5/60/900",
  };
}

type Answer = { status: number; headers: IncomingHttpHeaders; text: string };

/** One HTTP request with exactly these headers (fetch cannot set Host). */
function send(base: string, path: string, o: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Answer> {
  const u = new URL(base);
  const headers: Record<string, string | number> = { ...o.headers };
  if (o.body !== undefined) headers["content-length"] = Buffer.byteLength(o.body);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path, method: o.method ?? "GET", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(o.body);
  });
}

async function multipart(fields: [string, string][]): Promise<{ body: Buffer; type: string }> {
  const fd = new FormData();
  for (const [k, v] of fields) fd.append(k, v);
  const req = new Request("http://encode.invalid/", { method: "POST", body: fd });
  return { body: Buffer.from(await req.arrayBuffer()), type: req.headers.get("content-type")! };
}

/** Posts a form the way a browser without JavaScript does: the page's hidden fields, a fresh token, the values. */
async function postForm(server: AppServer, path: string, values: [string, string][], headers: Record<string, string>): Promise<Answer> {
  const page = await send(server.base, path, { headers });
  expect(page.status, `GET ${path}`).toBe(200);
  const fields = actionFormFields(page.text).filter(([k]) => k !== "submissionToken");
  const { body, type } = await multipart([...fields, ["submissionToken", randomUUID()], ...values]);
  return send(server.base, path, { method: "POST", body, headers: { ...headers, "content-type": type, accept: "text/html" } });
}

const outcomeOf = (a: Answer) =>
  a.status >= 500
    ? "5xx"
    : /several times in a short while/.test(a.text)
      ? "limited"
      : /role="status"/.test(a.text) && a.status === 200
        ? "saved"
        : `other ${a.status}`;

/** Every absolute http(s) URL in a text (HTML attribute values decoded). */
function urlsIn(text: string): string[] {
  return [...decodeHtml(text).matchAll(/https?:\/\/[^\s"'<>)\]]+/g)].map((m) => m[0]);
}

const stackTrace = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

beforeAll(async () => {
  await seedPrograms(t.db);
  await createStaffUser(createAuth({ db: t.db, secret: SECRET, baseURL: SITE }), { ...STAFF, name: "Hedy Http", role: "admin" });
}, 60_000);

describe("a server clients reach directly (TRUSTED_PROXY_HOPS=0), facing forged headers", () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer({ env: serverEnv(0) });
  });
  afterAll(async () => {
    await server?.stop();
    const log = server?.log.join("\n") ?? "";
    expect(log, "a stack trace in the server's log").not.toMatch(stackTrace);
  });

  const signIn = (body: string, headers: Record<string, string> = {}) =>
    send(server.base, "/api/auth/sign-in/email", { method: "POST", body, headers: { "content-type": "application/json", origin: server.base, ...headers } });

  it("prints where it serves and that it trusts no proxy", () => {
    expect(server.log).toContain(`> Loomstack Academy (production) on http://127.0.0.1:${server.port}`);
    expect(server.log.join("\n")).toContain("trusted proxy hops: 0 (client addresses from the socket)");
  });

  it("14 wrong passwords to /api/auth/sign-in/email with a new X-Forwarded-For each get 429 from the seventh, and then so does the right one", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const res = await signIn(JSON.stringify({ email: STAFF.email, password: `wrong-password-${i}` }), {
        "x-forwarded-for": `203.0.113.${i + 1}`,
        "x-real-ip": `198.18.0.${i + 1}`,
      });
      statuses.push(res.status);
    }
    // Five free failures; the sixth starts the pair's back-off (a minute here), then the per-IP limit.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429, 429]);
    const right = await signIn(JSON.stringify(STAFF), { "x-forwarded-for": "192.0.2.250" });
    expect(right.status).toBe(429);
    expect(Number(right.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(right.text).message).toMatch(/^Too many sign-in attempts\. Try again in \d+ (seconds?|minutes?)\.$/);
  });

  it(`32 form posts with a new X-Forwarded-For each are limited at the per-IP limit (${FORM_IP_LIMIT})`, async () => {
    const run = randomUUID().slice(0, 8);
    const outcomes: string[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await postForm(
        server,
        "/newsletter",
        [
          ["email", `xff-${run}-${i}@example.com`],
          ["consent", "on"],
        ],
        {
          origin: server.base,
          "x-forwarded-for": `198.51.100.${i + 1}`,
          "x-real-ip": `198.51.100.${i + 101}`,
          forwarded: `for=192.0.2.${i + 1}`,
        },
      );
      outcomes.push(outcomeOf(res));
    }
    expect(outcomes.filter((o) => o === "saved")).toHaveLength(FORM_IP_LIMIT);
    expect(outcomes.filter((o) => o === "limited")).toHaveLength(32 - FORM_IP_LIMIT);
    expect(await t.db.lead.count({ where: { email: { startsWith: `xff-${run}-` } } })).toBe(FORM_IP_LIMIT);
  });

  it("answers a 3 MB body with 413 and a chunked one with 411, before the app reads them, logging nothing", async () => {
    // The newsletter form's real Server Action id, as a fetch from the page would send it.
    const page = await send(server.base, "/newsletter");
    const actionId = actionFormFields(page.text)
      .map(([k, v]) => /^\$ACTION_ID_([0-9a-f]+)$/.exec(k)?.[1] ?? /"id":"([0-9a-f]+)"/.exec(v)?.[1])
      .find(Boolean);
    expect(actionId).toMatch(/^[0-9a-f]{40,}$/);
    const linesBefore = server.log.length;
    const big = "a".repeat(3 * 1024 * 1024);
    for (const [path, type] of [
      ["/newsletter", "multipart/form-data; boundary=x"],
      ["/newsletter", "text/plain;charset=UTF-8"],
      ["/api/auth/sign-in/email", "application/json"],
      ["/api/webhooks/resend", "application/json"],
      ["/console/sign-in", "application/x-www-form-urlencoded"],
    ]) {
      const res = await fetch(`${server.base}${path}`, {
        method: "POST",
        body: big,
        headers: { "content-type": type, "next-action": actionId!, origin: server.base },
      });
      expect(res.status, path).toBe(413);
      expect(await res.text()).toMatch(/too large/);
    }
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${server.base}/newsletter`,
        { method: "POST", headers: { "content-type": "text/plain", "transfer-encoding": "chunked" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write("x".repeat(1000));
      req.end("y");
    });
    expect(chunked).toBe(411);
    expect(server.log.slice(linesBefore)).toEqual([]);
  });

  it("fuzz: forged forwarding headers on pages, links, forms and sign-in never give a 5xx, a stack trace or a row that believes them", async () => {
    const run = randomUUID().slice(0, 8);
    const junk = [
      "203.0.113.9",
      "1.2.3.4, 5.6.7.8",
      "2001:db8::1",
      "[2001:db8::2]:443",
      "unknown",
      "",
      " , ,",
      "999.999.999.999",
      "evil.example",
      "<script>alert(1)</script>",
      "x".repeat(2000),
      'for="[2001:db8::3]";proto=https;host=evil.example',
      "::ffff:10.0.0.1",
      "localhost:3000",
      "https://evil.example",
      "%00%0d%0a",
      "127.0.0.1",
    ];
    const pick = <T>(xs: T[], i: number, salt: number) => xs[(i * 7 + salt * 13) % xs.length];
    const targets: ((h: Record<string, string>, i: number) => Promise<Answer>)[] = [
      (h) => send(server.base, "/", { headers: h }),
      (h) => send(server.base, "/apply", { headers: h }),
      (h, i) => send(server.base, `/r/${i % 2 ? "K7QW3MZP" : "nope%00..%2f"}`, { headers: h }),
      (h) => send(server.base, "/console/sign-in", { headers: h }),
      (h) => send(server.base, "/sitemap.xml", { headers: h }),
      (h, i) =>
        send(server.base, "/api/auth/sign-in/email", {
          method: "POST",
          headers: { ...h, "content-type": i % 3 ? "application/json" : "text/plain", origin: server.base },
          body: [
            JSON.stringify({ email: `fuzz-${i}@x.example`, password: "wrong-password-1" }),
            "{not json",
            "",
            JSON.stringify({ email: 5, password: null }),
            "[]",
          ][i % 5],
        }),
      (h, i) =>
        postForm(
          server,
          "/newsletter",
          [
            ["email", `fuzz-${run}-${i}@example.com`],
            ["consent", "on"],
          ],
          { ...h, origin: pick([server.base, server.base, "http://evil.example", "null", "not a url"], i, 9) },
        ),
    ];
    let tried = 0;
    const fiveXX: string[] = [];
    for (let i = 0; i < 140; i++) {
      const h: Record<string, string> = {
        "x-forwarded-for": pick(junk, i, 1),
        "x-forwarded-host": pick(junk, i, 2),
        "x-forwarded-proto": pick(["https", "http", "gopher", "", "https, http"], i, 3),
        "x-forwarded-port": pick(["443", "0", "-1", "99999", "abc"], i, 4),
        "x-real-ip": pick(junk, i, 5),
        forwarded: `for=${pick(junk, i, 6).replace(/[^\x20-\x7e]/g, "")}`,
        "x-loomstack-client-ip": pick(junk, i, 7),
        "true-client-ip": pick(junk, i, 8),
      };
      for (const k of Object.keys(h)) if (!h[k]) delete h[k];
      const target = targets[i % targets.length];
      const res = await target(h, i);
      tried++;
      if (res.status >= 500) fiveXX.push(`${i}: ${res.status}`);
    }
    // Rows that believed a forged header: a session or a rate-limit counter naming any address
    // but the socket's (127.0.0.1), or a lead past the per-IP limit.
    const sessions = await t.db.session.findMany({ select: { ipAddress: true } });
    const badSessions = sessions.filter((s) => s.ipAddress !== "127.0.0.1" && s.ipAddress !== null);
    const keys = await t.db.$queryRawUnsafe<{ key: string }[]>(`SELECT key FROM rate_limits WHERE key LIKE '%:ip:%'`);
    const badKeys = keys.filter((k) => !k.key.endsWith(":ip:127.0.0.1"));
    const leadsPastLimit = Math.max(0, (await t.db.lead.count({ where: { email: { startsWith: "fuzz-" } } })) - FORM_IP_LIMIT);
    const invalidRows = badSessions.length + badKeys.length + leadsPastLimit;
    console.log(`[http fuzz] direct server, forged forwarding headers: ${tried} requests tried, ${fiveXX.length} answered 5xx, ${invalidRows} invalid rows`);
    expect(fiveXX).toEqual([]);
    expect(badKeys.map((k) => k.key)).toEqual([]);
    expect(badSessions).toEqual([]);
    expect(leadsPastLimit).toBe(0);
    expect(server.log.join("\n")).not.toMatch(stackTrace);
  });

  it("refuses a form post from another origin with 403, not Next's 500 and a logged stack", async () => {
    const linesBefore = server.log.length;
    for (const origin of ["http://evil.example", "null", "not a url"]) {
      const res = await postForm(
        server,
        "/newsletter",
        [
          ["email", `cross-${randomUUID().slice(0, 8)}@example.com`],
          ["consent", "on"],
        ],
        {
          origin,
          "x-forwarded-host": "evil.example", // forged: with 0 hops it never reaches Next
        },
      );
      expect(res.status, origin).toBe(403);
    }
    expect(await t.db.lead.count({ where: { email: { startsWith: "cross-" } } })).toBe(0);
    expect(server.log.slice(linesBefore)).toEqual([]);
  });

  it("redirects /r/<code> relatively, whatever Host and X-Forwarded-Host say", async () => {
    const res = await send(server.base, "/r/K7QW3MZP", { headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/?ref=K7QW3MZP");
  });
});

describe("a server behind one trusted proxy (TRUSTED_PROXY_HOPS=1): every link a visitor or an email gets", () => {
  let server: AppServer;
  const clientIp = "198.51.100.200";
  /** What the proxy adds: the public host and scheme, and the client it received the request from. */
  const proxied = (extra: Record<string, string> = {}) => ({
    host: INTERNAL_HOST,
    "x-forwarded-host": SITE_HOST,
    "x-forwarded-proto": SITE_PROTO,
    "x-forwarded-for": `6.6.6.6, ${clientIp}`, // the client wrote 6.6.6.6; the proxy appended the real address
    ...extra,
  });
  /** Nothing a visitor or an email gets may point at the app's internal or real address. */
  const leaks = (urls: string[]) =>
    urls.filter((u) => u.includes(INTERNAL_HOST) || u.includes(`:${server.port}`) || /localhost|evil\.example|6\.6\.6\.6/.test(u));
  const external = new Set(Object.values(siteConfig.social).map((u) => new URL(u).origin));
  const ours = (u: string) => u === SITE || u.startsWith(`${SITE}/`);

  beforeAll(async () => {
    server = await startAppServer({ env: serverEnv(1) });
  });
  afterAll(async () => {
    await server?.stop();
    expect(server?.log.join("\n") ?? "", "a stack trace in the server's log").not.toMatch(stackTrace);
  });

  it("the /r/<code> redirect lands on the public site", async () => {
    const res = await send(server.base, "/r/K7QW3MZP", { headers: proxied() });
    expect(res.status).toBe(303);
    const location = res.headers.location!;
    expect(leaks([location])).toEqual([]);
    expect(new URL(location, SITE).toString()).toBe(`${SITE}/?ref=K7QW3MZP`);
  });

  it("canonical and Open Graph URLs are the public site's, and no page names an internal address", async () => {
    for (const path of ["/", "/programs", "/careers/machine-learning-engineer", "/apply", "/refer", "/newsletter", "/console/sign-in"]) {
      const res = await send(server.base, path, { headers: proxied() });
      expect(res.status, path).toBe(200);
      expect(leaks(urlsIn(res.text)), path).toEqual([]);
      const meta = (re: RegExp) => decodeHtml(re.exec(res.text)?.[1] ?? "");
      const canonical = meta(/<link rel="canonical" href="([^"]+)"/);
      const ogUrl = meta(/<meta property="og:url" content="([^"]+)"/);
      const ogImage = meta(/<meta property="og:image" content="([^"]+)"/);
      if (!path.startsWith("/console")) {
        expect(ours(canonical) && new URL(canonical).pathname.replace(/(.)\/$/, "$1"), `${path} canonical ${canonical}`).toBe(path);
        expect(ours(ogUrl), `${path} og:url ${ogUrl}`).toBe(true);
        expect(ours(ogImage), `${path} og:image ${ogImage}`).toBe(true);
      }
    }
  });

  it("a referral and a sign-up through the proxy: the answers and every stored email link only to the public site", async () => {
    const run = randomUUID().slice(0, 8);
    const referrer = `ref-${run}@example.com`;
    const friend = `friend-${run}@example.com`;
    const referral = await postForm(
      server,
      "/refer",
      [
        ["name", "Rhea Referrer"],
        ["email", referrer],
        ["friends.0.name", "Finn Friend"],
        ["friends.0.email", friend],
        ["friends.0.note", "You would like this."],
        ["consent", "on"],
      ],
      proxied({ origin: SITE }),
    );
    expect(outcomeOf(referral)).toBe("saved");
    expect(leaks(urlsIn(referral.text))).toEqual([]);
    const newsletter = await postForm(
      server,
      "/newsletter",
      [
        ["email", `news-${run}@example.com`],
        ["consent", "on"],
      ],
      proxied({ origin: SITE }),
    );
    expect(outcomeOf(newsletter)).toBe("saved");

    // The dispatcher renders each email into the local mailbox (stored with the row).
    const addresses = [referrer, friend, `news-${run}@example.com`, "admissions-http@loomstack.example"];
    const deadline = Date.now() + 60_000;
    let rows = await t.db.emailMessage.findMany({ where: { toAddress: { in: addresses }, createdAt: { gte: new Date(Date.now() - 120_000) } } });
    while (Date.now() < deadline && (rows.length === 0 || rows.some((r) => r.status === "pending"))) {
      await new Promise((r) => setTimeout(r, 250));
      rows = await t.db.emailMessage.findMany({ where: { toAddress: { in: addresses }, createdAt: { gte: new Date(Date.now() - 120_000) } } });
    }
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((r) => !r.html || !r.text).map((r) => `${r.template} ${r.status} ${r.lastError ?? ""}`)).toEqual([]);
    const toFriend = rows.filter((r) => r.toAddress === friend);
    expect(toFriend.length).toBeGreaterThan(0);

    let checked = 0;
    const wrong: string[] = [];
    for (const r of rows) {
      const urls = [...urlsIn(r.html ?? ""), ...urlsIn(r.text ?? "")].filter((u) => !u.startsWith("http://www.w3.org/"));
      for (const u of urls) {
        checked++;
        if (!ours(u) && !external.has(new URL(u).origin)) wrong.push(`${r.template}: ${u}`);
      }
    }
    console.log(`[http links] through the proxy: ${rows.length} stored emails, ${checked} links checked, ${wrong.length} pointing elsewhere`);
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(rows.length);
    // The friend's invitation carries the referrer's link on the public site.
    expect(toFriend.some((r) => urlsIn(r.html ?? "").some((u) => u.startsWith(`${SITE}/r/`)))).toBe(true);
  });

  it("the client is the address the proxy appended: the session and the limits record it, not what the client wrote", async () => {
    const res = await send(server.base, "/api/auth/sign-in/email", {
      method: "POST",
      body: JSON.stringify(STAFF),
      headers: proxied({ "content-type": "application/json", origin: SITE }),
    });
    expect(res.status).toBe(200);
    const sessions = await t.db.session.findMany({ where: { user: { email: STAFF.email } }, orderBy: { createdAt: "desc" }, take: 1 });
    expect(sessions[0]?.ipAddress).toBe(clientIp);
    const keys = await t.db.$queryRawUnsafe<{ key: string }[]>(
      `SELECT key FROM rate_limits WHERE key LIKE 'signin:ip:%' OR key LIKE 'newsletter:ip:%' OR key LIKE 'referral:ip:%'`,
    );
    expect(keys.map((k) => k.key)).toEqual(expect.arrayContaining([`signin:ip:${clientIp}`, `referral:ip:${clientIp}`]));
    expect(keys.some((k) => k.key.includes("6.6.6.6"))).toBe(false);
  });

  it("prints where it serves and how many proxies it trusts", () => {
    expect(server.log.join("\n")).toContain("trusted proxy hops: 1");
  });
});

describe("the start-up warning about the public address", () => {
  it("a production server whose SITE_URL is unset says so, with the address links would use", async () => {
    const server = await startAppServer({ env: { ...serverEnv(0), SITE_URL: undefined, NEXT_PUBLIC_SITE_URL: undefined, EMAIL_DISPATCHER: "off" } });
    try {
      const log = server.log.join("\n");
      expect(log).toContain(`> Public URL: http://localhost:${server.port}`);
      expect(log).toMatch(new RegExp(`WARNING: SITE_URL is not set, so links in emails and pages point to http://localhost:${server.port}`));
    } finally {
      await server.stop();
    }
  });
});
