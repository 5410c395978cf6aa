/**
 * One value loaded on demand and shared for `ttlMs`, for small lists that many requests read
 * and staff rarely change (the programs in the forms' drop-downs, the notification
 * settings). A failed load is not kept, and a clock that went backwards loads again. Each
 * process has its own copy: forget() clears this one at once, the others catch up within
 * the TTL.
 */
export class TtlCache<T> {
  private entry: { at: number; value: Promise<T> } | undefined;

  constructor(private readonly ttlMs: number) {}

  get(nowMs: number, load: () => Promise<T>): Promise<T> {
    const entry = this.entry;
    if (entry && nowMs >= entry.at && nowMs - entry.at <= this.ttlMs) return entry.value;
    const value = load();
    this.entry = { at: nowMs, value };
    value.catch(() => {
      if (this.entry?.value === value) this.entry = undefined;
    });
    return value;
  }

  forget(): void {
    this.entry = undefined;
  }
}
