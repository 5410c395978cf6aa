import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { firstOpenCohort, testSubmissionDeps } from "../helpers/submissions";
import { seedPrograms } from "@/lib/content/seed-programs";
import { submitLead } from "@/lib/leads/pipeline";
import { countInbox, lacksNextTask, listInbox, parseInboxFilters, type InboxFilters } from "@/lib/console/inbox";
import { SORT_KEYS, type InboxSort, type SortDir, type SortKey } from "@/lib/console/inbox-sort";
import { leadNeighbours } from "@/lib/console/lead-neighbours";
import { deleteView, listSavedViews, renameView, saveView, STARTER_VIEWS } from "@/lib/console/saved-views";
import { readableExportCsv } from "@/lib/console/readable-export";

/**
 * Issue 19, the inbox: quotes carry their courses as programs; sorting by any column with
 * keyset pages; next and previous in a sorted view; "Waiting > 24 h" and "No next task";
 * saved views. On a real database (SQLite, and PostgreSQL with TEST_DATABASE=postgres).
 */

const t = createTestDb();
const deps = testSubmissionDeps(t.db);
const run = randomUUID().replace(/-/g, "").slice(0, 8);
let programs: string[] = [];

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  const open = await firstOpenCohort(t.db);
  programs = [open.program, ...(await t.db.program.findMany({ where: { slug: { not: open.program } }, select: { slug: true }, take: 1 })).map((p) => p.slug)];
});
afterAll(() => t.cleanup());

describe("a quote's courses are its programs", () => {
  it("writes one LeadProgram per course at submit, so the program filter, the count and the export filter find the quote", async () => {
    const out = await submitLead(
      deps,
      "quote",
      {
        audience: "individual",
        name: "Quinn Quote",
        email: `quote-${run}@example.com`,
        courses: programs,
        platform: "windows",
        contactBy: "email",
        consent: "on",
        submissionToken: randomUUID(),
      },
      { ip: "203.0.113.9" },
    );
    expect(out.kind).toBe("saved");
    const leadId = out.kind === "saved" ? out.leadId : "";
    const rows = await t.db.leadProgram.findMany({ where: { leadId }, select: { programSlug: true } });
    expect(rows.map((r) => r.programSlug).sort()).toEqual([...programs].sort());

    for (const program of programs) {
      const f: InboxFilters = { program, q: `quote-${run}` };
      const { rows: found } = await listInbox(t.db, f);
      expect(found.map((r) => r.id)).toEqual([leadId]);
      expect(found[0].programs.map((p) => p.programSlug).sort()).toEqual([...programs].sort());
      expect((await countInbox(t.db, { program })).count).toBeGreaterThanOrEqual(1);
      // The export (Kysely, the same LeadFilter).
      let csv = "";
      for await (const chunk of readableExportCsv(t.db, { program })) csv += chunk;
      expect(csv).toContain(leadId);
    }
  });

  it("gives an application its one program, and a lead without a program none", async () => {
    const open = await firstOpenCohort(t.db);
    const out = await submitLead(
      deps,
      "enroll",
      {
        name: "Ada Apply",
        email: `apply-${run}@example.com`,
        phone: "",
        program: open.program,
        cohort: open.id,
        paymentOption: "instalments",
        experience: "beginner",
        goals: "Learn.",
        consent: "on",
        submissionToken: randomUUID(),
      },
      { ip: "203.0.113.10" },
    );
    const leadId = out.kind === "saved" ? out.leadId : "";
    expect(await t.db.leadProgram.findMany({ where: { leadId }, select: { programSlug: true } })).toEqual([{ programSlug: open.program }]);
    await submitLead(deps, "newsletter", { email: `news-${run}@example.com`, consent: "on" }, { ip: "203.0.113.11" });
    const news = await t.db.lead.findFirstOrThrow({ where: { email: `news-${run}@example.com` }, select: { id: true } });
    expect(await t.db.leadProgram.count({ where: { leadId: news.id } })).toBe(0);
  });
});

// ---- Sorting ----

type Seeded = {
  id: string;
  createdAt: Date;
  searchName: string | null;
  formType: string;
  programSlug: string | null;
  status: string;
  utmSource: string | null;
  owner: string | null;
};

const seeded: Seeded[] = [];
const marker = `sort${run}`;

