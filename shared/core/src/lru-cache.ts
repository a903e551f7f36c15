/**
 * A bounded cache for per-request work (the gateway's verified tokens, identities and persisted
 * queries; the subgraphs' verified identity headers): it forgets the least recently used entries
 * once the entries' total weight passes `maxWeight`, and each entry at its own expiry time. A Map keeps insertion order, so re-inserting
 * an entry on every hit keeps the least recently used one first.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number; weight: number }>();
  private weight = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.remove(key);
    if (entry.expires <= now) return undefined;
    this.entries.set(key, entry);
    this.weight += entry.weight;
    return entry.value;
  }

  /** Keeps `value` until `expires` (epoch ms); a value heavier than the whole cache is not kept. */
  set(key: string, value: V, expires: number): void {
    this.remove(key);
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return;
    this.entries.set(key, { value, expires, weight });
    this.weight += weight;
    for (const [oldest] of this.entries) {
      if (this.weight <= this.maxWeight) break;
      this.remove(oldest);
    }
  }

  remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }

  get size(): number {
    return this.entries.size;
  }
}
