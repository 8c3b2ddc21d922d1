/**
 * Answers remembered for a short time, per replica. A pending lookup is shared by concurrent callers;
 * a lookup that fails is forgotten at once, so errors are never served from the cache.
 */
export class TtlCache<T> {
  private readonly entries = new Map<
    string,
    { at: number; value: Promise<T> }
  >();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.at < this.ttlMs) return entry.value;
    const fresh = { at: this.now(), value: load() };
    this.entries.set(key, fresh);
    fresh.value.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    if (this.entries.size > 10_000) this.evictExpired();
    return fresh.value;
  }

  private evictExpired() {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (now - entry.at >= this.ttlMs) this.entries.delete(key);
    }
  }
}
