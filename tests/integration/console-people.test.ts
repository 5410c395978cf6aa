import type { NextApiRequest, NextApiResponse } from "next";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { must, narrow } from "../helpers/narrow";
import { createTestDb } from "../helpers/test-db";
import { seedPrograms } from "@/lib/content/seed-programs";
import { listPeoplePages } from "@/lib/people/pages";
import { authSecret } from "@/lib/auth/auth";
import { revalidationToken } from "@/lib/console/programs";
import { ALT_REQUIRED_MESSAGE, getPhoto, listPublishedPeople, programInstructors, saveInstructor } from "@/lib/people/instructors";
import { createOutcomeReport, latestOutcomeReport, listPublishedOutcomeReports, updateOutcomeReport } from "@/lib/people/outcomes";
import { PHOTO_TYPE_MESSAGE, readPhotoUpload, type PhotoUpload } from "@/lib/people/photo";
import { seedPeople } from "@/lib/people/seed";
import { listPublishedStories, saveStory } from "@/lib/people/stories";
import { peoplePagePaths, requestPeoplePagesRevalidation } from "@/lib/people/revalidate";
import revalidateHandler from "@/pages/api/revalidate-people";

/**
 * The people, outcomes and stories editors (lib/people) on a real database: what a save
 * stores, what the public pages then read, and what is refused. Permissions are checked in
 * console-authorization.test.ts, like every console action's.
 */

const t = createTestDb();
const now = new Date("2026-11-21T12:00:00Z");
let ids: Record<string, string> = {};
const NO_PHOTO: PhotoUpload = { kind: "none" };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9, 9]);
const ADA = { name: "Ada Admin", email: "ada@loomstack.example" };

beforeAll(async () => {
  await seedPrograms(t.db, now);
  ids = Object.fromEntries((await t.db.program.findMany({ select: { id: true, slug: true } })).map((p) => [p.slug, p.id]));
});
afterAll(() => t.cleanup());

const person = (over: Record<string, unknown> = {}) => ({
  kind: "instructor",
  name: "Grace Hopper",
  role: "Instructor, compilers",
  bio: "Teaches the parts nobody else wants to.",
  photoAlt: "",
  sortOrder: "5",
  published: "on",
  programIds: [ids["data-analytics"]],
  ...over,
});

