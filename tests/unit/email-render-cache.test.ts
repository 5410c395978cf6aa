import { beforeEach, describe, expect, it } from "vitest";
import { EMAIL_SAMPLES, renderEmail, renderEmailReference, UNCACHED_TEMPLATES } from "@/lib/email/render";
import { classify, clearRenderCache, renderCacheStats, SENTINEL_MARKERS } from "@/lib/email/render-cache";
import type { EmailTemplate, RenderContext } from "@/lib/email/template-data";
import { EMAIL_TEMPLATES } from "@/lib/email/templates/catalog";

/**
 * renderEmail renders each template once per data shape and fills in each message's values
 * (lib/email/render-cache.ts). Whatever the values, what it gives must be byte for byte the
 * plain React Email render (`renderEmailReference`): checked here on messages that are
 * filled in from a cached template, with many kinds of values in every field.
 */

type Json = unknown;
type Path = (string | number)[];

function leafPaths(value: Json, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}

function setAt(value: Json, path: Path, leaf: unknown): Json {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>;
  copy[head] = setAt(copy[head], rest, leaf);
  return copy;
}

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LONG = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.".repeat(5).trim();
const marker = SENTINEL_MARKERS[0];
/** Values for any field: free text of every sort, and values that change the shape. */
const POOL: unknown[] = [
  "Zoë Ñúñez",
  "O'Brien & Sons <Ltd>",
  `Say "hi" > there`,
  "李雷 · 🎉 and more",
  "Ren\u00e9e",
  LONG,
  LONG + LONG + LONG,
  "a",
  "—",
  "Tom",
  "cm9x2k7q40001abcd1234efgh9",
  "Person Zq0abc1defN0q looking like a placeholder",
  `${marker}N0q`,
  `x ${marker}N1qKk y`,
  "ZqzzzzzzzzN0q &'\"<>é’— x",
  "dana.whitfield+leads@example.com",
  "Zoë@example.com",
  "a@b@c",
  "https://example.com/path?a=1&b=2#frag",
  "https://Example.COM/a b",
  "http://localhost:3000/r/ANOTHER",
  "mailto:someone@example.com",
  "javascript:alert(1)",
  "approved",
  "rejected",
  "going",
  "waitlisted",
  "promoted",
  "reminder-1h",
  "verify-email",
  "referral-status",
  "enroll",
  "constructor",
  "toString",
  "2027-03-02T14:05:00.000Z",
  "March 3",
  "Cohort 2, starting Monday, March 1, 2027",
  "",
  "   ",
  " padded ",
  "two  spaces",
  "line one\nline two",
  "tab\there",
  0,
  1,
  1200,
  -3,
  true,
  null,
];

/** Values tried per field (each template's fields share the pool between them). */
const PER_FIELD = 4;

/** The same template and context, rendered by renderEmail and by the reference, must match. */
async function expectSame(template: EmailTemplate, data: Json, ctx: RenderContext, what: string) {
  const reference = await renderEmailReference(template, data as never, ctx).catch((e: unknown) => e as Error);
  if (reference instanceof Error) {
    // Data the template cannot render at all fails the same way.
    await expect(renderEmail(template, data as never, ctx), `${template}, ${what}`).rejects.toThrow(reference.message);
    return;
  }
  const fast = await renderEmail(template, data as never, ctx);
  expect(fast.subject, `${template}, ${what}: subject`).toBe(reference.subject);
  expect(fast.html, `${template}, ${what}: html`).toBe(reference.html);
  expect(fast.text, `${template}, ${what}: text`).toBe(reference.text);
  expect(fast.attachments, `${template}, ${what}: attachments`).toEqual(reference.attachments);
}

/**
 * Templates that are always rendered directly (their catalog entry says why: booking shows
 * instants in a zone from its data). The rest must all be cached.
 */
const CACHED = EMAIL_TEMPLATES.filter((t) => !UNCACHED_TEMPLATES.has(t));

