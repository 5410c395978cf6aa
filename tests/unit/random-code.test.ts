import { describe, expect, it } from "vitest";
import { randomCode } from "@/lib/leads/codes";

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

describe("randomCode", () => {
  it("uses only the 31 unambiguous characters, at the length asked", () => {
    for (const n of [1, 8, 24, 100]) expect(randomCode(n)).toMatch(new RegExp(`^[${ALPHABET}]{${n}}$`));
  });

  it("draws every character equally often (no modulo bias toward the first eight)", () => {
    // 256 % 31 = 8: a plain `byte % 31` makes A–H 9/8 as likely as the rest (about 22,500
    // against 20,000 here). Counted over 620,000 characters, each letter's expected count is
    // 20,000 with a standard deviation near 140; the mean of the first eight, near 50.
    const per = 20_000;
    const text = randomCode(ALPHABET.length * per);
    const counts = new Map<string, number>();
    for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const first8 = [...ALPHABET.slice(0, 8)].reduce((s, ch) => s + (counts.get(ch) ?? 0), 0) / 8;
    const rest = [...ALPHABET.slice(8)].reduce((s, ch) => s + (counts.get(ch) ?? 0), 0) / (ALPHABET.length - 8);
    expect(Math.abs(first8 - per)).toBeLessThan(500);
    expect(Math.abs(rest - per)).toBeLessThan(500);
  });
});
