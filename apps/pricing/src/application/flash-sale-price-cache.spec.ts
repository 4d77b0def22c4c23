import { describe, expect, it } from 'vitest';
import type { ChangeCounter } from './counted-snapshot.js';
import { FlashSalePriceCache, type PendingFlashSales } from './flash-sale-price-cache.js';
import type { FlashSalePrice } from './price-inputs.js';

class Counter implements ChangeCounter {
  value = 0;
  down = false;
  async current() {
    if (this.down) throw new Error('redis down');
    return String(this.value);
  }
}

/** The store: counts its reads, like the repository answers (per SKU by start). */
class Store implements PendingFlashSales {
  sales: FlashSalePrice[] = [];
  pendingReads = 0;
  skuReads = 0;
  failNext = false;
  async pendingAt(at: Date) {
    this.pendingReads++;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database down');
    }
    return this.sales.filter((s) => s.endsAt > at).sort((a, b) => a.sku.localeCompare(b.sku) || +a.startsAt - +b.startsAt);
  }
  async forSkus(skus: readonly string[], at: Date) {
    this.skuReads++;
    return this.sales.filter((s) => skus.includes(s.sku) && s.endsAt > at);
  }
}

const at = (s: string) => new Date(`2026-12-05T${s}Z`);
const sale = (id: string, sku: string, from: string, to: string): FlashSalePrice => ({
  flashSaleId: id,
  sku,
  price: { amount: 500, currency: 'EUR' },
  startsAt: at(from),
  endsAt: at(to),
});

function setup() {
  const store = new Store();
  const counter = new Counter();
  const cache = new FlashSalePriceCache(store, counter);
  store.sales = [sale('a2', 'A', '12:00:00', '13:00:00'), sale('a1', 'A', '10:00:00', '11:00:00'), sale('b1', 'B', '10:00:00', '10:30:00')];
  return { store, counter, cache };
}

describe('FlashSalePriceCache', () => {
  it('answers from one load until the counter moves, each SKU its sales by start', async () => {
    const { store, counter, cache } = setup();
    expect((await cache.forSkus(['A'], at('09:00:00'))).map((s) => s.flashSaleId)).toEqual(['a1', 'a2']);
    expect((await cache.forSkus(['B', 'C'], at('09:00:01'))).map((s) => s.flashSaleId)).toEqual(['b1']);
    expect(store.pendingReads).toBe(1);

    store.sales.push(sale('c1', 'C', '10:00:00', '11:00:00'));
    expect(await cache.forSkus(['C'], at('09:00:02'))).toEqual([]);
    counter.value++;
    expect((await cache.forSkus(['C'], at('09:00:03'))).map((s) => s.flashSaleId)).toEqual(['c1']);
    expect(store.pendingReads).toBe(2);
  });

  it('leaves out a sale whose window closed since the load, to the millisecond, without reloading', async () => {
    const { store, cache } = setup();
    await cache.forSkus(['B'], at('09:00:00'));
    expect(await cache.forSkus(['B'], at('10:29:59.999'))).toHaveLength(1);
    expect(await cache.forSkus(['B'], at('10:30:00'))).toEqual([]);
    expect(store.pendingReads).toBe(1);
  });

  it('loads again when asked about an instant before its load (a clock set back)', async () => {
    const { store, cache } = setup();
    expect(await cache.forSkus(['B'], at('10:45:00'))).toEqual([]);
    expect((await cache.forSkus(['B'], at('10:15:00'))).map((s) => s.flashSaleId)).toEqual(['b1']);
    expect(store.pendingReads).toBe(2);
  });

  it('asks the store on every quote while the counter cannot be read, and starts over after', async () => {
    const { store, counter, cache } = setup();
    await cache.forSkus(['A'], at('09:00:00'));
    counter.down = true;
    store.sales = store.sales.filter((s) => s.flashSaleId !== 'a1');
    expect((await cache.forSkus(['A'], at('09:00:01'))).map((s) => s.flashSaleId)).toEqual(['a2']);
    expect((await cache.forSkus(['A'], at('09:00:02'))).map((s) => s.flashSaleId)).toEqual(['a2']);
    expect(store.skuReads).toBe(2);
    counter.down = false;
    expect((await cache.forSkus(['A'], at('09:00:03'))).map((s) => s.flashSaleId)).toEqual(['a2']);
    expect(store.pendingReads).toBe(2);
  });

  it('does not keep a failed load', async () => {
    const { store, cache } = setup();
    store.failNext = true;
    await expect(cache.forSkus(['A'], at('09:00:00'))).rejects.toThrow('database down');
    expect(await cache.forSkus(['A'], at('09:00:01'))).toHaveLength(2);
    expect(store.pendingReads).toBe(2);
  });
});
