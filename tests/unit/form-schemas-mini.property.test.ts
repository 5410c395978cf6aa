/**
 * The form schemas are written with zod/mini, so the browser gets only the parts it uses
 * (docs/performance.md, "Pages"). One schema per form serves the browser (react-hook-form's
 * resolver, lib/forms/ui/lead-form.tsx) and the server (safeParse in lib/leads/pipeline.ts).
 * These properties hold:
 * - every form's schema to the classic-zod schema it replaced
 *   (tests/fixtures/classic-form-schemas): any post is accepted with the same output, or
 *   refused with the same issues, messages and paths, in the same order;
 * - the browser's way through a schema to the server's: the resolver, starting without the
 *   phone rules (the browser loads them on demand), reports the same message for each field
 *   as the server's safeParse, and passes on the same values.
 */
import fc from "fast-check";
import type { FieldErrors, FieldValues, ResolverOptions } from "react-hook-form";
import { describe, expect, it, vi } from "vitest";
import { FORM_TYPES, type FormType } from "@/lib/leads/form-types";
import { attributionSchema, formSchemas } from "@/lib/leads/schemas";
import { statusLinkSchema } from "@/lib/referrals/status-schema";
import { arbitraryPost, FORM_KEYS, hostileInput, hostileValue, show, validInput } from "../helpers/arbitraries";
import { classicAttributionSchema, classicFormSchemas, classicStatusLinkSchema } from "../fixtures/classic-form-schemas";

/** Runs per property; FC_NUM_RUNS=20000 for a longer local search. */
const RUNS = Number(process.env.FC_NUM_RUNS) || 300;

type SafeParsing = {
  safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: { code: string; path: PropertyKey[]; message: string }[] } };
};

type Outcome = { ok: true; data: unknown } | { ok: false; issues: { code: string; path: string; message: string }[] } | { threw: string };

function outcome(schema: SafeParsing, raw: unknown): Outcome {
  try {
    const r = schema.safeParse(raw);
    if (r.success) return { ok: true, data: r.data };
    return { ok: false, issues: (r.error?.issues ?? []).map((i) => ({ code: i.code, path: i.path.map(String).join("."), message: i.message })) };
  } catch (error) {
    return { threw: error instanceof Error ? error.message : String(error) };
  }
}

/** Values at the edges of every kind of field: empty, blank, the wrong type, too long, almost right. */
const EDGE_VALUES: unknown[] = [
  "",
  "  ",
  "\t",
  undefined,
  null,
  true,
  false,
  "on",
  0,
  2,
  1.5,
  "7",
  "-3",
  "1e3",
  "abc",
  [],
  ["abc"],
  {},
  "x".repeat(101),
  "x".repeat(2001),
  "ANA@EXAMPLE.COM ",
  "a@b",
  "+44 20 7946 0958",
  "+1 512 555 0175",
  "12",
  "UTC",
  "Mars/Olympus",
  "team",
  "call",
  "one\ntwo",
  "zero\u200bwidth",
  "nul\u0000",
  "https://example.com",
  "javascript:alert(1)",
];

/** A valid post with one to three of its fields set to edge values (or left out). */
function edgeInput(form: FormType): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(FORM_KEYS[form]);
  return fc
    .tuple(
      validInput(form),
      fc.uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: 3 }),
      fc.array(fc.constantFrom(...EDGE_VALUES), { minLength: 3, maxLength: 3 }),
    )
    .map(([v, picked, values]) => {
      const raw: Record<string, unknown> = { ...v.raw };
      picked.forEach((key, i) => {
        if (values[i] === undefined) delete raw[key];
        else raw[key] = values[i];
      });
      return raw;
    });
}

/** Valid posts, posts with fields at the edges, broken or replaced, and anything at all. */
function posts(form: FormType): fc.Arbitrary<unknown> {
  return fc.oneof(
    validInput(form).map((v) => v.raw),
    edgeInput(form),
    edgeInput(form),
    hostileInput(form),
    arbitraryPost(form),
  );
}

describe("the zod/mini schemas against the classic ones they replaced", () => {
  it.each(FORM_TYPES)("%s: the same answer to any post", (form) => {
    fc.assert(
      fc.property(posts(form), (raw) => {
        expect(outcome(formSchemas[form] as SafeParsing, raw), show(raw)).toEqual(outcome(classicFormSchemas[form] as SafeParsing, raw));
      }),
      { numRuns: RUNS },
    );
  });

  it("the status-link form and the attribution fields: the same answer to any post", () => {
    const anyRecord = fc.dictionary(fc.constantFrom("email", "utm_source", "utm_campaign", "article", "cta", "ref"), hostileValue(), { maxKeys: 6 });
    fc.assert(
      fc.property(fc.oneof(anyRecord, fc.anything()), (raw) => {
        expect(outcome(statusLinkSchema as SafeParsing, raw), show(raw)).toEqual(outcome(classicStatusLinkSchema as SafeParsing, raw));
        expect(outcome(attributionSchema as SafeParsing, raw), show(raw)).toEqual(outcome(classicAttributionSchema as SafeParsing, raw));
      }),
      { numRuns: RUNS },
    );
  });
});

/** react-hook-form's nested errors as `{ "friends.0.email": message }`. */
function flatErrors(errors: FieldErrors, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, node] of Object.entries(errors)) {
    if (!node || typeof node !== "object" || key === "ref") continue;
    const path = key === "root" ? prefix : prefix ? `${prefix}.${key}` : key;
    const message = (node as { message?: unknown }).message;
    if (typeof message === "string") out[path] = message;
    if (key !== "root") Object.assign(out, flatErrors(node as FieldErrors, path));
  }
  return out;
}

/** The server's first message for each field, as react-hook-form keeps them. */
function serverErrors(o: Outcome): Record<string, string> {
  if (!("ok" in o) || o.ok) return {};
  const out: Record<string, string> = {};
  for (const i of o.issues) out[i.path] ??= i.message;
  return out;
}

const RESOLVER_OPTIONS = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<FieldValues>;

describe("the browser's resolver against the server's safeParse", () => {
  it.each(FORM_TYPES)("%s: the same message for each field, the same values when valid, the phone rules loaded on demand", async (form) => {
    // Fresh copies of the form modules, as a browser starts: no phone rules installed yet.
    vi.resetModules();
    const rules = await import("@/lib/forms/phone-rules");
    const { schemaResolver } = await import("@/lib/forms/ui/lead-form");
    const browserSchemas = (await import("@/lib/leads/schemas")).formSchemas;
    expect(rules.phoneRulesLoaded()).toBe(false);
    const resolve = schemaResolver(async () => browserSchemas[form] as never, undefined);

    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          validInput(form).map((v) => v.raw),
          edgeInput(form),
          hostileInput(form),
        ),
        async (raw) => {
          const server = outcome(formSchemas[form] as SafeParsing, raw);
          const browser = await resolve(raw as FieldValues, undefined, RESOLVER_OPTIONS);
          expect(flatErrors(browser.errors), show(raw)).toEqual(serverErrors(server));
          if ("ok" in server && server.ok) expect(browser.values, show(raw)).toEqual(server.data);
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    if (["enroll", "quote", "callback"].includes(form)) expect(rules.phoneRulesLoaded(), "a form with a phone field loads the rules").toBe(true);
  });
});
