import { randomUUID } from 'node:crypto';
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
    const prices = await api(pricing.url, '/api/pricing/prices?skus=lower-case');
    expect(prices.status).toBe(400);
    expect(prices.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'skus.0' }] } });
    const mixed = await quote({ lines: [{ sku: tee, quantity: 1 }], currency: 'USD' });
    expect(mixed.status).toBe(422);
    expect(mixed.body).toMatchObject({ error: { code: 'CURRENCY_MISMATCH', details: { skus: [tee] } } });
    const badCoupon = await quote({ lines: [{ sku: tee, quantity: 1 }], couponCode: 'no spaces' });
    expect(badCoupon.status).toBe(400);
    expect(badCoupon.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'couponCode' }] } });
  });

  describe('a coupon that does not apply: 200, priced without it, the rejection said and signed', () => {
    let seq = 0;
    const code = (stem: string) => `${stem}${Date.now().toString(36)}${(seq++).toString(36)}`.toUpperCase();
    const internalQuote = (couponCode: string, customerId: string = CUSTOMER.userId) =>
      api(pricing.url, '/internal/pricing/quotes', { method: 'POST', json: { lines: [{ sku: tee, quantity: 2 }], couponCode, customerId }, service: 'cart' });
    const verify = (q: Quote) => api(pricing.url, '/internal/pricing/quotes/verify', { method: 'POST', json: { quote: q }, service: 'payments' });
    const holdFor = (couponCode: string, customerId: string) =>
      api(pricing.url, `/internal/pricing/coupons/${couponCode}/holds`, { method: 'POST', json: { checkoutId: randomUUID(), customerId }, service: 'payments' });
    async function coupon(body: object): Promise<string> {
      const c = code('Q');
      const res = await api(pricing.url, '/api/admin/coupons', { method: 'POST', as: ADMIN, json: { code: c, discount: { percentOff: 10 }, ...body } });
      expect(res.status, res.text).toBe(201);
      return c;
    }
    /** The undiscounted quote of 2 tees (5000 + 495 shipping) naming the rejected coupon; verify accepts it as issued. */
    async function rejectedQuote(couponCode: string, customerId?: string): Promise<Quote> {
      const res = await internalQuote(couponCode, customerId);
      expect(res.status, res.text).toBe(200);
      const q = res.body as Quote;
      expect(q).toMatchObject({ couponCode: null, cartDiscounts: [], discountTotal: { amount: 0 }, total: { amount: 5495 } });
      expect((await verify(q)).body).toEqual({ valid: true, reason: 'ok' });
      const { couponRejection: _dropped, ...withoutRejection } = q;
      expect((await verify(withoutRejection as Quote)).body).toEqual({ valid: false, reason: 'bad_signature' });
      return q;
    }

    it('exhausted: its last use went to another checkout (held counts, as consumed does)', async () => {
      const c = await coupon({ usageLimit: 1 });
      expect((await internalQuote(c)).body).toMatchObject({ couponCode: c, total: { amount: 4500 + 495 } });
      expect((await holdFor(c, randomUUID())).status).toBe(201);
      expect((await rejectedQuote(c)).couponRejection).toEqual({
        code: c,
        reason: 'exhausted',
        message: `Coupon ${c} has run out, so it is no longer taken off your total.`,
      });
    });

    it('expired: its window closed', async () => {
      const c = await coupon({ endsAt: new Date(clock.now().getTime() + 1000).toISOString() });
      expect((await internalQuote(c)).body).toMatchObject({ couponCode: c });
      clock.advance(1000);
      try {
        expect((await rejectedQuote(c)).couponRejection).toMatchObject({ code: c, reason: 'expired', message: `Coupon ${c} has ended, so it is no longer taken off your total.` });
      } finally {
        clock.advance(-1000);
      }
    });

    it('not_started: its window opens later, and the quote ends when it opens', async () => {
      const startsAt = new Date(clock.now().getTime() + 60_000).toISOString();
      const c = await coupon({ startsAt });
      const q = await rejectedQuote(c);
      expect(q.couponRejection).toMatchObject({ code: c, reason: 'not_started' });
      expect(q.expiresAt).toBe(startsAt);
    });

    it('customer_limit: this customer used it up (a consumed use), another customer still gets it', async () => {
      const c = await coupon({ perCustomerLimit: 1 });
      const held = await holdFor(c, CUSTOMER.userId);
      expect(held.status).toBe(201);
      expect((await api(pricing.url, `/internal/pricing/coupon-holds/${held.body.checkoutId}/consume`, { method: 'POST', service: 'payments' })).status).toBe(200);
      expect((await rejectedQuote(c)).couponRejection).toMatchObject({ code: c, reason: 'customer_limit' });
      expect((await internalQuote(c, randomUUID())).body).toMatchObject({ couponCode: c, total: { amount: 4500 + 495 } });
    });

    it('not_applicable: the cart no longer qualifies; unknown: no such code (the public quote too)', async () => {
      const c = await coupon({ discount: { amountOff: { amount: 500, currency: 'EUR' } } });
      const promo = await api(pricing.url, '/api/admin/promotions', {
        method: 'POST',
        as: ADMIN,
        json: { name: 'Tees free', target: { kind: 'sku', skus: [tee] }, benefit: { kind: 'percent_off', percent: 100 }, exclusive: true },
      });
      expect(promo.status, promo.text).toBe(201);
      try {
        const res = await internalQuote(c);
        expect(res.body).toMatchObject({ couponCode: null, total: { amount: 495 }, couponRejection: { code: c, reason: 'not_applicable' } });
        expect((await verify(res.body as Quote)).body).toEqual({ valid: true, reason: 'ok' });
      } finally {
        await api(pricing.url, `/api/admin/promotions/${(promo.body as { id: string }).id}`, { method: 'DELETE', as: ADMIN });
      }
      const unknown = await quote({ lines: [{ sku: tee, quantity: 1 }], couponCode: 'nosuch' });
      expect(unknown.status).toBe(200);
      expect(unknown.body).toMatchObject({ couponCode: null, total: { amount: 2995 }, couponRejection: { code: 'NOSUCH', reason: 'unknown' } });
    });
  });

  it('quotes for a signed-in customer too, and refuses a forged identity', async () => {
    const signedIn = await api(pricing.url, '/api/pricing/quote', { method: 'POST', json: { lines: [{ sku: tee, quantity: 1 }] }, as: CUSTOMER });
    expect(signedIn.status).toBe(200);
    const forged = await api(pricing.url, '/api/pricing/quote', {
      method: 'POST',
      json: { lines: [{ sku: tee, quantity: 1 }] },
      headers: { 'x-user-id': CUSTOMER.userId, 'x-user-role': 'customer', 'x-identity-signature': 'forged' },
    });
    expect(forged.status).toBe(401);
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