describe("sorting by any column", () => {
  beforeAll(async () => {
    const owners = await Promise.all(
      ["ana", "bo"].map((name, i) => t.db.user.create({ data: { id: `${marker}u${i}`, name, email: `${name}-${run}@example.com`, role: "staff" } })),
    );
    const pick = <T>(list: T[], i: number, step: number) => list[(i * step) % list.length];
    for (let i = 0; i < 23; i++) {
      const contact = await t.db.contact.create({ data: { email: `s${i}-${run}@example.com`, referralCode: `S${randomUUID().slice(0, 10)}` } });
      const row: Seeded = {
        id: `${marker}x${String(i).padStart(2, "0")}`,
        // Many leads share an instant, so the id must break ties.
        createdAt: new Date(Date.UTC(2026, 10, 1 + (i % 5), 10)),
        searchName: pick(["alpha", "bravo", null], i, 2),
        formType: pick(["enroll", "quote", "callback"], i, 1),
        programSlug: pick(["data-analytics", null, "web-development"], i, 5),
        status: pick(["new", "contacted", "lost", "qualified"], i, 3),
        utmSource: pick([null, "google", "newsletter"], i, 7),
        owner: pick([owners[0].id, null, owners[1].id, owners[0].id], i, 1),
      };
      seeded.push(row);
      await t.db.lead.create({
        data: {
          id: row.id,
          contactId: contact.id,
          createdAt: row.createdAt,
          name: row.searchName,
          searchName: row.searchName,
          formType: row.formType,
          programSlug: row.programSlug,
          status: row.status,
          utmSource: row.utmSource,
          ownerId: row.owner,
          utmCampaign: marker,
          fields: "{}",
        },
      });
    }
  });

  const ownerName = (id: string | null) => (id === null ? null : id.endsWith("u0") ? "ana" : "bo");
  const valueOf = (r: Seeded, key: SortKey): string | number | null =>
    ({
      received: r.createdAt.getTime(),
      person: r.searchName,
      form: r.formType,
      program: r.programSlug,
      status: r.status,
      owner: ownerName(r.owner),
      source: r.utmSource,
    })[key];

  /** The order the inbox promises: by value (leads without one last, either way), then id, both in `dir`. */
  function expected(key: SortKey, dir: SortDir): string[] {
    const sign = dir === "asc" ? 1 : -1;
    const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
    return [...seeded]
      .sort((a, b) => {
        const va = valueOf(a, key);
        const vb = valueOf(b, key);
        if (va === null && vb !== null) return 1;
        if (vb === null && va !== null) return -1;
        if (va !== null && vb !== null && va !== vb) return sign * cmp(va, vb);
        return sign * cmp(a.id, b.id);
      })
      .map((r) => r.id);
  }

  const sorts: InboxSort[] = SORT_KEYS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => ({ sort, dir })));

  it.each(sorts.map((s) => [`${s.sort} ${s.dir}`, s] as const))("pages through %s with no lead missing or repeated", async (_, s) => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      // Through the URL, as the page reads it (the default sort has no parameters).
      const f = parseInboxFilters(new URLSearchParams({ campaign: marker, sort: s.sort, dir: s.dir, ...(after ? { after } : {}) }));
      const { rows, nextCursor } = await listInbox(t.db, f, { pageSize: 4 });
      seen.push(...rows.map((r) => r.id));
      if (!nextCursor) break;
      after = nextCursor;
    }
    expect(seen).toEqual(expected(s.sort, s.dir));
  });

  it.each(sorts.filter((s) => s.sort !== "received").map((s) => [`${s.sort} ${s.dir}`, s] as const))(
    "steps next and previous in the %s order on the lead page",
    async (_, s) => {
      const order = expected(s.sort, s.dir);
      const view = parseInboxFilters(new URLSearchParams({ campaign: marker, sort: s.sort, dir: s.dir }));
      for (const [i, id] of order.entries()) {
        const lead = seeded.find((r) => r.id === id)!;
        const n = await leadNeighbours(t.db, view, lead);
        expect([n.newer?.id ?? null, n.older?.id ?? null]).toEqual([order[i - 1] ?? null, order[i + 1] ?? null]);
      }
    },
  );

  it("falls back to newest first for a sort or direction it does not know, and ignores another sort's cursor", async () => {
    const f = parseInboxFilters(new URLSearchParams({ campaign: marker, sort: "salary", dir: "sideways" }));
    expect(f.sort).toBeUndefined();
    const { rows } = await listInbox(t.db, f, { pageSize: 50 });
    expect(rows.map((r) => r.id)).toEqual(expected("received", "desc"));
    const owner = parseInboxFilters(new URLSearchParams({ campaign: marker, sort: "owner" }));
    const { nextCursor } = await listInbox(t.db, owner, { pageSize: 2 });
    const wrong = parseInboxFilters(new URLSearchParams({ campaign: marker, sort: "person", after: nextCursor! }));
    expect((await listInbox(t.db, wrong, { pageSize: 2 })).rows.map((r) => r.id)).toEqual(expected("person", "asc").slice(0, 2));
  });
});

// ---- Waiting > 24 h and No next task ----

