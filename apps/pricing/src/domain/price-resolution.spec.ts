import { describe, expect, it } from 'vitest';
import { resolvePrice, type PriceListPrice, type SkuPriceInputs } from './price-resolution.js';

const t = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);
const EUR = { currency: 'EUR', customerGroup: null };

function inputs(over: Partial<SkuPriceInputs> = {}): SkuPriceInputs {
  return { listPrice: { amount: 1000, currency: 'EUR' }, priceLists: [], scheduled: [], demand: null, flashSales: [], ...over };
}
function list(over: Partial<PriceListPrice> = {}): PriceListPrice {
  return { priceListId: 'l1', priority: 0, customerGroup: null, currency: 'EUR', amount: 900, startsAt: null, endsAt: null, createdAt: t('2030-01-01T00:00:00Z'), ...over };
}
const sched = { id: 's1', amount: 700, currency: 'EUR', startsAt: t('2030-01-01T12:00:00Z'), endsAt: t('2030-01-01T13:00:00Z'), createdAt: t('2030-01-01T00:00:00Z') };
const flash = { flashSaleId: '00000000-0000-4000-8000-000000000f01', price: { amount: 500, currency: 'EUR' }, startsAt: t('2030-01-01T12:30:00Z'), endsAt: t('2030-01-01T12:45:00Z') };

describe('resolvePrice', () => {
  it('uses the list price when nothing else prices the SKU', () => {
    expect(resolvePrice(inputs(), 0, EUR)).toEqual({ price: { amount: 1000, currency: 'EUR' }, source: 'list', nextChangeMs: Infinity });
  });

  it('ranks flash_sale > scheduled > demand > price_list > list', () => {
    const all = inputs({ priceLists: [list()], scheduled: [sched], demand: { ruleId: 'r1', amount: 800 }, flashSales: [flash] });
    expect(resolvePrice(all, ms('2030-01-01T12:30:00Z'), EUR)).toMatchObject({ source: 'flash_sale', price: { amount: 500 }, flashSaleId: flash.flashSaleId });
    expect(resolvePrice(all, ms('2030-01-01T12:15:00Z'), EUR)).toMatchObject({ source: 'scheduled', price: { amount: 700 } });
    expect(resolvePrice(all, ms('2030-01-01T11:00:00Z'), EUR)).toMatchObject({ source: 'demand', price: { amount: 800 } });
    expect(resolvePrice({ ...all, demand: null }, ms('2030-01-01T11:00:00Z'), EUR)).toMatchObject({ source: 'price_list', price: { amount: 900 } });
  });

  it('switches at the exact second: start inclusive, end exclusive', () => {
    const one = inputs({ scheduled: [sched] });
    expect(resolvePrice(one, ms('2030-01-01T11:59:59.999Z'), EUR)).toMatchObject({ source: 'list', nextChangeMs: ms('2030-01-01T12:00:00Z') });
    expect(resolvePrice(one, ms('2030-01-01T12:00:00.000Z'), EUR)).toMatchObject({ source: 'scheduled', nextChangeMs: ms('2030-01-01T13:00:00Z') });
    expect(resolvePrice(one, ms('2030-01-01T12:59:59.999Z'), EUR)).toMatchObject({ source: 'scheduled' });
    expect(resolvePrice(one, ms('2030-01-01T13:00:00.000Z'), EUR)).toMatchObject({ source: 'list', nextChangeMs: Infinity });
  });

  it('names the earliest next change among every window of the SKU', () => {
    const both = inputs({ scheduled: [sched], flashSales: [flash] });
    expect(resolvePrice(both, ms('2030-01-01T12:10:00Z'), EUR)!.nextChangeMs).toBe(ms('2030-01-01T12:30:00Z'));
    expect(resolvePrice(both, ms('2030-01-01T12:30:00Z'), EUR)!.nextChangeMs).toBe(ms('2030-01-01T12:45:00Z'));
    expect(resolvePrice(both, ms('2030-01-01T12:45:00Z'), EUR)).toMatchObject({ source: 'scheduled', nextChangeMs: ms('2030-01-01T13:00:00Z') });
  });

  it('picks the highest-priority price list, a group list over the general one at equal priority, and ignores other groups', () => {
    const lists = [
      list({ priceListId: 'low', priority: 1, amount: 950 }),
      list({ priceListId: 'high', priority: 5, amount: 920 }),
      list({ priceListId: 'vip', priority: 5, amount: 800, customerGroup: 'vip' }),
      list({ priceListId: 'staff', priority: 9, amount: 100, customerGroup: 'staff' }),
    ];
    expect(resolvePrice(inputs({ priceLists: lists }), 0, EUR)!.price.amount).toBe(920);
    expect(resolvePrice(inputs({ priceLists: lists }), 0, { currency: 'EUR', customerGroup: 'vip' })!.price.amount).toBe(800);
    expect(resolvePrice(inputs({ priceLists: lists }), 0, { currency: 'EUR', customerGroup: 'staff' })!.price.amount).toBe(100);
  });

  it('lets a price list in another currency price a SKU there, and answers null when nothing does', () => {
    const usd = list({ currency: 'USD', amount: 1100 });
    expect(resolvePrice(inputs({ priceLists: [usd] }), 0, { currency: 'USD', customerGroup: null })).toMatchObject({ source: 'price_list', price: { amount: 1100, currency: 'USD' } });
    expect(resolvePrice(inputs(), 0, { currency: 'USD', customerGroup: null })).toBeNull();
    // A flash sale and a demand price in the list currency do not price a USD quote.
    expect(resolvePrice(inputs({ flashSales: [flash], demand: { ruleId: 'r', amount: 1 } }), ms('2030-01-01T12:30:00Z'), { currency: 'USD', customerGroup: null })).toBeNull();
  });

  it('among overlapping scheduled prices takes the one that started last', () => {
    const wide = { ...sched, id: 'wide', amount: 800, startsAt: t('2030-01-01T10:00:00Z'), endsAt: t('2030-01-01T20:00:00Z') };
    expect(resolvePrice(inputs({ scheduled: [wide, sched] }), ms('2030-01-01T12:10:00Z'), EUR)!.price.amount).toBe(700);
    expect(resolvePrice(inputs({ scheduled: [sched, wide] }), ms('2030-01-01T11:00:00Z'), EUR)!.price.amount).toBe(800);
  });
});
