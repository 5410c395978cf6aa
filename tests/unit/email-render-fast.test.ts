import { describe, expect, it } from "vitest";
import { EMAIL_SAMPLES, renderEmail, renderEmailReference } from "@/lib/email/render";
import type { EmailTemplate, RenderContext } from "@/lib/email/template-data";
import { EMAIL_TEMPLATES } from "@/lib/email/templates/catalog";

/**
 * The dispatcher's render (`renderEmail`: html-to-text compiled once, inline styles dropped
 * before the text conversion) must give the same bytes as the plain
 * React Email render (`render()` and `toPlainText()`), for every template, with its sample
 * data and with hostile or odd values in every field.
 */

const LONG = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(90);
const ADVERSARIAL: unknown[] = [
  `<script>alert("x")</script> & 'quotes' "double" <b>bold</b> &amp; &lt;`,
  ' style="color:red" data-skip-in-text="true" <a href="https://evil.example">x</a>',
  "",
  "   ",
  LONG,
  "line one\nline two\r\n\r\nline four\ttabbed   spaced",
  'https://example.com/path?a=1&b=<2>&c="3"#frag ment',
  "javascript:alert(1)",
  "mailto:someone@example.com?subject=Hi&body=<x>",
  "Zoë Ñúñez — 李雷 · 🎉 \u200b\u00a0nbsp",
  "  padded  ",
  42,
  null,
];

type Json = unknown;

/** Every path to a leaf (string, number, boolean or null) in a JSON value. */
function leafPaths(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}

function setAt(value: Json, path: (string | number)[], leaf: unknown): Json {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>;
  copy[head] = setAt(copy[head], rest, leaf);
  return copy;
}

function deleteAt(value: Json, path: (string | number)[]): Json {
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>;
  if (rest.length === 0) delete copy[head];
  else copy[head] = deleteAt(copy[head], rest);
  return copy;
}

/** The variants of one template's data: the sample, each odd value everywhere, each field odd or missing on its own. */
function variants(template: EmailTemplate): { name: string; data: Json; ctx: RenderContext }[] {
  const { data, ctx } = EMAIL_SAMPLES[template];
  const paths = leafPaths(data);
  const hostileCtx: RenderContext = { siteUrl: "https://site.example/a&b?<c>", unsubscribeUrl: `https://site.example/unsubscribe/x"y<z>&w` };
  const out: { name: string; data: Json; ctx: RenderContext }[] = [
    { name: "sample", data, ctx },
    { name: "sample, hostile ctx", data, ctx: hostileCtx },
    { name: "no data", data: null, ctx },
    { name: "empty object", data: {}, ctx: { siteUrl: "" } },
  ];
  ADVERSARIAL.forEach((odd, i) => {
    let all = data as Json;
    for (const p of paths) all = setAt(all, p, odd);
    out.push({ name: `every field = adversarial[${i}]`, data: all, ctx });
  });
  paths.forEach((p, i) => {
    out.push({ name: `${p.join(".")} = adversarial[${i % ADVERSARIAL.length}]`, data: setAt(data, p, ADVERSARIAL[i % ADVERSARIAL.length]), ctx });
    out.push({ name: `${p.join(".")} missing`, data: deleteAt(data, p), ctx });
  });
  // Top-level objects (summary lists, points, rsvp) missing or of the wrong kind.
  for (const key of Object.keys(data as object)) {
    out.push({ name: `${key} = "text"`, data: { ...(data as object), [key]: "text <i>" }, ctx });
    out.push({ name: `${key} = []`, data: { ...(data as object), [key]: [] }, ctx });
  }
  return out;
}

describe("renderEmail gives the same bytes as the plain React Email render", () => {
  for (const template of EMAIL_TEMPLATES) {
    it(template, async () => {
      let compared = 0;
      for (const v of variants(template)) {
        const fast = await renderEmail(template, v.data as never, v.ctx);
        const reference = await renderEmailReference(template, v.data as never, v.ctx);
        // Field by field, so a failure names the part that differs.
        expect(fast.subject, `${template}, ${v.name}: subject`).toBe(reference.subject);
        expect(fast.html, `${template}, ${v.name}: html`).toBe(reference.html);
        expect(fast.text, `${template}, ${v.name}: text`).toBe(reference.text);
        compared++;
      }
      expect(compared).toBeGreaterThan(ADVERSARIAL.length);
    });
  }

  it("puts each recipient's own values in the message", async () => {
    const { data, ctx } = EMAIL_SAMPLES["referral-invitation"];
    const a = await renderEmail("referral-invitation", { ...data, friendName: "Alice <A&B>" }, ctx);
    const b = await renderEmail(
      "referral-invitation",
      { ...data, friendName: "Bob" },
      { ...ctx, unsubscribeUrl: "http://localhost:3000/unsubscribe/bobtoken" },
    );
    expect(a.html).toContain("Hi Alice &lt;A&amp;B&gt;,");
    expect(a.text).toContain("Hi Alice <A&B>,");
    expect(b.text).toContain("Hi Bob,");
    expect(b.html).toContain("http://localhost:3000/unsubscribe/bobtoken");
    expect(a.html).not.toContain("bobtoken");
  });
});