describe("waiting and next-task filters", () => {
  it("counts 24 hours from the injected clock, for new leads only", async () => {
    const now = new Date("2026-12-10T12:00:00Z");
    const mk = async (suffix: string, at: string, status: string) => {
      const contact = await t.db.contact.create({ data: { email: `w${suffix}-${run}@example.com`, referralCode: `W${randomUUID().slice(0, 10)}` } });
      return t.db.lead.create({
        data: { id: `w${run}${suffix}`, contactId: contact.id, formType: "enroll", status, fields: "{}", utmCampaign: `w${run}`, createdAt: new Date(at) },
      });
    };
    const old = await mk("a", "2026-12-09T11:59:59Z", "new");
    await mk("b", "2026-12-09T12:00:00Z", "new"); // exactly 24 h: not yet
    await mk("c", "2026-12-01T10:00:00Z", "contacted");
    const f = parseInboxFilters(new URLSearchParams({ campaign: `w${run}`, waiting: "24h" }), "UTC", now);
    expect((await listInbox(t.db, f)).rows.map((r) => r.id)).toEqual([old.id]);
    const later = parseInboxFilters(new URLSearchParams({ campaign: `w${run}`, waiting: "24h" }), "UTC", new Date("2026-12-10T12:00:01Z"));
    expect((await listInbox(t.db, later)).rows.map((r) => r.id).sort()).toEqual([`w${run}a`, `w${run}b`]);
  });

  it("flags leads past first contact without an open task, and filters them", async () => {
    const staff = await t.db.user.create({ data: { id: `t${run}`, name: "Tess", email: `tess-${run}@example.com`, role: "staff" } });
    const mk = async (suffix: string, status: string, task?: "open" | "done") => {
      const contact = await t.db.contact.create({ data: { email: `t${suffix}-${run}@example.com`, referralCode: `T${randomUUID().slice(0, 10)}` } });
      const lead = await t.db.lead.create({
        data: { id: `t${run}${suffix}`, contactId: contact.id, formType: "enroll", status, fields: "{}", utmCampaign: `t${run}` },
      });
      if (task)
        await t.db.task.create({
          data: { leadId: lead.id, ownerId: staff.id, kind: "call", dueAt: new Date(), doneAt: task === "done" ? new Date() : null },
        });
      return lead.id;
    };
    const bare = await mk("a", "contacted");
    await mk("b", "qualified", "open");
    const onlyDone = await mk("c", "qualified", "done");
    await mk("d", "new");
    const { rows } = await listInbox(t.db, { campaign: `t${run}` });
    expect(
      rows
        .filter(lacksNextTask)
        .map((r) => r.id)
        .sort(),
    ).toEqual([bare, onlyDone].sort());
    const filtered = await listInbox(t.db, parseInboxFilters(new URLSearchParams({ campaign: `t${run}`, nextTask: "none" })));
    expect(filtered.rows.map((r) => r.id).sort()).toEqual([bare, onlyDone].sort());
  });
});

// ---- Saved views ----

describe("saved views", () => {
  it("saves the view's filters and sort under a name, keeps names unique per person, and lets only the owner rename or delete", async () => {
    const [me, other] = await Promise.all(
      ["me", "other"].map((n) => t.db.user.create({ data: { id: `v${n}${run}`, name: n, email: `v${n}-${run}@example.com`, role: "staff" } })),
    );
    const saved = await saveView(t.db, me.id, { name: "  Hot quotes ", query: "form=quote&sort=owner&after=abc&evil=1&status=nope" });
    expect(saved.ok).toBe(true);
    expect(await listSavedViews(t.db, me.id)).toEqual([{ id: saved.ok ? saved.id : "", name: "Hot quotes", query: "form=quote&sort=owner" }]);
    expect(await saveView(t.db, me.id, { name: "Hot quotes", query: "" })).toEqual({
      ok: false,
      field: "name",
      error: 'You already have a view called "Hot quotes".',
    });
    expect(await saveView(t.db, me.id, { name: STARTER_VIEWS[0].name, query: "" })).toMatchObject({ ok: false, field: "name" });
    expect(await saveView(t.db, me.id, { name: "   ", query: "" })).toEqual({ ok: false, field: "name", error: "Give the view a name." });
    // The same name is fine for someone else.
    expect((await saveView(t.db, other.id, { name: "Hot quotes", query: "" })).ok).toBe(true);

    const id = saved.ok ? saved.id : "";
    expect(await renameView(t.db, other.id, { id, name: "Mine now" })).toMatchObject({ ok: false });
    expect(await deleteView(t.db, other.id, { id })).toMatchObject({ ok: false });
    expect(await renameView(t.db, me.id, { id, name: "Warm quotes" })).toEqual({ ok: true, id });
    expect((await listSavedViews(t.db, me.id)).map((v) => v.name)).toEqual(["Warm quotes"]);
    expect(await deleteView(t.db, me.id, { id })).toEqual({ ok: true, id });
    expect(await listSavedViews(t.db, me.id)).toEqual([]);
  });
});
