import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type Coupon, type Quote } from '@shop/contracts';
import { ADMIN, api, CUSTOMER, knownProduct, prismaClient, productWith, startTestPricing, uniqueSku } from './pricing-harness.js';

/**
 * A coupon's discount value changed by an admin (PATCH /api/admin/coupons/:code { discount }):
 * the quotes made from then on use it; a quote signed before is charged as signed; the checkout
 * saga's hold and consume of a use count once whatever the value; a bad value is a 400 naming the
 * field and changes nothing.
 */
describe('changing a coupon discount', () => {
  const clock = new ManualClock(new Date('2030-04-01T10:00:00.000Z'));
  const prisma = prismaClient();
  let pricing: Awaited<ReturnType<typeof startTestPricing>>;
  const tee = uniqueSku('DTEE');

  beforeAll(async () => {
    pricing = await startTestPricing({ clock, env: { QUOTE_TTL_SECONDS: '600', SHIPPING_FLAT_FEE: '495' } });
    await knownProduct(pricing.url, pricing.prefix, productWith([{ sku: tee, amount: 2500 }]));
  });
  afterAll(async () => {
    await pricing?.service.close();
    await prisma.$disconnect();
  });

  let seq = 0;
  async function coupon(body: object): Promise<string> {
    const code = `DISC${Date.now().toString(36)}${(seq++).toString(36)}`.toUpperCase();
    const res = await api(pricing.url, '/api/admin/coupons', { method: 'POST', as: ADMIN, json: { code, ...body } });
    expect(res.status, res.text).toBe(201);
    return code;
  }
  const patch = (code: string, json: object) => api(pricing.url, `/api/admin/coupons/${code}`, { method: 'PATCH', as: ADMIN, json });
  const read = async (code: string) => (await api(pricing.url, `/api/admin/coupons/${code}`, { as: ADMIN })).body as Coupon;
  /** The cart's quote of 2 tees (5000, plus 495 shipping) with the coupon, for a customer. */
  async function quoteWith(code: string): Promise<Quote> {
    const res = await api(pricing.url, '/internal/pricing/quotes', { method: 'POST', json: { lines: [{ sku: tee, quantity: 2 }], couponCode: code, customerId: CUSTOMER.userId }, service: 'cart' });
    expect(res.status, res.text).toBe(200);
    return res.body as Quote;
  }
  const verify = (quote: Quote) => api(pricing.url, '/internal/pricing/quotes/verify', { method: 'POST', json: { quote }, service: 'payments' });
  const hold = (code: string, checkoutId: string) =>
    api(pricing.url, `/internal/pricing/coupons/${code}/holds`, { method: 'POST', json: { checkoutId, customerId: randomUUID() }, service: 'payments' });
  const consume = (checkoutId: string) => api(pricing.url, `/internal/pricing/coupon-holds/${checkoutId}/consume`, { method: 'POST', service: 'payments' });

  it('a new percentage applies to the next quote; a quote signed before is still charged as signed, and its hold is consumed once', async () => {
    const code = await coupon({ discount: { percentOff: 10 }, usageLimit: 5 });
    const before = await quoteWith(code);
    expect(before).toMatchObject({ couponCode: code, discountTotal: { amount: 500 }, total: { amount: 4500 + 495 } });
    // A checkout locked that quote and holds a use of the coupon.
    const underWay = randomUUID();
    expect((await hold(code, underWay)).status).toBe(201);

    const changed = await patch(code, { discount: { percentOff: 25 } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ code, discount: { percentOff: 25 }, usageLimit: 5, used: 0, held: 1 });

    const after = await quoteWith(code);
    expect(after).toMatchObject({ couponCode: code, discountTotal: { amount: 1250 }, total: { amount: 3750 + 495 } });
    // The quote signed before the change is still pricing's, at its total: the checkout charges it as signed.
    expect((await verify(before)).body).toEqual({ valid: true, reason: 'ok' });
    expect(before.total.amount).toBe(4995);

    // The checkout under way consumes its use: one use, whatever the value now; a new checkout takes another.
    expect((await consume(underWay)).status).toBe(200);
    const next = randomUUID();
    expect((await hold(code, next)).status).toBe(201);
    expect((await consume(next)).status).toBe(200);
    expect(await read(code)).toMatchObject({ discount: { percentOff: 25 }, used: 2, held: 0 });
    const stored = await prisma.couponHold.groupBy({ by: ['status'], where: { code }, _count: { _all: true } });
    expect(stored).toEqual([{ status: 'consumed', _count: { _all: 2 } }]);
  });

  it("an amount stays in the coupon's currency; the next quote takes the new amount off", async () => {
    const code = await coupon({ discount: { amountOff: { amount: 500, currency: 'EUR' } } });
    expect(await quoteWith(code)).toMatchObject({ discountTotal: { amount: 500 }, total: { amount: 4500 + 495 } });
    const changed = await patch(code, { discount: { amountOff: { amount: 750, currency: 'EUR' } } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ discount: { amountOff: { amount: 750, currency: 'EUR' } } });
    expect(await quoteWith(code)).toMatchObject({ couponCode: code, discountTotal: { amount: 750 }, total: { amount: 4250 + 495 } });
  });

  it('refuses a bad value with a 400 naming the field, as create does, and changes nothing (not even the other fields sent with it)', async () => {
    const percent = await coupon({ discount: { percentOff: 10 }, usageLimit: 5 });
    const amount = await coupon({ discount: { amountOff: { amount: 500, currency: 'EUR' } }, usageLimit: 5 });
    const refusals: Array<[string, object, { field: string; reason?: string }]> = [
      [percent, { percentOff: 0 }, { field: 'discount.percentOff', reason: 'must be at least 1' }],
      [percent, { percentOff: 101 }, { field: 'discount.percentOff', reason: 'must be at most 100' }],
      [amount, { amountOff: { amount: 0, currency: 'EUR' } }, { field: 'discount.amountOff.amount', reason: 'must be at least 1' }],
      [amount, { amountOff: { amount: 500, currency: 'USD' } }, { field: 'discount.amountOff.currency', reason: "must be EUR, the coupon's currency" }],
      [amount, { percentOff: 10 }, { field: 'discount' }],
      [percent, { amountOff: { amount: 500, currency: 'EUR' } }, { field: 'discount' }],
      [percent, { freeShipping: true }, { field: 'discount' }],
    ];
    for (const [code, discount, issue] of refusals) {
      const res = await patch(code, { discount, usageLimit: 50 });
      expect(res.status, `${code} ${JSON.stringify(discount)}`).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details, JSON.stringify(discount)).toEqual([expect.objectContaining(issue)]);
    }
    expect(await read(percent)).toMatchObject({ discount: { percentOff: 10 }, usageLimit: 5 });
    expect(await read(amount)).toMatchObject({ discount: { amountOff: { amount: 500, currency: 'EUR' } }, usageLimit: 5 });
    expect(await quoteWith(percent)).toMatchObject({ discountTotal: { amount: 500 } });
    // A code no coupon has: 404, nothing created.
    const unknown = `NOPE${Date.now().toString(36)}`.toUpperCase();
    expect((await patch(unknown, { discount: { percentOff: 20 } })).status).toBe(404);
    expect(await prisma.coupon.findUnique({ where: { code: unknown } })).toBeNull();
  });

  it('only an admin changes it: anonymous 401, a customer or a service 403/401, the discount as it was', async () => {
    const code = await coupon({ discount: { percentOff: 10 } });
    const json = { discount: { percentOff: 90 } };
    const path = `/api/admin/coupons/${code}`;
    expect((await api(pricing.url, path, { method: 'PATCH', json })).status).toBe(401);
    expect((await api(pricing.url, path, { method: 'PATCH', json, as: CUSTOMER })).status).toBe(403);
    expect((await api(pricing.url, path, { method: 'PATCH', json, service: 'payments' })).status).toBe(401);
    expect(await read(code)).toMatchObject({ discount: { percentOff: 10 } });
    expect(await quoteWith(code)).toMatchObject({ discountTotal: { amount: 500 } });
  });
});