describe("renderEmail from a template per data shape", () => {
  beforeEach(() => clearRenderCache());

  it("builds a template for every template's sample, and fills later messages from it", async () => {
    for (const template of EMAIL_TEMPLATES) {
      const { data, ctx } = EMAIL_SAMPLES[template];
      for (let i = 0; i < 3; i++) await expectSame(template, data, ctx, `sample, message ${i + 1}`);
    }
    // The first message of a shape is rendered, the second builds the template, the third is
    // filled in. Uncached templates never reach the cache at all.
    expect(renderCacheStats).toMatchObject({
      filled: CACHED.length,
      // The plain text filled in too (with each summary table converted on its own).
      textFilled: CACHED.length,
      direct: 2 * CACHED.length,
      built: CACHED.length,
      refused: 0,
    });
  });

  it("leaves out only the templates that say why (booking, staff-message)", () => {
    expect([...UNCACHED_TEMPLATES].sort()).toEqual(["booking", "staff-message"]);
    expect(CACHED.length).toBe(EMAIL_TEMPLATES.length - 2);
  });

  for (const template of EMAIL_TEMPLATES) {
    it(`${template}: every field, every kind of value`, async () => {
      const { data, ctx } = EMAIL_SAMPLES[template];
      const withUnsubscribe: RenderContext = { ...ctx, unsubscribeUrl: ctx.unsubscribeUrl ?? "http://localhost:3000/unsubscribe/abc" };
      // Warm the sample's shape, so that values of the same kind are filled in.
      await expectSame(template, data, withUnsubscribe, "sample");
      await expectSame(template, data, withUnsubscribe, "sample again");
      const filledBefore = renderCacheStats.filled;
      // Each field gets a few values of the pool in turn (all of it across the fields), each
      // rendered twice: the second time, a new shape gets its template.
      let turn = 0;
      for (const path of leafPaths(data)) {
        for (let k = 0; k < PER_FIELD; k++) {
          const value = POOL[turn++ % POOL.length];
          const changed = setAt(data, path, value);
          await expectSame(template, changed, withUnsubscribe, `${path.join(".")} = ${JSON.stringify(value)}`);
          await expectSame(template, changed, withUnsubscribe, `${path.join(".")} = ${JSON.stringify(value)}, again`);
        }
      }
      for (const value of POOL) {
        if (typeof value !== "string") continue;
        await expectSame(template, data, { ...withUnsubscribe, unsubscribeUrl: value }, `unsubscribeUrl = ${JSON.stringify(value)}`);
      }
      // Values of the sample's kinds were filled in, not rendered (an uncached template never
      // touches the cache: it is the direct render, checked above all the same).
      if (UNCACHED_TEMPLATES.has(template)) expect(renderCacheStats).toMatchObject({ filled: 0, direct: 0, built: 0, refused: 0 });
      else expect(renderCacheStats.filled).toBeGreaterThan(filledBefore);
    }, 180_000);
  }

  it("random values in every free-text field at once, filled from the cached template", async () => {
    const next = random(16);
    const texts = POOL.filter((v): v is string => typeof v === "string" && classify(v) === "text" && !SENTINEL_MARKERS.some((m) => v.includes(m)));
    for (const template of EMAIL_TEMPLATES) {
      const { data, ctx } = EMAIL_SAMPLES[template];
      await renderEmail(template, data as never, ctx);
      await renderEmail(template, data as never, ctx);
      const filledBefore = renderCacheStats.filled;
      for (let round = 0; round < 15; round++) {
        let changed = data as Json;
        for (const path of leafPaths(data)) {
          const leaf = path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], data);
          if (typeof leaf === "string" && classify(leaf) === "text") changed = setAt(changed, path, texts[Math.floor(next() * texts.length)]);
        }
        await expectSame(template, changed, ctx, `random round ${round}`);
      }
      expect(renderCacheStats.filled, template).toBe(filledBefore + (UNCACHED_TEMPLATES.has(template) ? 0 : 15));
    }
  }, 180_000);

  it("renders a value containing this process's placeholder marker directly", async () => {
    const { data, ctx } = EMAIL_SAMPLES["referral-invitation"];
    await renderEmail("referral-invitation", data, ctx);
    await renderEmail("referral-invitation", data, ctx);
    const direct = renderCacheStats.direct;
    for (const m of SENTINEL_MARKERS) {
      await expectSame("referral-invitation", { ...data, friendName: `Sam ${m}N0q` }, ctx, "marker in a value");
    }
    expect(renderCacheStats.direct).toBe(direct + 2);
  });

  it("classifies only free text, email addresses and normal URLs as fillable", () => {
    expect(classify("Rita Moreno")).toBe("text");
    expect(classify("cm9x2k7q40001abcd1234efgh")).toBe("text");
    // V8's Date.parse reads this as a date; only ISO 8601 dates stay in the key.
    expect(classify("Rita 2")).toBe("text");
    expect(classify("rita@example.com")).toBe("email");
    expect(classify("https://example.com/a?b=1")).toBe("https");
    expect(classify("http://localhost:3000/r/K7QW3MZP")).toBe("http");
    for (const kept of [
      "approved",
      "reminder-1h",
      "enroll",
      "toString",
      "",
      " x",
      "x ",
      "a  b",
      "a\nb",
      "a@b@c",
      "https://Example.com",
      "2027-03-02T14:05:00.000Z",
      "mailto:a@b.c",
    ]) {
      expect(classify(kept), JSON.stringify(kept)).toBeNull();
    }
  });
});
