import type { NextApiRequest, NextApiResponse } from "next";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { narrow } from "../helpers/narrow";
import { createTestDb } from "../helpers/test-db";
import { seedPrograms } from "@/lib/content/seed-programs";
import { getProgram, listPrograms } from "@/lib/content/programs";
import {
  addCohort,
  addPaymentOption,
  centsToDollars,
  cohortSchema,
  dollarsToCents,
  getProgramForEditing,
  internalOrigin,
  isRevalidationToken,
  listProgramsForConsole,
  monthlyCentsFor,
  parseVersion,
  paymentOptionSchema,
  programPagePaths,
  programSchema,
  removePaymentOption,
  requestProgramPagesRevalidation,
  requestProgramPagesRevalidationEverywhere,
  revalidationOrigins,
  revalidationToken,
  updateCohort,
  updatePaymentOption,
  updateProgram,
  type EditableProgram,
} from "@/lib/console/programs";
import { authSecret } from "@/lib/auth/auth";
import revalidateHandler from "@/pages/api/revalidate-programs";

const now = new Date("2026-11-21T12:00:00Z");
const t = createTestDb();
const envOf = (e: Record<string, string>) => e as unknown as NodeJS.ProcessEnv;
const SLUG = "data-analytics";

beforeAll(async () => {
  await seedPrograms(t.db, now);
});
afterAll(() => t.cleanup());

const editable = async (slug = SLUG) => (await getProgramForEditing(t.db, slug)) as EditableProgram;

function programForm(p: EditableProgram, over: Record<string, string | undefined> = {}): Record<string, unknown> {
  return {
    name: p.name,
    tagline: p.tagline,
    summary: p.summary,
    format: p.format,
    schedule: p.schedule,
    durationWeeks: String(p.durationWeeks),
    hoursPerWeek: String(p.hoursPerWeek),
    level: p.level,
    outcomes: p.outcomes,
    curriculum: p.curriculum,
    published: p.published ? "on" : undefined,
    ...over,
  };
}

const cohortForm = (over: Record<string, string> = {}) => ({
  name: "June 2027 cohort",
  startDate: "2027-06-07",
  endDate: "2027-09-10",
  timeZone: "America/Chicago",
  seats: "24",
  seatsLeft: "24",
  status: "open",
  ...over,
});

const paymentForm = (over: Record<string, string> = {}) => ({
  kind: "instalments",
  label: "Pay monthly",
  description: "Twelve interest-free payments.",
  total: "12,000",
  instalments: "12",
  ...over,
});

