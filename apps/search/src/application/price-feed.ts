import type { Clock, Money } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import type { SkuState } from '../domain/document-builder.js';
import type { SearchStateStore, SkuPriceReading } from './search-state-store.js';

/** Pricing's answer for one SKU: its price now for a shopper not signed in, and until when it holds. */
export interface PricedSku {
  price: Money;
  /** Which rule sets it (pricing's precedence): flash_sale, scheduled, demand, price_list or list. */
  source: string;
  until: Date | null;
}

/** Pricing's `GET /api/pricing/prices`: SKUs it does not know or does not sell are absent. */
export interface PriceSource {
  pricesOf(skus: readonly string[]): Promise<Map<string, PricedSku>>;
}

export interface PriceFeedOptions {
  /** How long pricing is left alone after it could not answer (its SKUs are read again then). */
  retryAfterMs?: number;
  /** When a SKU pricing does not know (yet) is asked again. */
  unknownRetryMs?: number;
  /** How long a claimed SKU is held by the reader before another instance may read it. */
  leaseMs?: number;
}

/** SKUs read per pass of the window sweep. */
export const PRICE_READ_BATCH = 500;

/**
 * Each SKU's price now as product cards show it, from pricing (`GET /api/pricing/prices`, a
 * shopper not signed in: the general price lists): a scheduled, demand or price-list price, else
 * the list price. Stored per SKU with the instant it stops holding (`until`, the next edge of one
 * of the SKU's windows), and read again then, when pricing announces a change of the SKU, or
 * when pricing could not answer (after `retryAfterMs`). Flash sales are left out of the stored
 * price: search follows them from their own events (a sale's price comes first anyway).
 */
export class PriceFeed {
  private unavailableUntil = 0;
  private readonly dueListeners: ((at: Date) => void)[] = [];

  constructor(private readonly deps: { source: PriceSource; state: SearchStateStore; clock: Clock; logger: Logger; options?: PriceFeedOptions }) {}

  /** `listener` hears the earliest `until` of every batch of readings stored here (the sweep sleeps until the next one). */
  onDue(listener: (at: Date) => void): void {
    this.dueListeners.push(listener);
  }

  /**
   * `known` completed with pricing's prices of the SKUs never read (a product new to search, a
   * reindex). While pricing cannot answer, they count at their list price and are read later.
   */
  async complete(skus: readonly string[], known: SkuState): Promise<SkuState> {
    const missing = [...new Set(skus)].filter((sku) => !known.prices.has(sku));
    if (missing.length === 0) return known;
    const now = this.deps.clock.now().getTime();
    if (now < this.unavailableUntil) {
      await this.deps.state.pricesDueAt(missing, new Date(this.unavailableUntil));
      return known;
    }
    const readings = await this.read(missing);
    if (!readings) return known;
    await this.deps.state.recordFirstPrices(readings);
    this.announceDue(readings);
    // Read back: a reading stored meanwhile by another instance or an event wins.
    const stored = await this.deps.state.stateOf(missing);
    const prices = new Map(known.prices);
    for (const [sku, price] of stored.prices) prices.set(sku, price);
    return { ...known, prices };
  }

  /** Pricing announced a change of these SKUs: they are read again at once (by `readDue`). */
  changed(skus: readonly string[]): Promise<void> {
    return this.deps.state.pricesDueAt(skus, this.deps.clock.now());
  }

  /**
   * Reads again the SKUs whose price is due (a window's edge passed, a change announced, a failed
   * read's retry), at most PRICE_READ_BATCH; answers the SKUs whose stored price was read (their
   * documents must be recomputed), empty when nothing was due or pricing could not answer.
   */
  async readDue(): Promise<string[]> {
    const now = this.deps.clock.now().getTime();
    // Pricing could not answer a moment ago: its SKUs wait (nextDue says until when).
    if (now < this.unavailableUntil) return [];
    const lease = new Date(now + (this.deps.options?.leaseMs ?? 30_000));
    const skus = await this.deps.state.claimDuePrices(new Date(now), PRICE_READ_BATCH, lease);
    if (skus.length === 0) return [];
    const readings = await this.read(skus);
    // Pricing away: the claimed SKUs are due again when their lease ends.
    if (!readings) return [];
    await this.deps.state.recordClaimedPrices(readings, lease);
    this.announceDue(readings);
    return skus;
  }

  /** When the next stored price is due to be read (null: none is); not before pricing is asked again after a failure. */
  async nextDue(): Promise<Date | null> {
    const next = await this.deps.state.nextPriceDue();
    return next && new Date(Math.max(next.getTime(), this.unavailableUntil));
  }

  private announceDue(readings: readonly SkuPriceReading[]): void {
    const untils = readings.flatMap((r) => (r.until ? [r.until.getTime()] : []));
    if (untils.length === 0) return;
    const earliest = new Date(Math.min(...untils));
    for (const listener of this.dueListeners) listener(earliest);
  }

  /** Pricing's readings of `skus`, or null when it cannot answer (then it is left alone for `retryAfterMs`). */
  private async read(skus: readonly string[]): Promise<SkuPriceReading[] | null> {
    const now = this.deps.clock.now().getTime();
    let answers: Map<string, PricedSku>;
    try {
      answers = await this.deps.source.pricesOf(skus);
    } catch (err) {
      this.unavailableUntil = now + (this.deps.options?.retryAfterMs ?? 30_000);
      this.deps.logger.warn({ err: (err as Error).message, skus: skus.length }, 'pricing cannot be read: those SKUs count at their list price for now');
      await this.deps.state.pricesDueAt(skus, new Date(this.unavailableUntil));
      return null;
    }
    return skus.map((sku) => readingOf(sku, answers.get(sku), now, this.deps.options?.unknownRetryMs ?? 60_000));
  }
}

/**
 * What is stored of pricing's answer: its price unless that is the list price (the catalog's,
 * which the document holds) or a flash sale's (followed from the sale's events). A window edge in
 * the past (another machine's clock a little behind) is read again a second later, not in a loop.
 */
export function readingOf(sku: string, answer: PricedSku | undefined, nowMs: number, unknownRetryMs: number): SkuPriceReading {
  if (!answer) return { sku, price: null, until: new Date(nowMs + unknownRetryMs) };
  const price = answer.source === 'list' || answer.source === 'flash_sale' ? null : answer.price;
  const until = answer.until === null ? null : new Date(answer.until.getTime() > nowMs ? answer.until.getTime() : nowMs + 1_000);
  return { sku, price, until };
}
