import type { Clock } from '@shop/contracts';

/** How long a public read reuses a sale and its product. */
export const SHOWN_SALE_TTL_MS = 1_000;
/** Sales kept at most; past it the whole map is dropped (ids are shoppers' input). */
const MAX_SHOWN = 1_000;

/**
 * The sale (and its product) behind the public sale page, read at most once a second per sale
 * however many shoppers poll it: a sold-out sale is polled by every waiting buyer until it
 * ends. Only the record is reused; the status and the live units are computed per request. A
 * write to sales in this process drops them all (`forgetAll`); another instance's write shows
 * within SHOWN_SALE_TTL_MS. Concurrent reads of one sale share one load; a load that failed or
 * found nothing is not kept.
 */
export class ShownSales<T> {
  private readonly reads = new Map<string, { readAt: number; value: Promise<T | null> }>();

  constructor(
    private readonly clock: Clock,
    private readonly load: (id: string) => Promise<T | null>,
  ) {}

  get(id: string): Promise<T | null> {
    const now = this.clock.now().getTime();
    const kept = this.reads.get(id);
    if (kept && Math.abs(now - kept.readAt) < SHOWN_SALE_TTL_MS) return kept.value;
    if (this.reads.size >= MAX_SHOWN) this.reads.clear();
    const value = this.load(id);
    const entry = { readAt: now, value };
    this.reads.set(id, entry);
    const drop = () => {
      if (this.reads.get(id) === entry) this.reads.delete(id);
    };
    value.then((found) => (found === null ? drop() : undefined), drop);
    return value;
  }

  forgetAll(): void {
    this.reads.clear();
  }
}