describe("form schemas", () => {
  it("reads the program form: trimmed text, whole numbers, one item per line, the published box", async () => {
    const p = await editable();
    const parsed = programSchema.parse(programForm(p, { name: "  Data Analytics  ", outcomes: "  First\r\n\n Second \n", published: undefined }));
    expect(parsed.name).toBe("Data Analytics");
    expect(parsed.outcomes).toBe("First\nSecond");
    expect(parsed.published).toBe(false);
    expect(parsed.durationWeeks).toBe(p.durationWeeks);
  });

  it("names the field that is wrong, with a message a person can act on", async () => {
    const p = await editable();
    const r = programSchema.safeParse(
      programForm(p, { name: " ", durationWeeks: "12.5", hoursPerWeek: "0", outcomes: "\n \n", curriculum: "SQL\nsql", tagline: "x".repeat(201) }),
    );
    expect(r.success).toBe(false);
    const fields = new Set(r.error!.issues.map((i) => i.path.join(".")));
    expect(fields).toEqual(new Set(["name", "durationWeeks", "hoursPerWeek", "outcomes", "curriculum", "tagline"]));
    const msg = (f: string) => r.error!.issues.find((i) => i.path.join(".") === f)!.message;
    expect(msg("curriculum")).toMatch(/repeats/);
    expect(msg("durationWeeks")).toMatch(/whole number/);
  });

  it("survives junk: missing fields, files, arrays, control characters", () => {
    const r = programSchema.safeParse({ name: new Blob(["x"]), tagline: ["a"], summary: "ok\u0000", durationWeeks: "1e3" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.length).toBeGreaterThan(5);
  });

  it("checks a cohort's dates, seats, time zone and status", () => {
    expect(cohortSchema.parse(cohortForm()).startDate.toISOString()).toBe("2027-06-07T00:00:00.000Z");
    expect(cohortSchema.parse(cohortForm({ timeZone: " america/chicago " })).timeZone).toBe("America/Chicago");
    const errors = (over: Record<string, string>) => {
      const r = cohortSchema.safeParse(cohortForm(over));
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(errors({ endDate: "2027-06-07" })).toEqual({ endDate: "The end date must be after the start date." });
    expect(errors({ endDate: "2027-05-01" }).endDate).toMatch(/after the start/);
    expect(errors({ seatsLeft: "25" })).toEqual({ seatsLeft: "Seats left cannot be more than the 24 seats in the cohort." });
    expect(Object.keys(errors({ startDate: "2027-02-30" }))).toEqual(["startDate"]);
    expect(Object.keys(errors({ startDate: "next week" }))).toEqual(["startDate"]);
    expect(Object.keys(errors({ timeZone: "Mars/Olympus" }))).toEqual(["timeZone"]);
    expect(Object.keys(errors({ status: "full" }))).toEqual(["status"]);
    expect(Object.keys(errors({ seats: "-3" }))).toEqual(["seats"]);
  });

  it("reads dollars as exact cents, and prints them back", () => {
    expect(dollarsToCents("12500")).toBe(1_250_000);
    expect(dollarsToCents("$12,500.00")).toBe(1_250_000);
    expect(dollarsToCents("9450.5")).toBe(945_050);
    expect(dollarsToCents("0.07")).toBe(7);
    for (const bad of ["", "12.345", "1,2", "-5", "12 500", "1e4", "12500 USD"]) expect(dollarsToCents(bad)).toBeNull();
    expect(centsToDollars(945_050)).toBe("9450.50");
    expect(centsToDollars(1_250_000)).toBe("12500");
    expect(dollarsToCents(centsToDollars(945_007))).toBe(945_007);
  });

  it("needs a number of payments for monthly plans only, and works out the monthly figure like the seed", async () => {
    expect(paymentOptionSchema.parse(paymentForm())).toMatchObject({ totalCents: 1_200_000, instalments: 12, monthlyCents: 100_000 });
    expect(paymentOptionSchema.parse(paymentForm({ kind: "upfront", instalments: "" }))).toMatchObject({ instalments: null, monthlyCents: null });
    const err = (over: Record<string, string>) => paymentOptionSchema.safeParse(paymentForm(over)).error?.issues.map((i) => i.path.join("."));
    expect(err({ instalments: "" })).toEqual(["instalments"]);
    expect(err({ kind: "employer" })).toEqual(["instalments"]);
    expect(err({ instalments: "1" })).toEqual(["instalments"]);
    expect(err({ total: "0" })).toEqual(["total"]);
    expect(err({ total: "ten" })).toEqual(["total"]);
    expect(err({ kind: "crypto" })).toEqual(["kind"]);

    // The seeded catalogue's monthly figures are exactly what the editor would compute.
    const options = await t.db.paymentOption.findMany();
    for (const o of options) expect(o.monthlyCents).toBe(monthlyCentsFor(o.totalCents, o.instalments));
  });
});

describe("editing a program", () => {
  it("lists every program for the console, hidden ones too", async () => {
    const rows = await listProgramsForConsole(t.db, now);
    expect(rows.map((r) => r.slug)).toContain(SLUG);
    expect(rows.every((r) => r.cohorts >= r.upcomingCohorts && r.fromPriceCents! > 0)).toBe(true);
  });

  it("saves the public fields, and the public view shows them", async () => {
    const p = await editable();
    const out = await updateProgram(
      t.db,
      { programId: p.id, version: p.updatedAt },
      programForm(p, { name: "Data Analytics (Evenings)", tagline: "New tagline.", curriculum: "SQL\nPython\nDashboards", hoursPerWeek: "12" }),
    );
    expect(out).toEqual({ ok: true, slug: SLUG, id: p.id });
    const view = await getProgram(t.db, SLUG, now);
    expect(view).toMatchObject({ name: "Data Analytics (Evenings)", tagline: "New tagline.", curriculum: ["SQL", "Python", "Dashboards"], hoursPerWeek: 12 });
    expect(new Date(view!.updatedAt).getTime()).toBeGreaterThan(p.updatedAt.getTime());
  });

  it("refuses a save made from a stale page instead of overwriting the newer one", async () => {
    const p = await editable();
    expect((await updateProgram(t.db, { programId: p.id, version: p.updatedAt }, programForm(p, { tagline: "First save." }))).ok).toBe(true);
    const stale = await updateProgram(t.db, { programId: p.id, version: p.updatedAt }, programForm(p, { tagline: "Second save." }));
    expect(stale).toMatchObject({ ok: false, reason: "conflict" });
    expect((await getProgram(t.db, SLUG, now))?.tagline).toBe("First save.");
  });

  it("gives field errors for bad input and changes nothing", async () => {
    const p = await editable();
    const out = await updateProgram(t.db, { programId: p.id, version: p.updatedAt }, programForm(p, { durationWeeks: "lots" }));
    expect(out).toEqual({ ok: false, reason: "invalid", fieldErrors: { durationWeeks: "Enter the duration in weeks as a whole number." } });
    expect((await editable()).updatedAt).toEqual(p.updatedAt);
  });

  it("reports a program that does not exist", async () => {
    const p = await editable();
    expect(await updateProgram(t.db, { programId: "nope" }, programForm(p))).toMatchObject({ ok: false, reason: "not_found" });
    expect(await getProgramForEditing(t.db, "../etc/passwd")).toBeNull();
  });

  it("unpublishing takes the program off the public list; publishing brings it back", async () => {
    const p = await editable();
    expect((await updateProgram(t.db, { programId: p.id }, programForm(p, { published: undefined }))).ok).toBe(true);
    expect((await listPrograms(t.db, now)).map((x) => x.slug)).not.toContain(SLUG);
    expect(await getProgram(t.db, SLUG, now)).toBeNull();
    expect((await updateProgram(t.db, { programId: p.id }, programForm(p, { published: "on" }))).ok).toBe(true);
    expect((await listPrograms(t.db, now)).map((x) => x.slug)).toContain(SLUG);
  });
});

describe("cohorts", () => {
  it("adds a cohort the public page lists, and records the edit on the program", async () => {
    const before = await editable();
    const out = await addCohort(t.db, { programId: before.id }, cohortForm({ name: "Summer 2027 cohort" }));
    expect(out.ok).toBe(true);
    const view = await getProgram(t.db, SLUG, now);
    expect(view?.upcomingCohorts.map((c) => c.name)).toContain("Summer 2027 cohort");
    expect((await editable()).updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
  });

  it("edits a cohort: closing it takes it off the public page", async () => {
    const p = await editable();
    const c = p.cohorts.find((x) => x.name === "Summer 2027 cohort")!;
    const out = await updateCohort(
      t.db,
      { programId: p.id, cohortId: c.id, version: c.updatedAt },
      cohortForm({ name: "Summer 2027 cohort", status: "closed", seatsLeft: "0" }),
    );
    expect(out).toMatchObject({ ok: true, id: c.id });
    expect((await getProgram(t.db, SLUG, now))?.upcomingCohorts.map((x) => x.id)).not.toContain(c.id);
    const again = await updateCohort(t.db, { programId: p.id, cohortId: c.id, version: c.updatedAt }, cohortForm());
    expect(again).toMatchObject({ ok: false, reason: "conflict" });
  });

  it("cannot touch another program's cohort through this program", async () => {
    const p = await editable();
    const other = await editable("machine-learning-engineering");
    const out = await updateCohort(t.db, { programId: p.id, cohortId: other.cohorts[0].id }, cohortForm());
    expect(out).toMatchObject({ ok: false, reason: "not_found" });
    expect(await addCohort(t.db, { programId: "missing" }, cohortForm())).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("rejects an end date before the start and more seats left than seats, saving nothing", async () => {
    const p = await editable();
    const count = await t.db.cohort.count();
    const out = await addCohort(t.db, { programId: p.id }, cohortForm({ endDate: "2027-01-01", seatsLeft: "99" }));
    expect(out).toMatchObject({ ok: false, reason: "invalid" });
    expect(Object.keys(narrow(narrow(out, "ok", false), "reason", "invalid").fieldErrors).sort()).toEqual(["endDate", "seatsLeft"]);
    expect(await t.db.cohort.count()).toBe(count);
  });
});

describe("payment options", () => {
  it("adds, edits and removes options; prices on the public view follow", async () => {
    const p = await editable();
    const added = await addPaymentOption(
      t.db,
      { programId: p.id },
      paymentForm({ kind: "upfront", label: "Early bird", description: "Pay in full by March.", total: "99.99", instalments: "" }),
    );
    expect(added.ok).toBe(true);
    const id = added.ok ? added.id : "";
    let view = await getProgram(t.db, SLUG, now);
    expect(view?.paymentOptions.at(-1)).toMatchObject({ id, label: "Early bird", totalCents: 9_999, instalments: null, monthlyCents: null });
    expect(view?.fromPriceCents).toBe(9_999);

    const row = await t.db.paymentOption.findUniqueOrThrow({ where: { id } });
    const edited = await updatePaymentOption(
      t.db,
      { programId: p.id, optionId: id, version: row.updatedAt },
      paymentForm({ kind: "financing", label: "Spread it", total: "10,000", instalments: "36" }),
    );
    expect(edited.ok).toBe(true);
    view = await getProgram(t.db, SLUG, now);
    expect(view?.paymentOptions.find((o) => o.id === id)).toMatchObject({
      kind: "financing",
      totalCents: 1_000_000,
      instalments: 36,
      monthlyCents: Math.round(1_000_000 / 36),
    });

    expect(await removePaymentOption(t.db, { programId: p.id, optionId: id })).toMatchObject({ ok: true });
    expect((await getProgram(t.db, SLUG, now))?.paymentOptions.map((o) => o.id)).not.toContain(id);
    expect(await removePaymentOption(t.db, { programId: p.id, optionId: id })).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("refuses an option of another program", async () => {
    const p = await editable();
    const other = await editable("machine-learning-engineering");
    expect(await updatePaymentOption(t.db, { programId: p.id, optionId: other.paymentOptions[0].id }, paymentForm())).toMatchObject({
      ok: false,
      reason: "not_found",
    });
    expect(await removePaymentOption(t.db, { programId: p.id, optionId: other.paymentOptions[0].id })).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("reads a form version, ignoring junk", () => {
    expect(parseVersion("2026-11-21T12:00:00.123Z")?.getTime()).toBe(Date.parse("2026-11-21T12:00:00.123Z"));
    expect(parseVersion("yesterday")).toBeUndefined();
    expect(parseVersion(null)).toBeUndefined();
  });
});

describe("refreshing the public pages (on-demand ISR)", () => {
  const secret = authSecret();
  const token = revalidationToken(secret);

  it("covers every page built from a program's data", () => {
    expect(programPagePaths("ux-design")).toEqual(["/", "/programs", "/programs/ux-design"]);
  });

  it("accepts only the token derived from the auth secret", () => {
    expect(isRevalidationToken(`Bearer ${token}`, secret)).toBe(true);
    expect(isRevalidationToken(`Bearer ${revalidationToken("another-secret-another-secret-0123")}`, secret)).toBe(false);
    expect(isRevalidationToken(token, secret)).toBe(false);
    expect(isRevalidationToken(undefined, secret)).toBe(false);
    expect(isRevalidationToken("Bearer ", secret)).toBe(false);
  });

  it("calls this server, never a host a request named", () => {
    expect(internalOrigin(envOf({ REVALIDATE_ORIGIN: "http://10.0.0.2:3000/" }))).toBe("http://10.0.0.2:3000");
    expect(internalOrigin(envOf({ __NEXT_PRIVATE_ORIGIN: "http://localhost:4100" }))).toBe("http://localhost:4100");
    expect(internalOrigin(envOf({ PORT: "4200" }))).toBe("http://127.0.0.1:4200");
    expect(internalOrigin(envOf({}))).toBe("http://127.0.0.1:3000");
  });

  function fakeRes(revalidate: (p: string) => Promise<void>) {
    const res = {
      statusCode: 200,
      body: undefined as unknown,
      headers: {} as Record<string, string>,
      setHeader(k: string, v: string) {
        this.headers[k.toLowerCase()] = v;
        return this;
      },
      status(code: number) {
        this.statusCode = code;
        return this;
      },
      json(body: unknown) {
        this.body = body;
        return this;
      },
      revalidate: vi.fn(revalidate),
    };
    return res;
  }
  const call = async (req: Partial<NextApiRequest>, revalidate: (p: string) => Promise<void> = async () => {}) => {
    const res = fakeRes(revalidate);
    await revalidateHandler(req as NextApiRequest, res as unknown as NextApiResponse);
    return res;
  };

  it("the API route regenerates the three pages for a signed request", async () => {
    const res = await call({ method: "POST", headers: { authorization: `Bearer ${token}` }, body: { slug: SLUG } });
    expect(res.statusCode).toBe(200);
    // Each page twice: the second regeneration starts after the first (revalidateFresh).
    expect(res.revalidate.mock.calls.map((c) => c[0])).toEqual([...programPagePaths(SLUG), ...programPagePaths(SLUG)]);
    expect(res.body).toEqual({ revalidated: programPagePaths(SLUG), failed: [] });
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("the API route refuses anyone without the token, other methods and anything but a slug", async () => {
    expect((await call({ method: "POST", headers: {}, body: { slug: SLUG } })).statusCode).toBe(401);
    expect((await call({ method: "POST", headers: { authorization: "Bearer guess" }, body: { slug: SLUG } })).statusCode).toBe(401);
    expect((await call({ method: "GET", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(405);
    for (const slug of ["../admin", "/", "", 42, "a".repeat(81)]) {
      const res = await call({ method: "POST", headers: { authorization: `Bearer ${token}` }, body: { slug } });
      expect(res.statusCode).toBe(400);
      expect(res.revalidate).not.toHaveBeenCalled();
    }
  });

  it("the API route reports pages it could not regenerate", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await call({ method: "POST", headers: { authorization: `Bearer ${token}` }, body: { slug: SLUG } }, async (p) => {
      if (p === "/") throw new Error("render failed");
    });
    expect(res.body).toEqual({ revalidated: ["/programs", `/programs/${SLUG}`], failed: ["/"] });
    spy.mockRestore();
  });

  it("the console's caller posts the slug with the token and reads the answer", async () => {
    const fetchImpl = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => Response.json({ revalidated: programPagePaths(SLUG), failed: [] }));
    const ok = await requestProgramPagesRevalidation({ slug: SLUG, origin: "http://127.0.0.1:3000", token, fetchImpl: fetchImpl as typeof fetch });
    expect(ok).toEqual({ ok: true, revalidated: programPagePaths(SLUG), failed: [] });
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toBe("http://127.0.0.1:3000/api/revalidate-programs");
    expect(init?.method).toBe("POST");
    expect((init?.headers as Record<string, string>).authorization).toBe(`Bearer ${token}`);
    expect(JSON.parse(String(init?.body))).toEqual({ slug: SLUG });

    const refused = await requestProgramPagesRevalidation({
      slug: SLUG,
      origin: "x",
      token,
      fetchImpl: (async () => Response.json({ error: "Not allowed." }, { status: 401 })) as typeof fetch,
    });
    expect(refused).toMatchObject({ ok: false, error: "HTTP 401", failed: programPagePaths(SLUG) });
    const down = await requestProgramPagesRevalidation({
      slug: SLUG,
      origin: "x",
      token,
      fetchImpl: (async () => {
        throw new TypeError("fetch failed");
      }) as typeof fetch,
    });
    expect(down).toMatchObject({ ok: false, error: "fetch failed" });
    const partial = await requestProgramPagesRevalidation({
      slug: SLUG,
      origin: "x",
      token,
      fetchImpl: (async () => Response.json({ revalidated: ["/"], failed: ["/programs"] })) as typeof fetch,
    });
    expect(partial.ok).toBe(false);
  });

  it("with several app servers, refreshes every one listed in REVALIDATE_ORIGIN, and says which failed", async () => {
    expect(revalidationOrigins(envOf({ REVALIDATE_ORIGIN: "http://10.0.0.2:3000/, http://10.0.0.3:3000,,http://10.0.0.2:3000" }))).toEqual([
      "http://10.0.0.2:3000",
      "http://10.0.0.3:3000",
    ]);
    expect(revalidationOrigins(envOf({ PORT: "4200" }))).toEqual(["http://127.0.0.1:4200"]);
    expect(internalOrigin(envOf({ REVALIDATE_ORIGIN: "http://10.0.0.2:3000, http://10.0.0.3:3000" }))).toBe("http://10.0.0.2:3000");

    const called: string[] = [];
    const fetchImpl = (async (url: string | URL | Request) => {
      called.push(String(url));
      return String(url).startsWith("http://b")
        ? Response.json({ error: "down" }, { status: 503 })
        : Response.json({ revalidated: programPagePaths(SLUG), failed: [] });
    }) as typeof fetch;
    const all = await requestProgramPagesRevalidationEverywhere({ slug: SLUG, origins: ["http://a:3000", "http://c:3000"], token, fetchImpl });
    expect(all).toEqual({ ok: true, revalidated: programPagePaths(SLUG), failed: [] });
    expect(called.sort()).toEqual(["http://a:3000/api/revalidate-programs", "http://c:3000/api/revalidate-programs"]);
    const one = await requestProgramPagesRevalidationEverywhere({ slug: SLUG, origins: ["http://a:3000", "http://b:3000"], token, fetchImpl });
    expect(one.ok).toBe(false);
    expect(one.error).toBe("http://b:3000: HTTP 503");
    expect(one.failed).toEqual(programPagePaths(SLUG));
  });
});