describe("instructors", () => {
  it("adds a person without a photo, and /about and the program page read them", async () => {
    const out = narrow(await saveInstructor(t.db, null, person(), NO_PHOTO), "ok", true);
    expect(out.slugs).toEqual(["data-analytics"]);
    const { instructors } = await listPublishedPeople(t.db);
    const grace = must(instructors.find((p) => p.id === out.id));
    expect(grace).toMatchObject({ name: "Grace Hopper", photo: null, programs: [{ name: "Data Analytics", slug: "data-analytics" }] });
    expect((await programInstructors(t.db, "data-analytics")).map((p) => p.name)).toContain("Grace Hopper");
    expect((await programInstructors(t.db, "full-stack-development")).map((p) => p.name)).not.toContain("Grace Hopper");
  });

  it("requires alt text with a photo, and refuses a file that is not an image by its bytes", async () => {
    const photo = await readPhotoUpload(new File([PNG as BlobPart], "p.png"));
    expect(await saveInstructor(t.db, null, person({ name: "No Alt" }), photo)).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { photoAlt: ALT_REQUIRED_MESSAGE },
    });
    const fake = await readPhotoUpload(new File(["<svg onload=alert(1)>"], "p.png", { type: "image/png" }));
    expect(await saveInstructor(t.db, null, person({ name: "Fake Photo", photoAlt: "x" }), fake)).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { photo: PHOTO_TYPE_MESSAGE },
    });
    expect(await t.db.instructor.count({ where: { name: { in: ["No Alt", "Fake Photo"] } } })).toBe(0);
    expect(await t.db.personPhoto.count()).toBe(0);
  });

  it("stores a photo in the database, replaces it with a new row and URL, and removes it", async () => {
    const first = narrow(
      await saveInstructor(
        t.db,
        null,
        person({ name: "Photo Person", photoAlt: "Photo Person at a desk" }),
        await readPhotoUpload(new File([PNG as BlobPart], "a.png")),
      ),
      "ok",
      true,
    );
    const row = await t.db.instructor.findUniqueOrThrow({ where: { id: first.id } });
    const stored = must(await getPhoto(t.db, must(row.photoId)));
    expect(stored.contentType).toBe("image/png");
    expect([...stored.bytes]).toEqual([...PNG]);

    const replaced = narrow(
      await saveInstructor(
        t.db,
        { id: first.id, version: row.updatedAt },
        person({ name: "Photo Person", photoAlt: "New" }),
        await readPhotoUpload(new File([JPEG as BlobPart], "b.jpg")),
      ),
      "ok",
      true,
    );
    const after = await t.db.instructor.findUniqueOrThrow({ where: { id: replaced.id } });
    expect(after.photoId).not.toBe(row.photoId);
    expect(await getPhoto(t.db, must(row.photoId))).toBeNull();
    expect(must(await getPhoto(t.db, must(after.photoId))).contentType).toBe("image/jpeg");

    // Keeping the photo still needs its alt text.
    expect(await saveInstructor(t.db, { id: first.id }, person({ name: "Photo Person", photoAlt: "" }), NO_PHOTO)).toMatchObject({
      ok: false,
      reason: "invalid",
    });
    narrow(await saveInstructor(t.db, { id: first.id }, person({ name: "Photo Person", removePhoto: "on" }), NO_PHOTO), "ok", true);
    const gone = await t.db.instructor.findUniqueOrThrow({ where: { id: first.id } });
    expect(gone.photoId).toBeNull();
    expect(gone.photoAlt).toBeNull();
    expect(await t.db.personPhoto.count()).toBe(0);
  });

  it("refuses a stale form, an unknown person and an unknown program; reports old and new programs to refresh", async () => {
    const out = narrow(await saveInstructor(t.db, null, person({ name: "Mover" }), NO_PHOTO), "ok", true);
    const row = await t.db.instructor.findUniqueOrThrow({ where: { id: out.id } });
    const moved = narrow(
      await saveInstructor(t.db, { id: out.id, version: row.updatedAt }, person({ name: "Mover", programIds: [ids["full-stack-development"]] }), NO_PHOTO),
      "ok",
      true,
    );
    expect(moved.slugs.sort()).toEqual(["data-analytics", "full-stack-development"]);
    expect(await saveInstructor(t.db, { id: out.id, version: row.updatedAt }, person({ name: "Stale" }), NO_PHOTO)).toMatchObject({
      ok: false,
      reason: "conflict",
    });
    expect(await saveInstructor(t.db, { id: "nosuchperson" }, person(), NO_PHOTO)).toMatchObject({ ok: false, reason: "not_found" });
    expect(await saveInstructor(t.db, null, person({ name: "Nowhere", programIds: ["cnosuchprogram"] }), NO_PHOTO)).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { programIds: "Choose programs from the list." },
    });
    expect(await t.db.instructor.count({ where: { name: { in: ["Stale", "Nowhere"] } } })).toBe(0);
  });

  it("hides an unpublished person from every public list", async () => {
    const out = narrow(await saveInstructor(t.db, null, person({ name: "Hidden Person", published: undefined }), NO_PHOTO), "ok", true);
    const { instructors, advisors } = await listPublishedPeople(t.db);
    expect([...instructors, ...advisors].map((p) => p.id)).not.toContain(out.id);
    expect((await programInstructors(t.db, "data-analytics")).map((p) => p.id)).not.toContain(out.id);
  });
});

const report = (over: Record<string, string | undefined> = {}) => ({
  programId: ids["full-stack-development"],
  cohortLabel: "Cohorts graduating July to December 2026",
  periodStart: "2026-07-01",
  periodEnd: "2026-12-31",
  graduates: "20",
  jobSeeking: "16",
  hiredWithin90: "8",
  hiredWithin180: "12",
  salaries: "70000\n60000\n90000\n80000",
  excludedNote: "4 were not authorized to work in the US.",
  methodology: "Counted as CIRR counts.",
  published: "on",
  ...over,
});

