import { describe, expect, it } from "vitest";
import { formatPercent, medianCents, outcomeFigures, outcomeReportSchema, percentOf } from "@/lib/people/outcomes";
import { initials, PHOTO_MAX_BYTES, readPhotoUpload, sniffImageType } from "@/lib/people/photo";
import { instructorSchema } from "@/lib/people/instructors";
import { storySchema } from "@/lib/people/stories";
import { peoplePagePaths, readSlugs } from "@/lib/people/revalidate";

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, ...ascii("JFIF"));
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...ascii("IHDR"));
const WEBP = bytes(...ascii("RIFF"), 0x24, 0, 0, 0, ...ascii("WEBPVP8 "), 0, 0);
const file = (content: Uint8Array, name: string, type: string) => new File([content as BlobPart], name, { type });

const errorsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("outcome figures", () => {
  it("computes a rate with one decimal from the counts, exactly", () => {
    expect(percentOf(33, 40)).toBe(82.5);
    expect(percentOf(26, 33)).toBe(78.8); // 78.787…
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(40, 40)).toBe(100);
    expect(percentOf(0, 12)).toBe(0);
  });

  it("gives no rate when there is nobody to count", () => {
    expect(percentOf(0, 0)).toBeNull();
    expect(percentOf(3, -1)).toBeNull();
    expect(percentOf(1.5, 3)).toBeNull();
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(82.5)).toBe("82.5%");
    expect(formatPercent(100)).toBe("100%");
  });

  it("takes the median of an odd count as the middle value, whatever the order", () => {
    expect(medianCents([9_000_000, 6_000_000, 7_500_000])).toBe(7_500_000);
    expect(medianCents([5])).toBe(5);
  });

  it("takes the median of an even count as the mean of the middle two, rounded to the cent", () => {
    expect(medianCents([6_000_000, 7_000_000, 8_000_000, 1_000_000])).toBe(6_500_000);
    expect(medianCents([101, 102])).toBe(102); // 101.5 rounds up
    expect(medianCents([])).toBeNull();
  });

  it("works every figure out from the stored counts and salaries", () => {
    const f = outcomeFigures({ graduates: 40, jobSeeking: 32, hiredWithin90: 16, hiredWithin180: 24, salariesCents: "7000000\n6000000\n8000000\n" });
    expect(f).toEqual({ jobSeekingRate: 80, hired90Rate: 50, hired180Rate: 75, salariesReported: 3, medianSalaryCents: 7_000_000 });
  });
});

describe("the outcomes report form", () => {
  const post = (over: Record<string, string | undefined> = {}) => ({
    programId: "cprogram1",
    cohortLabel: "Cohorts graduating January to June 2026",
    periodStart: "2026-01-01",
    periodEnd: "2026-06-30",
    graduates: "40",
    jobSeeking: "32",
    hiredWithin90: "16",
    hiredWithin180: "24",
    salaries: "72,000\n $65000 \n\n80000.50",
    excludedNote: "",
    methodology: "Counted as CIRR counts.",
    published: "on",
    ...over,
  });

  it("reads the counts and stores the salaries as cents, one per line", () => {
    const r = outcomeReportSchema.parse(post());
    expect(r.salariesCents).toBe("7200000\n6500000\n8000050");
    expect(r.graduates).toBe(40);
    expect(r.sample).toBe(false);
    expect(r.published).toBe(true);
    expect(r).not.toHaveProperty("salaries");
  });

  it("refuses counts that contradict each other, each next to its field", () => {
    expect(errorsOf(outcomeReportSchema.safeParse(post({ jobSeeking: "41" })))).toEqual({
      jobSeeking: "Job-seeking graduates cannot be more than the 40 graduates.",
    });
    expect(errorsOf(outcomeReportSchema.safeParse(post({ hiredWithin180: "33" })))).toEqual({
      hiredWithin180: "Hired within 180 days cannot be more than the 32 job-seeking graduates.",
    });
    expect(errorsOf(outcomeReportSchema.safeParse(post({ hiredWithin90: "25" })))).toEqual({
      hiredWithin90: "Hired within 90 days cannot be more than the 24 hired within 180 days.",
    });
    expect(errorsOf(outcomeReportSchema.safeParse(post({ hiredWithin180: "2", hiredWithin90: "1" })))).toEqual({
      salaries: "There are 3 salaries but only 2 graduates hired within 180 days.",
    });
    expect(errorsOf(outcomeReportSchema.safeParse(post({ periodEnd: "2025-12-31" })))).toEqual({
      periodEnd: "The last graduation date cannot be before the first.",
    });
  });

  it("names a bad salary line, a bad date and a missing methodology", () => {
    const e = errorsOf(outcomeReportSchema.safeParse(post({ salaries: "72000\nabout 60k", periodStart: "2026-02-30", methodology: "  " })));
    expect(e.salaries).toBe("Line 2 is not a yearly salary in dollars, like 72000 or 72,000.");
    expect(e.periodStart).toMatch(/real date/);
    expect(e.methodology).toBe("Enter the methodology.");
  });

  it("survives junk: files, arrays, missing fields", () => {
    const r = outcomeReportSchema.safeParse({ programId: ["x"], graduates: new Blob(["1"]), salaries: 5 });
    expect(r.success).toBe(false);
    expect(Object.keys(errorsOf(r))).toEqual(expect.arrayContaining(["programId", "graduates", "cohortLabel", "methodology"]));
  });
});

