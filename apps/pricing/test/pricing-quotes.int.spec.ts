import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type Quote } from '@shop/contracts';
import { ADMIN, api, CUSTOMER, knownProduct, productWith, publishProduct, startTestPricing, uniqueSku } from './pricing-harness.js';

/** Quotes through HTTP against the real service: prices from catalog events, price lists, promotions, signatures. */
describe('pricing quotes', () => {
  const clock = new ManualClock(new Date('2030-03-01T10:00:00.000Z'));
  let pricing: Awaited<ReturnType<typeof startTestPricing>>;
  const tee = uniqueSku('TEE');
  const cap = uniqueSku('CAP');
  const teeProduct = productWith([{ sku: tee, amount: 2500 }]);
  const capProduct = productWith([{ sku: cap, amount: 1000 }]);

  beforeAll(async () => {
    pricing = await startTestPricing({ clock, env: { QUOTE_TTL_SECONDS: '600', SHIPPING_FLAT_FEE: '495' } });
    await knownProduct(pricing.url, pricing.prefix, teeProduct);
    await knownProduct(pricing.url, pricing.prefix, capProduct);
  });
  afterAll(async () => {
    await pricing?.service.close();
  });

  const quote = async (body: unknown) => api(pricing.url, '/api/pricing/quote', { method: 'POST', json: body });

  it('learns a product from the catalog event and quotes its list price, signed, with shipping', async () => {
    const res = await quote({ lines: [{ sku: tee, quantity: 2 }] });
    expect(res.status).toBe(200);
    const q = res.body as Quote;
    expect(q.lines[0]).toMatchObject({ sku: tee, quantity: 2, unitPrice: { amount: 2500, currency: 'EUR' }, priceSource: 'list', total: { amount: 5000 } });
    expect(q.subtotal.amount).toBe(5000);
    expect(q.shipping).toMatchObject({ amount: { amount: 495 }, total: { amount: 495 } });
    expect(q.total.amount).toBe(5495);
    expect(q.expiresAt).toBe('2030-03-01T10:10:00.000Z');
    expect(q.signature.length).toBeGreaterThan(20);
  });

  it('follows a product update (a newer version) and ignores an older one', async () => {
    const sku = uniqueSku('MUG');
    const product = productWith([{ sku, amount: 800 }]);
    await knownProduct(pricing.url, pricing.prefix, product);
    await knownProduct(pricing.url, pricing.prefix, { ...product, version: 2, variants: [{ ...product.variants[0]!, price: { amount: 900, currency: 'EUR' } }] });
    await publishProduct(pricing.prefix, product, 'updated'); // version 1 again: stale
    const later = productWith([{ sku: uniqueSku('X'), amount: 1 }]);
    await knownProduct(pricing.url, pricing.prefix, later); // events are handled in order: the stale one is behind us
    const res = await api(pricing.url, `/api/pricing/prices?skus=${sku}`);
    expect((res.body as { items: Array<{ price: { amount: number } }> }).items[0]!.price.amount).toBe(900);
  });

  it('verify accepts the quote as issued and refuses one with a changed amount or after it expired', async () => {
    const q = (await quote({ lines: [{ sku: tee, quantity: 1 }] })).body as Quote;
    const verify = (body: unknown, service = 'payments') => api(pricing.url, '/internal/pricing/quotes/verify', { method: 'POST', json: body, service });
    expect((await verify({ quote: q })).body).toEqual({ valid: true, reason: 'ok' });
    const cheaper = { ...q, lines: [{ ...q.lines[0]!, unitPrice: { amount: 1, currency: 'EUR' } }] };
    expect((await verify({ quote: cheaper })).body).toEqual({ valid: false, reason: 'bad_signature' });
    expect((await verify({ quote: { ...q, total: { amount: q.total.amount - 1, currency: 'EUR' } } })).body).toEqual({ valid: false, reason: 'bad_signature' });
    clock.advance(600_000);
    try {
      expect((await verify({ quote: q })).body).toEqual({ valid: false, reason: 'expired' });
    } finally {
      clock.advance(-600_000);
    }
  });

  it('verify and internal quotes answer only the cart and payments services', async () => {
    const q = (await quote({ lines: [{ sku: tee, quantity: 1 }] })).body as Quote;
    expect((await api(pricing.url, '/internal/pricing/quotes/verify', { method: 'POST', json: { quote: q }, service: null })).status).toBe(401);
    expect((await api(pricing.url, '/internal/pricing/quotes/verify', { method: 'POST', json: { quote: q }, service: 'orders' })).status).toBe(403);
    expect((await api(pricing.url, '/internal/pricing/quotes', { method: 'POST', json: { lines: [{ sku: tee, quantity: 1 }], customerId: CUSTOMER.userId }, service: null })).status).toBe(401);
    expect((await api(pricing.url, '/internal/pricing/quotes', { method: 'POST', json: { lines: [{ sku: tee, quantity: 1 }], customerId: CUSTOMER.userId }, service: 'inventory' })).status).toBe(403);
    const internal = await api(pricing.url, '/internal/pricing/quotes', { method: 'POST', json: { lines: [{ sku: tee, quantity: 1 }], customerId: CUSTOMER.userId }, service: 'payments' });
    expect(internal.status).toBe(200);
    expect((internal.body as Quote).total.amount).toBe(2995);
  });

  it('refuses unknown SKUs naming them, and bad input naming the field, and changes nothing', async () => {
    const unknown = await quote({ lines: [{ sku: tee, quantity: 1 }, { sku: 'NOPE-1', quantity: 1 }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ error: { code: 'UNKNOWN_SKU', details: { skus: ['NOPE-1'] } } });
    const bad = await quote({ lines: [{ sku: tee, quantity: 0 }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'lines.0.quantity' }] } });
    const noCoupon = await quote({ lines: [{ sku: tee, quantity: 1 }], couponCode: 'NOSUCH' });
    expect(noCoupon.status).toBe(400);
    expect(noCoupon.body).toMatchObject({ error: { code: 'COUPON_INVALID', details: { reason: 'unknown' } } });
  });

  it('applies a price list and a promotion, says why, and the totals add up', async () => {
    const list = await api(pricing.url, '/api/admin/price-lists', { method: 'POST', as: ADMIN, json: { name: 'Spring', currency: 'EUR', priority: 1 } });
    expect(list.status).toBe(201);
    const id = (list.body as { id: string }).id;
    const put = await api(pricing.url, `/api/admin/price-lists/${id}/entries`, { method: 'PUT', as: ADMIN, json: { entries: [{ sku: tee, amount: 2000 }] } });
    expect(put.body).toEqual({ written: 1, entryCount: 1 });
    const promo = await api(pricing.url, '/api/admin/promotions', {
      method: 'POST',
      as: ADMIN,
      json: { name: 'Caps 10%', target: { kind: 'sku', skus: [cap] }, benefit: { kind: 'percent_off', percent: 10 }, endsAt: '2030-03-01T10:05:00.000Z' },
    });
    expect(promo.status).toBe(201);
    const res = await quote({ lines: [{ sku: tee, quantity: 1 }, { sku: cap, quantity: 3 }] });
    expect(res.status).toBe(200);
    const q = res.body as Quote;
    expect(q.lines[0]).toMatchObject({ unitPrice: { amount: 2000 }, priceSource: 'price_list', listPrice: { amount: 2500 }, total: { amount: 2000 } });
    expect(q.lines[1]!.discounts).toEqual([
      { source: 'promotion', sourceId: (promo.body as { id: string }).id, label: 'Caps 10%', reason: '10% off on selected items (Caps 10%)', amount: 300 },
    ]);
    expect(q.lines[1]!.total.amount).toBe(2700);
    expect(q.discountTotal.amount).toBe(300);
    expect(q.total.amount).toBe(2000 + 2700 + 495);
    // The promotion ends at 10:05, before the TTL: the quote ends with it.
    expect(q.expiresAt).toBe('2030-03-01T10:05:00.000Z');

    await api(pricing.url, `/api/admin/price-lists/${id}`, { method: 'DELETE', as: ADMIN });
    await api(pricing.url, `/api/admin/promotions/${(promo.body as { id: string }).id}`, { method: 'DELETE', as: ADMIN });
    const after = (await quote({ lines: [{ sku: tee, quantity: 1 }, { sku: cap, quantity: 3 }] })).body as Quote;
    expect(after.lines.map((l) => l.total.amount)).toEqual([2500, 3000]);
  });
});
