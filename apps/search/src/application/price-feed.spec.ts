import { describe, expect, it } from 'vitest';
import { readingOf } from './price-feed.js';

describe('readingOf (what is kept of pricing’s answer)', () => {
  const now = Date.UTC(2030, 5, 1, 9);
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  const inAnHour = new Date(now + 3_600_000);

  it('keeps a scheduled, demand or price-list price with the instant it stops holding', () => {
    for (const source of ['scheduled', 'demand', 'price_list']) {
      expect(readingOf('A', { price: eur(1500), source, until: inAnHour }, now, 60_000)).toEqual({ sku: 'A', price: eur(1500), until: inAnHour });
    }
    expect(readingOf('A', { price: eur(2700), source: 'demand', until: null }, now, 60_000)).toEqual({ sku: 'A', price: eur(2700), until: null });
  });

  it('keeps no price for the list price or a flash sale (the document and the sale’s events have them), but their next edge', () => {
    expect(readingOf('A', { price: eur(2500), source: 'list', until: inAnHour }, now, 60_000)).toEqual({ sku: 'A', price: null, until: inAnHour });
    expect(readingOf('A', { price: eur(999), source: 'flash_sale', until: inAnHour }, now, 60_000)).toEqual({ sku: 'A', price: null, until: inAnHour });
  });

  it('asks again later about a SKU pricing does not know, and a second later about an edge already past (a clock behind)', () => {
    expect(readingOf('A', undefined, now, 60_000)).toEqual({ sku: 'A', price: null, until: new Date(now + 60_000) });
    expect(readingOf('A', { price: eur(1500), source: 'scheduled', until: new Date(now) }, now, 60_000).until).toEqual(new Date(now + 1_000));
  });
});