describe("photo type check", () => {
  it("recognises JPEG, PNG and WebP by their first bytes", () => {
    expect(sniffImageType(JPEG)).toBe("image/jpeg");
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(WEBP)).toBe("image/webp");
  });

  it("refuses anything else, whatever its name or declared type", async () => {
    expect(sniffImageType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffImageType(bytes(...ascii("GIF89a")))).toBeNull();
    expect(sniffImageType(bytes(...ascii("RIFF"), 0, 0, 0, 0, ...ascii("WAVEfmt ")))).toBeNull();
    expect(sniffImageType(bytes())).toBeNull();
    const html = file(new TextEncoder().encode("<html><script>alert(1)</script>"), "me.jpg", "image/jpeg");
    expect(await readPhotoUpload(html)).toEqual({ kind: "invalid", message: "Choose a JPEG, PNG or WebP image." });
  });

  it("reads a real image, takes no file as no photo, and refuses one over the limit", async () => {
    const ok = await readPhotoUpload(file(PNG, "me.jpg", "application/octet-stream"));
    expect(ok.kind).toBe("photo");
    expect(ok.kind === "photo" && ok.contentType).toBe("image/png");
    expect(await readPhotoUpload(null)).toEqual({ kind: "none" });
    expect(await readPhotoUpload("a string")).toEqual({ kind: "none" });
    expect(await readPhotoUpload(file(new Uint8Array(), "", "application/octet-stream"))).toEqual({ kind: "none" });
    const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
    big.set(JPEG);
    expect((await readPhotoUpload(file(big, "big.jpg", "image/jpeg"))).kind).toBe("invalid");
    const justUnder = new Uint8Array(PHOTO_MAX_BYTES);
    justUnder.set(JPEG);
    expect((await readPhotoUpload(file(justUnder, "ok.jpg", "image/jpeg"))).kind).toBe("photo");
  });

  it("drops a JPEG's EXIF and XMP segments and keeps the rest byte for byte", async () => {
    const app0 = [0xff, 0xe0, 0, 6, ...ascii("JFIF")];
    const exif = [0xff, 0xe1, 0, 14, ...ascii("Exif"), 0, 0, ...ascii("GPS:51")];
    const dqt = [0xff, 0xdb, 0, 4, 7, 7];
    const scan = [0xff, 0xda, 0, 4, 1, 2, 0x55, 0xaa, 0xff, 0xd9];
    const jpeg = bytes(0xff, 0xd8, ...app0, ...exif, ...dqt, ...scan);
    const upload = await readPhotoUpload(file(jpeg, "me.jpg", "image/jpeg"));
    expect(upload.kind === "photo" && [...upload.bytes]).toEqual([0xff, 0xd8, ...app0, ...dqt, ...scan]);
    // Something it cannot follow is kept as it is.
    const odd = bytes(0xff, 0xd8, 0xff, 0xe1, 0x40, 0, 1, 2);
    expect([...(await readPhotoUpload(file(odd, "odd.jpg", "image/jpeg")).then((u) => (u.kind === "photo" ? u.bytes : new Uint8Array())))]).toEqual([...odd]);
  });

  it("shows initials in place of a photo", () => {
    expect(initials("Priya Raman")).toBe("PR");
    expect(initials("  ada  de la  cruz ")).toBe("AC");
    expect(initials("Zoë")).toBe("Z");
  });
});

describe("instructor and story forms", () => {
  it("reads an instructor, with the programs ticked, once each", () => {
    const r = instructorSchema.parse({
      kind: "advisor",
      name: " Tom Becker ",
      role: "Career advisor",
      bio: "Ten years of recruiting.",
      photoAlt: "",
      sortOrder: "20",
      published: "on",
      programIds: ["cabc", "cabc", "cdef"],
    });
    expect(r).toMatchObject({ kind: "advisor", name: "Tom Becker", sortOrder: 20, published: true, removePhoto: false, programIds: ["cabc", "cdef"] });
  });

  it("names each wrong instructor field", () => {
    const e = errorsOf(instructorSchema.safeParse({ kind: "ceo", name: "A\nB", role: "", bio: "x".repeat(801), sortOrder: "-1", programIds: ["../x"] }));
    expect(Object.keys(e).sort()).toEqual(["bio", "kind", "name", "programIds.0", "role", "sortOrder"]);
  });

  it("publishes a story only with consent recorded", () => {
    const story = { studentName: "Dana K.", programId: "cprog", storyDate: "2026-09-01", headline: "From nurse to analyst", body: "It was hard." };
    expect(errorsOf(storySchema.safeParse({ ...story, published: "on" }))).toEqual({
      published: "A story can only be published with the student's consent recorded.",
    });
    expect(storySchema.parse({ ...story, consent: "on", published: "on" })).toMatchObject({ consent: true, published: true });
    expect(storySchema.parse({ ...story, consent: "on" })).toMatchObject({ consent: true, published: false });
  });
});

describe("revalidation request", () => {
  it("refreshes the people pages and the named programs' pages", () => {
    expect(peoplePagePaths(["data-analytics", "data-analytics"])).toEqual(["/about", "/outcomes", "/stories", "/programs/data-analytics"]);
  });

  it("accepts only a short list of program slugs, never paths", () => {
    expect(readSlugs({ slugs: ["data-analytics"] })).toEqual(["data-analytics"]);
    expect(readSlugs({ slugs: [] })).toEqual([]);
    expect(readSlugs({ slugs: ["../admin"] })).toBeNull();
    expect(readSlugs({ slugs: "data-analytics" })).toBeNull();
    expect(readSlugs({ slugs: Array.from({ length: 21 }, () => "a") })).toBeNull();
    expect(readSlugs(null)).toBeNull();
  });
});
