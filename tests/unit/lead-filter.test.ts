/**
 * The inbox filter, defined once (lib/console/lead-filter.ts, built by inboxFilter and
 * afterCursorFilter in lib/console/inbox.ts), compiled to a Prisma where (the inbox's pages)
 * and to Kysely SQL for either database (the export). Which rows each gives is checked against
 * real databases in tests/integration/console-export.test.ts and console-inbox.test.ts; here,
 * the shapes and the SQL, with every filter the inbox has.
 */
import { describe, expect, it } from "vitest";
import { dialectFor } from "@/lib/db/dialect";
import { afterCursor, afterCursorFilter, inboxFilter, inboxWhere, NO_SOURCE } from "@/lib/console/inbox";
import { and, not, or, toKyselyWhere, toPrismaWhere, type LeadFilter } from "@/lib/console/lead-filter";

const EVERY_FILTER = {
  form: "enroll",
  status: "new",
  program: "p",
  cohort: "c",
  owner: "none",
  source: "s",
  medium: "m",
  campaign: "k",
  article: "a",
  cta: "t",
  from: "2026-01-02",
  to: "2026-01-03",
} as const;

/** The WHERE clause Kysely writes for a filter, and its parameters, on one database. */
function sql(filter: LeadFilter, provider: "sqlite" | "postgres" = "sqlite") {
  const dialect = dialectFor(provider);
  const { sql, parameters } = dialect.builder
    .selectFrom("Lead as L")
    .select("L.id")
    .where((eb) => toKyselyWhere(filter, eb, dialect))
    .compile();
  return { where: sql.replace(/^select "L"\."id" from "Lead" as "L" where /, ""), parameters };
}

describe("inboxFilter compiled to Prisma (the inbox's pages)", () => {
  it("gives one plain condition per filter, all of them required", () => {
    expect(inboxWhere(EVERY_FILTER, "me-id")).toEqual({
      AND: [
        { formType: "enroll" },
        { status: "new" },
        // A program is any the lead names (LeadProgram: a quote's courses too), not only Lead.programSlug.
        { programs: { some: { programSlug: "p" } } },
        { cohortId: "c" },
        { ownerId: null },
        { utmSource: "s" },
        { utmMedium: "m" },
        { utmCampaign: "k" },
        { article: "a" },
        { cta: "t" },
        { createdAt: { gte: new Date("2026-01-02T00:00:00.000Z") } },
        { createdAt: { lt: new Date("2026-01-04T00:00:00.000Z") } },
      ],
    });
    expect(inboxWhere({ owner: "me" }, "me-id")).toEqual({ AND: [{ ownerId: "me-id" }] });
    expect(inboxWhere({ source: NO_SOURCE })).toEqual({ AND: [{ utmSource: null }] });
    expect(inboxWhere({})).toEqual({});
  });

  it("gives a search as index ranges, one per column, and the cursor as a bounded OR", () => {
    expect(inboxWhere({ q: "Lov" })).toEqual({
      AND: [{ OR: [{ searchName: { gte: "lov", lt: "low" } }, { searchLastName: { gte: "lov", lt: "low" } }, { email: { gte: "lov", lt: "low" } }] }],
    });
    expect(inboxWhere({ q: "+1 415 555" })).toEqual({ AND: [{ phone: { gte: "+1415555", lt: "+1415556" } }] });
    const at = new Date("2026-05-06T07:08:09.010Z");
    expect(afterCursor({ createdAt: at, id: "c1" })).toEqual({ AND: [{ createdAt: { lte: at } }, { OR: [{ createdAt: { lt: at } }, { id: { lt: "c1" } }] }] });
    expect(afterCursor(null)).toEqual({});
  });

  it("keeps SQL's meaning of empty lists and NOT", () => {
    expect(toPrismaWhere(and())).toEqual({}); // true
    expect(toPrismaWhere(or())).toEqual({ OR: [] }); // false, to Prisma
    expect(toPrismaWhere(not({ column: "status", op: "=", value: "new" }))).toEqual({ NOT: { status: "new" } });
  });
});

