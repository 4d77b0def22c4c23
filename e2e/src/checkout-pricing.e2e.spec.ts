import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckoutPlatform } from './checkout-platform.js';

/**
 * Checkout charges pricing's signed quote: the built catalog, inventory, pricing, cart, orders and
 * payments as processes on the run's own Postgres and Redis. What was charged, ordered and
 * refused is read from the services' own tables afterwards.
 */
describe('checkout charges the signed quote', () => {
  const platform = new CheckoutPlatform();

  beforeAll(async () => {
    await platform.start();
  }, 120_000);

  afterAll(async () => {
    await platform.stop();
  });

  /** Nothing of a refused checkout exists: no order, no reservation held, no charge. */
  async function nothingCreatedFor(customer: string): Promise<void> {
    const orders = await platform.db.query('SELECT id FROM orders."order" WHERE customer_id = $1', [customer]);
    expect(orders.rows).toEqual([]);
    const charges = await platform.db.query(
      `SELECT s.id FROM payments.sim_charge s JOIN payments.checkout c ON s.idempotency_key = c.id || ':authorize' WHERE c.customer_id = $1`,
      [customer],
    );
    expect(charges.rows).toEqual([]);
  }

  async function promotion(sku: string, percent: number): Promise<string> {
    const res = await platform.pricingAdmin('/api/admin/promotions', {
      method: 'POST',
      json: { name: `${percent}% off ${sku}`, target: { kind: 'sku', skus: [sku] }, benefit: { kind: 'percent_off', percent } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  }

  /** Pricing applies rule changes through its cache: wait until a quote shows the new total. */
  async function untilQuoted(customer: string, lines: Array<{ sku: string; quantity: number }>, total: number) {
    for (let i = 0; i < 60; i++) {
      const res = await platform.quote(customer, lines);
      if (res.status === 200 && res.body.total.amount === total) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`pricing never quoted ${total}`);
  }

  it("without a quote in the body, charges pricing's quote of the cart now: the order records its discounts and the payment its total", async () => {
    const [tee, cap] = await platform.product([2500, 999], 10);
    await promotion(tee!, 10);
    const { customer, cartId } = await platform.customerWithCart([
      { sku: tee!, quantity: 2 },
      { sku: cap!, quantity: 1 },
    ]);
    const quoted = await untilQuoted(customer, [{ sku: tee!, quantity: 2 }, { sku: cap!, quantity: 1 }], 5999 - 500 + 0);

    const res = await platform.checkout(customer, cartId, 'tok_approve');
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const order = await platform.settledOrder(res.body.orderId, customer);
    expect(order).toMatchObject({ status: 'CONFIRMED', subtotal: 5999, discountTotal: 500, total: quoted.total.amount });
    expect(order.discounts).toEqual([expect.objectContaining({ source: 'promotion', sku: tee, amount: 500, reason: expect.any(String) })]);
    expect(await platform.charges(res.body.checkoutId)).toMatchObject([{ status: 'captured', amount: quoted.total.amount, captured_amount: quoted.total.amount }]);
    const row = await platform.checkoutRow(res.body.checkoutId);
    expect(row).toMatchObject({ state: 'completed', amount: quoted.total.amount });
  });

  it('charges the quote the shopper sent when pricing verifies it and it still holds', async () => {
    const [sku] = await platform.product([1800], 5);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 2 }]);
    const shown = await platform.quote(customer, [{ sku: sku!, quantity: 2 }]);
    expect(shown.status).toBe(200);

    const res = await platform.checkout(customer, cartId, 'tok_approve', randomUUID(), undefined, { quote: shown.body });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const order = await platform.settledOrder(res.body.orderId, customer);
    expect(order).toMatchObject({ status: 'CONFIRMED', total: shown.body.total.amount });
    expect(await platform.charges(res.body.checkoutId)).toMatchObject([{ status: 'captured', amount: shown.body.total.amount }]);
  });

  it('refuses a tampered quote with 400 QUOTE_INVALID: no order, no reservation, no charge', async () => {
    const [sku] = await platform.product([4000], 5);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    const shown = (await platform.quote(customer, [{ sku: sku!, quantity: 1 }])).body;
    const cheap = { amount: 1, currency: 'EUR' };
    const tampered = {
      ...shown,
      lines: shown.lines.map((l: object) => ({ ...l, unitPrice: cheap, total: cheap })),
      subtotal: cheap,
      total: { amount: 1 + shown.shipping.total.amount, currency: 'EUR' },
    };

    const res = await platform.checkout(customer, cartId, 'tok_approve', randomUUID(), undefined, { quote: tampered });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'QUOTE_INVALID', details: { field: 'quote', reason: 'bad_signature' } });
    await nothingCreatedFor(customer);
    expect(await platform.stock(sku!)).toMatchObject({ reserved: 0, committed: 0, available: 5 });
  });

  it('refuses a quote whose price changed since with 409 PRICE_CHANGED and the new quote; the new quote then checks out', async () => {
    const [sku] = await platform.product([3000], 5);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    const shown = (await platform.quote(customer, [{ sku: sku!, quantity: 1 }])).body;
    await promotion(sku!, 20);
    await untilQuoted(customer, [{ sku: sku!, quantity: 1 }], shown.total.amount - 600);

    const refused = await platform.checkout(customer, cartId, 'tok_approve', randomUUID(), undefined, { quote: shown });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'PRICE_CHANGED',
      details: { previousTotal: shown.total, quote: { total: { amount: shown.total.amount - 600 }, signature: expect.any(String) } },
    });
    await nothingCreatedFor(customer);

    const accepted = await platform.checkout(customer, cartId, 'tok_approve', randomUUID(), undefined, { quote: refused.body.error.details.quote });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const order = await platform.settledOrder(accepted.body.orderId, customer);
    expect(order).toMatchObject({ status: 'CONFIRMED', total: shown.total.amount - 600, discountTotal: 600 });
    expect(await platform.charges(accepted.body.checkoutId)).toMatchObject([{ status: 'captured', amount: shown.total.amount - 600 }]);
  });

  it('answers 503 while pricing is down, creates nothing, and the same request goes through once it is back', async () => {
    const [sku] = await platform.product([1200], 5);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    const key = randomUUID();
    await platform.pricing.kill('SIGKILL');
    try {
      const down = await platform.checkout(customer, cartId, 'tok_approve', key);
      expect(down.status, JSON.stringify(down.body)).toBe(503);
      expect(JSON.stringify(down.body)).toContain('pricing');
      await nothingCreatedFor(customer);
    } finally {
      await platform.restartPricing();
    }
    // The shopper retries with the same key, as the 503 says; payments itself was never restarted.
    let back = await platform.checkout(customer, cartId, 'tok_approve', key);
    for (let i = 0; i < 40 && back.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 250));
      back = await platform.checkout(customer, cartId, 'tok_approve', key);
    }
    expect(back.status, JSON.stringify(back.body)).toBe(202);
    expect(await platform.settledOrder(back.body.orderId, customer)).toMatchObject({ status: 'CONFIRMED', total: 1200 });
  });
});
