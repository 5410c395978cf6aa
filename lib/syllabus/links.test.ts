import { describe, expect, it } from "vitest";
import type { Db } from "../db";
import { findSyllabusLink, hashSyllabusToken, issueSyllabusLink, SYLLABUS_TOKEN_PATTERN, syllabusLinkExpiry } from "./links";

type Row = { tokenHash: string; expiresAt: Date; program: { slug: string; published: boolean } };

/** The one table the links touch, in memory: the clock is the test's, never the machine's. */
function fakeDb() {
  const rows: Row[] = [];
  const db = {
    syllabusLink: {
      create: async ({ data }: { data: { tokenHash: string; expiresAt: Date } }) => {
        rows.push({ tokenHash: data.tokenHash, expiresAt: data.expiresAt, program: { slug: "data-analytics", published: true } });
        return { id: `link-${rows.length}` };
      },
      findUnique: async ({ where }: { where: { tokenHash: string } }) => {
        const row = rows.find((r) => r.tokenHash === where.tokenHash);
        return row ? { id: "link-1", expiresAt: row.expiresAt, program: row.program } : null;
      },
    },
  };
  return { rows, db: db as unknown as Db };
}

const issuedAt = new Date("2026-12-06T10:00:00.000Z");
const ms = (d: Date, plus: number) => new Date(d.getTime() + plus);

describe("syllabus links", () => {
  it("expire exactly 7 days after they are made", () => {
    expect(syllabusLinkExpiry(issuedAt).toISOString()).toBe("2026-12-13T10:00:00.000Z");
  });

  it("store only a hash of the secret that the email carries", async () => {
    const { rows, db } = fakeDb();
    const link = await issueSyllabusLink(db as never, { leadId: "l", contactId: "c", programId: "p", siteUrl: "https://loomstack.example", now: issuedAt });
    const token = link.url.split("/").pop()!;
    expect(link.url).toBe(`https://loomstack.example/syllabus/download/${token}`);
    expect(token).toMatch(SYLLABUS_TOKEN_PATTERN);
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(hashSyllabusToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("work any number of times until the expiry, then name their program for a new request", async () => {
    const { db } = fakeDb();
    const link = await issueSyllabusLink(db as never, { leadId: "l", contactId: "c", programId: "p", siteUrl: "http://x", now: issuedAt });
    const token = link.url.split("/").pop()!;
    const week = 7 * 24 * 60 * 60_000;
    for (const at of [issuedAt, ms(issuedAt, 60_000), ms(issuedAt, week - 1)]) {
      expect(await findSyllabusLink(db, token, at)).toEqual({ ok: true, linkId: "link-1", programSlug: "data-analytics" });
    }
    expect(await findSyllabusLink(db, token, ms(issuedAt, week))).toEqual({ ok: false, reason: "expired", programSlug: "data-analytics" });
    expect(await findSyllabusLink(db, token, ms(issuedAt, 30 * week))).toEqual({ ok: false, reason: "expired", programSlug: "data-analytics" });
  });

  it("treat a malformed, altered or unknown token as unknown", async () => {
    const { db } = fakeDb();
    const link = await issueSyllabusLink(db as never, { leadId: "l", contactId: "c", programId: "p", siteUrl: "http://x", now: issuedAt });
    const token = link.url.split("/").pop()!;
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const bad of [altered, "", "short", `${token}x`, "../../etc/passwd", "A".repeat(43)]) {
      expect(await findSyllabusLink(db, bad, issuedAt), bad).toEqual({ ok: false, reason: "unknown" });
    }
  });
});