describe("inboxFilter compiled to Kysely (the export), for SQLite and PostgreSQL", () => {
  it("writes every filter as a parameterised condition, dates the way each database stores them", () => {
    const where =
      '("L"."formType" = ? and "L"."status" = ? and exists (select "LeadProgram"."id" from "LeadProgram" where "LeadProgram"."leadId" = "L"."id" and "LeadProgram"."programSlug" = ?) and "L"."cohortId" = ? and "L"."ownerId" is null and "L"."utmSource" = ? and "L"."utmMedium" = ? and "L"."utmCampaign" = ? and "L"."article" = ? and "L"."cta" = ? and "L"."createdAt" >= ? and "L"."createdAt" < ?)';
    const values = ["enroll", "new", "p", "c", "s", "m", "k", "a", "t"];
    expect(sql(inboxFilter(EVERY_FILTER, "me-id"))).toEqual({
      where,
      parameters: [...values, "2026-01-02T00:00:00.000+00:00", "2026-01-04T00:00:00.000+00:00"],
    });
    let n = 0;
    expect(sql(inboxFilter(EVERY_FILTER, "me-id"), "postgres")).toEqual({
      where: where.replace(/\?/g, () => `$${++n}`),
      parameters: [...values, "2026-01-02T00:00:00.000Z", "2026-01-04T00:00:00.000Z"],
    });
    expect(sql(inboxFilter({ owner: "me" }, "me-id"))).toEqual({ where: '"L"."ownerId" = ?', parameters: ["me-id"] });
    expect(sql(inboxFilter({ source: NO_SOURCE, status: "new" }))).toEqual({ where: '("L"."status" = ? and "L"."utmSource" is null)', parameters: ["new"] });
  });

  it("writes a search and the keyset cursor with their ORs; a stored cursor value goes in as read", () => {
    expect(sql(inboxFilter({ q: "Lov" }))).toEqual({
      where:
        '(("L"."searchName" >= ? and "L"."searchName" < ?) or ("L"."searchLastName" >= ? and "L"."searchLastName" < ?) or ("L"."email" >= ? and "L"."email" < ?))',
      parameters: ["lov", "low", "lov", "low", "lov", "low"],
    });
    expect(sql(inboxFilter({ q: "+1 415 555" }))).toEqual({ where: '("L"."phone" >= ? and "L"."phone" < ?)', parameters: ["+1415555", "+1415556"] });
    const cursor = '("L"."createdAt" <= ? and ("L"."createdAt" < ? or "L"."id" < ?))';
    expect(sql(afterCursorFilter({ createdAt: new Date("2026-05-06T07:08:09.010Z"), id: "c1" }))).toEqual({
      where: cursor,
      parameters: ["2026-05-06T07:08:09.010+00:00", "2026-05-06T07:08:09.010+00:00", "c1"],
    });
    expect(sql(afterCursorFilter({ createdAt: "2026-05-06 07:08:09.01", id: "c1" }), "postgres").parameters).toEqual([
      "2026-05-06 07:08:09.01",
      "2026-05-06 07:08:09.01",
      "c1",
    ]);
  });

  it("keeps SQL's meaning of empty lists and NOT", () => {
    expect(sql(and())).toEqual({ where: "1 = 1", parameters: [] });
    expect(sql(or())).toEqual({ where: "1 = 0", parameters: [] });
    expect(sql(not(not({ column: "status", op: "=", value: "new" })))).toEqual({ where: 'not not "L"."status" = ?', parameters: ["new"] });
  });
});

describe("the dialects' DateTime text", () => {
  it("reads back what each database returns as the ISO 8601 string Prisma's Date gives", () => {
    const sqlite = dialectFor("sqlite");
    const postgres = dialectFor("postgres");
    expect(sqlite.dateIso("2026-06-02T09:08:07.006+00:00")).toBe("2026-06-02T09:08:07.006Z");
    expect(sqlite.dateIso(null)).toBeNull();
    expect(postgres.dateIso("2026-06-02 09:08:07.006")).toBe("2026-06-02T09:08:07.006Z");
    expect(postgres.dateIso("2026-06-02 09:08:07.1")).toBe("2026-06-02T09:08:07.100Z");
    expect(postgres.dateIso("2026-06-02 09:08:07")).toBe("2026-06-02T09:08:07.000Z");
    for (const iso of ["1999-12-31T23:59:59.999Z", "2026-06-02T09:08:07.000Z"]) {
      const date = new Date(iso);
      expect(sqlite.dateIso(sqlite.dateParam(date))).toBe(iso);
      expect(postgres.dateParam(date)).toBe(iso);
    }
  });
});