describe("outcomes reports", () => {
  it("stores the counts and salaries; the page computes the rate and the median", async () => {
    const out = narrow(await createOutcomeReport(t.db, report()), "ok", true);
    expect(out.slugs).toEqual(["full-stack-development"]);
    const view = must((await listPublishedOutcomeReports(t.db)).find((r) => r.id === out.id));
    expect(view).toMatchObject({
      graduates: 20,
      jobSeeking: 16,
      hiredWithin180: 12,
      hired180Rate: 75,
      jobSeekingRate: 80,
      medianSalaryCents: 7_500_000,
      sample: false,
    });
    expect(must(await latestOutcomeReport(t.db, "full-stack-development")).id).toBe(out.id);
  });

  it("refuses contradictory counts and a stale form, and moves a report between programs", async () => {
    expect(await createOutcomeReport(t.db, report({ jobSeeking: "21" }))).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { jobSeeking: expect.any(String) },
    });
    expect(await createOutcomeReport(t.db, report({ programId: "cnosuchprogram" }))).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { programId: "Choose a program." },
    });
    const out = narrow(await createOutcomeReport(t.db, report({ cohortLabel: "Moving report" })), "ok", true);
    const row = await t.db.outcomeReport.findUniqueOrThrow({ where: { id: out.id } });
    const moved = narrow(
      await updateOutcomeReport(t.db, { id: out.id, version: row.updatedAt }, report({ programId: ids["data-analytics"], cohortLabel: "Moved" })),
      "ok",
      true,
    );
    expect(moved.slugs.sort()).toEqual(["data-analytics", "full-stack-development"]);
    expect(await updateOutcomeReport(t.db, { id: out.id, version: row.updatedAt }, report())).toMatchObject({ ok: false, reason: "conflict" });
    expect(await updateOutcomeReport(t.db, { id: "nosuchreport" }, report())).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("leaves an unpublished report off the page", async () => {
    const out = narrow(await createOutcomeReport(t.db, report({ published: undefined, periodEnd: "2027-06-30" })), "ok", true);
    expect((await listPublishedOutcomeReports(t.db)).map((r) => r.id)).not.toContain(out.id);
    expect(must(await latestOutcomeReport(t.db, "full-stack-development")).id).not.toBe(out.id);
  });
});

describe("student stories", () => {
  const story = (over: Record<string, string | undefined> = {}) => ({
    studentName: "Dana K.",
    programId: ids["data-analytics"],
    storyDate: "2026-09-01",
    headline: "From the ward to the warehouse",
    body: "I was a nurse.\n\nNow I write SQL.",
    ...over,
  });

  it("records who recorded the consent and when, keeps the first record, and clears it when withdrawn", async () => {
    const out = narrow(await saveStory(t.db, null, story({ consent: "on", published: "on" }), ADA, now), "ok", true);
    let row = await t.db.studentStory.findUniqueOrThrow({ where: { id: out.id } });
    expect(row.consentRecordedBy).toBe("Ada Admin <ada@loomstack.example>");
    expect(row.consentRecordedAt?.toISOString()).toBe(now.toISOString());
    expect((await listPublishedStories(t.db)).map((s) => s.id)).toContain(out.id);

    const later = new Date("2026-12-01T00:00:00Z");
    narrow(
      await saveStory(
        t.db,
        { id: out.id },
        story({ consent: "on", published: "on", headline: "Edited" }),
        { name: "Sam Staff", email: "sam@loomstack.example" },
        later,
      ),
      "ok",
      true,
    );
    row = await t.db.studentStory.findUniqueOrThrow({ where: { id: out.id } });
    expect(row.consentRecordedBy).toBe("Ada Admin <ada@loomstack.example>");
    expect(row.consentRecordedAt?.toISOString()).toBe(now.toISOString());

    narrow(await saveStory(t.db, { id: out.id }, story({ consent: undefined }), ADA, later), "ok", true);
    row = await t.db.studentStory.findUniqueOrThrow({ where: { id: out.id } });
    expect([row.consent, row.consentRecordedAt, row.consentRecordedBy, row.published]).toEqual([false, null, null, false]);
    expect((await listPublishedStories(t.db)).map((s) => s.id)).not.toContain(out.id);
  });

  it("never shows a story without consent, even if the row says published", async () => {
    const out = narrow(await saveStory(t.db, null, story({ consent: "on" }), ADA, now), "ok", true);
    expect((await listPublishedStories(t.db)).map((s) => s.id)).not.toContain(out.id);
    await t.db.studentStory.update({ where: { id: out.id }, data: { published: true, consent: false } });
    expect((await listPublishedStories(t.db)).map((s) => s.id)).not.toContain(out.id);
    expect(await saveStory(t.db, null, story({ published: "on" }), ADA, now)).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { published: expect.any(String) },
    });
  });
});

