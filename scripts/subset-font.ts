/**
 * Makes the committed web font: Geist (variable weight, from the `geist` package) cut down to
 * Latin letters and the punctuation the site uses: less than half the bytes (sizes in
 * docs/performance.md), which matters on the slow mobile connections Lighthouse simulates.
 *
 *   npx tsx scripts/subset-font.ts     # rewrites app/fonts/geist-latin.woff2
 */
import { readFileSync, writeFileSync } from "node:fs";
import subsetFont from "subset-font";

const ranges: [number, number][] = [
  [0x20, 0x7e], // Basic Latin
  [0xa0, 0xff], // Latin-1 supplement (accents, ©, °, ±, ×, £, €-adjacent signs)
  [0x152, 0x153], // Œ œ
  [0x2010, 0x2027], // dashes, quotes, bullets, ellipsis
  [0x2030, 0x203a], // per mille, primes, single guillemets
  [0x20ac, 0x20ac], // €
  [0x2122, 0x2122], // ™
  [0x2190, 0x2193], // arrows
  [0x2212, 0x2212], // minus
  [0x2264, 0x2265], // ≤ ≥
];
const text = ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i))).join("");

const source = readFileSync("node_modules/geist/dist/fonts/geist-sans/Geist-Variable.woff2");
const subset = await subsetFont(source, text, { targetFormat: "woff2" });
writeFileSync("app/fonts/geist-latin.woff2", subset);
console.log(`Geist-Variable.woff2 ${source.length} B -> app/fonts/geist-latin.woff2 ${subset.length} B`);
