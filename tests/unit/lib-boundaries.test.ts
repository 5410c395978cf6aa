/**
 * lib/ holds plain TypeScript with no Next.js imports, so tests and scripts can call it
 * directly (README, "Architecture tour"). The Next adapters live next to the routes that
 * use them: app/(console)/auth.ts, app/fonts/geist.ts, app/(forms)/page-metadata.ts.
 * This fails on any import of `next`, `next/*`, `@next/*` or Better Auth's Next binding
 * under lib/: static, type-only, re-exported, dynamic or required.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const NEXT_MODULE = String.raw`(?:next|next\/[^"'\s]+|@next\/[^"'\s]+|better-auth\/next-js)`;
/** `from "next/…"` (import, import type, export … from), `import "next/…"`, `import("next/…")`, `require("next/…")`. */
const NEXT_IMPORT = new RegExp(String.raw`(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']${NEXT_MODULE}["']`, "g");

function nextImports(source: string): string[] {
  return [...source.matchAll(NEXT_IMPORT)].map((m) => m[0]);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" ? [] : sourceFiles(full);
    return SOURCE.test(name) ? [full] : [];
  });
}

const root = path.resolve(__dirname, "../..");

describe("lib/ boundaries", () => {
  it("recognises every form of a Next import, and nothing else", () => {
    const found = nextImports(
      [
        'import { headers } from "next/headers";',
        "import type { Metadata } from 'next';",
        'import localFont from "next/font/local";',
        'export { redirect } from "next/navigation";',
        'import "next/dist/server/require-hook";',
        'const n = await import("next/navigation");',
        'const c = require( "next/cache" );',
        'import mdx from "@next/mdx";',
        'import { nextCookies } from "better-auth/next-js";',
        // Not Next: a library whose name starts with "next", and words in a sentence.
        'import { createSafeActionClient } from "next-safe-action";',
        "// the next step comes from the form",
      ].join("\n"),
    );
    expect(found).toHaveLength(9);
  });

  it("finds no Next import in any file under lib/", () => {
    const files = sourceFiles(path.join(root, "lib"));
    expect(files.length).toBeGreaterThan(50);
    const offending = files.flatMap((file) => nextImports(readFileSync(file, "utf8")).map((hit) => `${path.relative(root, file)}: ${hit}`));
    expect(offending).toEqual([]);
  });
});
