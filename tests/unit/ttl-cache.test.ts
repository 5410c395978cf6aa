import { describe, expect, it } from "vitest";
import { TtlCache } from "@/lib/ttl-cache";

/** A loader that counts its calls and answers with the call's number. */
function counter() {
  let calls = 0;
  return { load: async () => ++calls, calls: () => calls };
}

describe("TtlCache", () => {
  it("loads once, then shares the value until the TTL has passed", async () => {
    const cache = new TtlCache<number>(1_000);
    const c = counter();
    expect(await cache.get(5_000, c.load)).toBe(1);
    expect(await cache.get(6_000, c.load)).toBe(1);
    expect(await cache.get(6_001, c.load)).toBe(2);
    expect(c.calls()).toBe(2);
  });

  it("loads again after forget(), and when the clock went backwards", async () => {
    const cache = new TtlCache<number>(1_000);
    const c = counter();
    await cache.get(5_000, c.load);
    cache.forget();
    expect(await cache.get(5_001, c.load)).toBe(2);
    expect(await cache.get(4_000, c.load)).toBe(3);
  });

  it("does not keep a failed load", async () => {
    const cache = new TtlCache<number>(1_000);
    await expect(cache.get(5_000, () => Promise.reject(new Error("database locked")))).rejects.toThrow("locked");
    expect(await cache.get(5_001, async () => 7)).toBe(7);
  });
});
