/**
 * Narrowing that fails the test instead of skipping a check. `if (out.ok) expect(…)` passes
 * without checking anything when `out.ok` is false; `expect(must(…))` or
 * `narrow(out, "ok", true)` throws there instead, so the assertion after it always runs.
 * Plain throws (no vitest import): Playwright specs use these too.
 */

/** The value itself, or a thrown error when it is null, undefined or false. */
export function must<T>(value: T | null | undefined | false, what = "a value"): T {
  if (value === null || value === undefined || value === false) throw new Error(`expected ${what}, got ${String(value)}`);
  return value;
}

/** The member of a union whose `key` is `expected` (e.g. `narrow(out, "kind", "saved")`), or a thrown error. */
export function narrow<T extends object, K extends keyof T, const V extends T[K]>(value: T, key: K, expected: V): Extract<T, Record<K, V>> {
  if (value[key] !== expected) throw new Error(`expected ${String(key)} to be ${JSON.stringify(expected)}, got ${JSON.stringify(value)}`);
  return value as Extract<T, Record<K, V>>;
}

/**
 * How often each branch of a property ran. A property test that checks something only on
 * some inputs (`if (r.success) …`) counts its branches with `hit`, and asserts at the end
 * that each one ran (`missed()` is empty), so a generator that never reaches a branch fails.
 */
export class BranchCounter<B extends string> {
  readonly counts: Record<B, number>;
  constructor(...branches: B[]) {
    this.counts = Object.fromEntries(branches.map((b) => [b, 0])) as Record<B, number>;
  }
  hit(branch: B): void {
    this.counts[branch] += 1;
  }
  /** The branches that never ran. */
  missed(): B[] {
    return (Object.keys(this.counts) as B[]).filter((b) => this.counts[b] === 0);
  }
}