describe("seed and sitemap", () => {
  it("seeds fictional people and sample reports once, and lists the three pages", async () => {
    await t.db.instructor.deleteMany({});
    await t.db.outcomeReport.deleteMany({});
    expect(await seedPeople(t.db)).toEqual({ people: 5, reports: 3 });
    expect(await seedPeople(t.db)).toEqual({ people: 0, reports: 0 });
    const reports = await listPublishedOutcomeReports(t.db);
    expect(reports).toHaveLength(3);
    expect(reports.every((r) => r.sample && r.methodology.startsWith("Sample data"))).toBe(true);
    const launch = new Date("2026-10-01T00:00:00Z");
    const pages = await listPeoplePages(t.db, launch);
    expect(pages.map((p) => p.path)).toEqual(["/about", "/outcomes", "/stories"]);
    const latestReport = (await t.db.outcomeReport.findMany({ select: { updatedAt: true } })).map((r) => r.updatedAt.getTime());
    expect(pages[1].lastModified.getTime()).toBe(Math.max(...latestReport));
  });
});

describe("refreshing the public pages", () => {
  const token = revalidationToken(authSecret());
  function fakeRes() {
    return {
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
      revalidate: vi.fn(async (_p: string) => {}),
    };
  }
  const call = async (req: Partial<NextApiRequest>) => {
    const res = fakeRes();
    await revalidateHandler(req as NextApiRequest, res as unknown as NextApiResponse);
    return res;
  };

  it("the API route regenerates the people pages and the named program pages for a signed request", async () => {
    const res = await call({ method: "POST", headers: { authorization: `Bearer ${token}` }, body: { slugs: ["data-analytics"] } });
    expect(res.statusCode).toBe(200);
    // Each page twice: the second regeneration starts after the first (revalidateFresh).
    const pages = ["/about", "/outcomes", "/stories", "/programs/data-analytics"];
    expect(res.revalidate.mock.calls.map((c) => c[0])).toEqual([...pages, ...pages]);
  });

  it("the API route refuses anyone without the token, other methods and anything but slugs", async () => {
    expect((await call({ method: "POST", headers: {}, body: { slugs: [] } })).statusCode).toBe(401);
    expect((await call({ method: "GET", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(405);
    const bad = await call({ method: "POST", headers: { authorization: `Bearer ${token}` }, body: { slugs: ["../console"] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.revalidate).not.toHaveBeenCalled();
  });

  it("the console's request posts the slugs with the token and reports a failure", async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ revalidated: [], failed: [] }), { status: 200 }));
    const ok = await requestPeoplePagesRevalidation({ slugs: ["data-analytics"], origins: ["http://a", "http://b"], token: "tok", fetchImpl });
    expect(ok).toEqual({ ok: true, failed: [] });
    expect(fetchImpl.mock.calls.map((c) => (c as unknown[])[0])).toEqual(["http://a/api/revalidate-people", "http://b/api/revalidate-people"]);
    const down = await requestPeoplePagesRevalidation({
      slugs: ["data-analytics"],
      origins: ["http://a"],
      token: "tok",
      fetchImpl: async () => new Response("{}", { status: 401 }),
    });
    expect(down.ok).toBe(false);
    expect(down.failed).toEqual(peoplePagePaths(["data-analytics"]));
  });
});
