import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, CheckoutPlatform } from './checkout-platform.js';

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

  async function coupon(code: string, body: object): Promise<void> {
    const res = await platform.pricingAdmin('/api/admin/coupons', { method: 'POST', json: { code, ...body } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }

  async function couponUsage(code: string): Promise<{ used: number; held: number }> {
    const res = await platform.pricingAdmin(`/api/admin/coupons/${code}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { used: res.body.used, held: res.body.held };
  }

  async function applyCoupon(customer: string, cartId: string, code: string): Promise<void> {
    const res = await call(`${platform.cart.url}/api/carts/${cartId}/coupon`, { method: 'POST', json: { code }, user: customer });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  it('a 10-use coupon and 50 concurrent checkouts by different customers: exactly 10 discounted orders, 40 COUPON_EXHAUSTED with nothing charged', async () => {
    const code = `RACE${Date.now().toString(36).toUpperCase()}`;
    const [sku] = await platform.product([2000], 100);
    await coupon(code, { discount: { amountOff: { amount: 500, currency: 'EUR' } }, usageLimit: 10 });
    // The carts are set up a few at a time (the race is the checkouts, not the cart service).
    const shoppers: Array<{ customer: string; cartId: string }> = [];
    for (let batch = 0; batch < 10; batch++) {
      shoppers.push(
        ...(await Promise.all(
          Array.from({ length: 5 }, async () => {
            const shopper = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
            await applyCoupon(shopper.customer, shopper.cartId, code);
            return shopper;
          }),
        )),
      );
    }

    // Each shopper resends a 503 with the same Idempotency-Key, as a client does (two cores are busy here).
    const answers = await Promise.all(
      shoppers.map(async (s) => {
        const key = randomUUID();
        let res = await platform.checkout(s.customer, s.cartId, 'tok_approve', key);
        for (let i = 0; i < 20 && res.status === 503; i++) {
          await new Promise((r) => setTimeout(r, 250));
          res = await platform.checkout(s.customer, s.cartId, 'tok_approve', key);
        }
        return res;
      }),
    );
    const tally: Record<string, number> = {};
    for (const a of answers) {
      const outcome = a.status === 202 ? '202' : `${a.status} ${a.body.error?.code}`;
      tally[outcome] = (tally[outcome] ?? 0) + 1;
    }
    expect(tally).toEqual({ '202': 10, '409 COUPON_EXHAUSTED': 40 });
    const accepted = answers.filter((a) => a.status === 202);

    const orders = await Promise.all(accepted.map((a) => platform.settledOrder(a.body.orderId, shoppers[answers.indexOf(a)]!.customer, 40_000)));
    for (const order of orders) {
      expect(order).toMatchObject({ status: 'CONFIRMED', subtotal: 2000, discountTotal: 500, total: 1500 });
      expect(order.discounts).toEqual([expect.objectContaining({ source: 'coupon', sourceId: code, amount: 500 })]);
    }
    // Invariants, from the services' own tables: one captured charge per order, of the order's total; none for the refused.
    const { rows: charges } = await platform.db.query(
      `SELECT c.customer_id, s.status, s.amount, s.captured_amount FROM payments.sim_charge s
       JOIN payments.checkout c ON s.idempotency_key = c.id || ':authorize' WHERE c.customer_id = ANY($1::uuid[])`,
      [shoppers.map((s) => s.customer)],
    );
    expect(charges).toHaveLength(10);
    expect(charges.every((c) => c.status === 'captured' && c.amount === 1500 && c.captured_amount === 1500)).toBe(true);
    const { rows: ordered } = await platform.db.query('SELECT count(*)::int AS n FROM orders."order" WHERE customer_id = ANY($1::uuid[])', [
      shoppers.map((s) => s.customer),
    ]);
    expect(ordered).toEqual([{ n: 10 }]);
    expect(await couponUsage(code)).toEqual({ used: 10, held: 0 });
    expect(await platform.stock(sku!)).toMatchObject({ onHand: 100, reserved: 0, committed: 10, available: 90 });
  }, 120_000);

  it('a checkout whose payment fails gives its coupon use back', async () => {
    const code = `BACK${Date.now().toString(36).toUpperCase()}`;
    const [sku] = await platform.product([2500], 5);
    await coupon(code, { discount: { percentOff: 10 }, usageLimit: 1 });
    const first = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    await applyCoupon(first.customer, first.cartId, code);

    const declined = await platform.checkout(first.customer, first.cartId, 'tok_decline');
    expect(declined.status, JSON.stringify(declined.body)).toBe(202);
    expect(await platform.settledOrder(declined.body.orderId, first.customer)).toMatchObject({ status: 'CANCELLED', cancelReason: 'PAYMENT_DECLINED', discountTotal: 250 });
    expect(await couponUsage(code)).toEqual({ used: 0, held: 0 });

    // The one use is there for the next shopper.
    const second = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    await applyCoupon(second.customer, second.cartId, code);
    const paid = await platform.checkout(second.customer, second.cartId, 'tok_approve');
    expect(paid.status, JSON.stringify(paid.body)).toBe(202);
    expect(await platform.settledOrder(paid.body.orderId, second.customer)).toMatchObject({ status: 'CONFIRMED', total: 2250 });
    expect(await couponUsage(code)).toEqual({ used: 1, held: 0 });
  });

  it('a cart whose coupon ran out after it was applied checks out at the total it shows without it, holding and using nothing', async () => {
    const code = `GONE${Date.now().toString(36).toUpperCase()}`;
    const [sku] = await platform.product([3000], 5);
    await coupon(code, { discount: { percentOff: 10 }, usageLimit: 1 });
    const late = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    await applyCoupon(late.customer, late.cartId, code);
    // Another shopper uses the coupon's only use.
    const first = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    await applyCoupon(first.customer, first.cartId, code);
    const firstPaid = await platform.checkout(first.customer, first.cartId, 'tok_approve');
    expect(firstPaid.status, JSON.stringify(firstPaid.body)).toBe(202);
    expect(await platform.settledOrder(firstPaid.body.orderId, first.customer)).toMatchObject({ status: 'CONFIRMED', total: 2700 });

    // The late shopper's cart keeps the code, says why it no longer applies, and totals without it.
    const cart = await call(`${platform.cart.url}/api/carts/${late.cartId}`, { user: late.customer });
    expect(cart.status, JSON.stringify(cart.body)).toBe(200);
    expect(cart.body.coupon).toMatchObject({ code, status: 'not_applied', reason: 'exhausted' });
    expect(cart.body.quote).toMatchObject({ couponCode: null, total: { amount: 3000 }, couponRejection: { code, reason: 'exhausted' } });

    const res = await platform.checkout(late.customer, late.cartId, 'tok_approve', randomUUID(), undefined, { quote: cart.body.quote });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const order = await platform.settledOrder(res.body.orderId, late.customer);
    expect(order).toMatchObject({ status: 'CONFIRMED', subtotal: 3000, discountTotal: 0, total: 3000 });
    expect(order.discounts).toEqual([]);
    expect(await platform.charges(res.body.checkoutId)).toMatchObject([{ status: 'captured', amount: 3000, captured_amount: 3000 }]);
    expect(await platform.stepAttempts(res.body.checkoutId, 'hold_coupon')).toBe(0);
    expect(await couponUsage(code)).toEqual({ used: 1, held: 0 }); // the first shopper's only
    const { rows: holds } = await platform.db.query('SELECT checkout_id FROM pricing.coupon_hold WHERE code = $1', [code]);
    expect(holds).toEqual([{ checkout_id: firstPaid.body.checkoutId }]);
  }, 60_000);

  it('a coupon that runs out while the shopper is on the checkout page: 409 PRICE_CHANGED with the total without it, which then checks out', async () => {
    const code = `RACE1${Date.now().toString(36).toUpperCase()}`;
    const [sku] = await platform.product([3000], 5);
    await coupon(code, { discount: { percentOff: 10 }, usageLimit: 1 });
    const shopper = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    await applyCoupon(shopper.customer, shopper.cartId, code);
    const shown = (await call(`${platform.cart.url}/api/carts/${shopper.cartId}`, { user: shopper.customer })).body.quote;
    expect(shown).toMatchObject({ couponCode: code, total: { amount: 2700 } });
    const other = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    await applyCoupon(other.customer, other.cartId, code);
    expect((await platform.checkout(other.customer, other.cartId, 'tok_approve')).status).toBe(202);

    const refused = await platform.checkout(shopper.customer, shopper.cartId, 'tok_approve', randomUUID(), undefined, { quote: shown });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'PRICE_CHANGED',
      details: { previousTotal: { amount: 2700 }, quote: { couponCode: null, total: { amount: 3000 }, couponRejection: { code, reason: 'exhausted' } } },
    });
    await nothingCreatedFor(shopper.customer);

    const accepted = await platform.checkout(shopper.customer, shopper.cartId, 'tok_approve', randomUUID(), undefined, { quote: refused.body.error.details.quote });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    expect(await platform.settledOrder(accepted.body.orderId, shopper.customer)).toMatchObject({ status: 'CONFIRMED', discountTotal: 0, total: 3000 });
  }, 60_000);

  async function hold(customer: string, sku: string): Promise<string> {
    const res = await call(`${platform.inventory.url}/api/inventory/reservations`, {
      method: 'POST',
      user: customer,
      headers: { 'idempotency-key': randomUUID() },
      json: { items: [{ sku, quantity: 1 }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.reservationId;
  }

  it("a limit-1 sale: the shopper's own hold becomes the checkout's reservation (CONFIRMED, not LIMIT_EXCEEDED)", async () => {
    const [sku] = await platform.product([900], 10);
    const limit = await call(`${platform.inventory.url}/api/admin/inventory/${sku}/sale-limit`, { method: 'PUT', json: { perCustomer: 1 } });
    expect(limit.status, JSON.stringify(limit.body)).toBe(200);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    const held = await hold(customer, sku!);

    const res = await platform.checkout(customer, cartId, 'tok_approve', randomUUID(), undefined, { reservationId: held });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const order = await platform.settledOrder(res.body.orderId, customer);
    expect(order).toMatchObject({ status: 'CONFIRMED', total: 900 });
    // One unit sold, none left held: the hold was turned into the checkout's reservation, not added to it.
    expect(await platform.stock(sku!)).toMatchObject({ onHand: 10, reserved: 0, committed: 1, available: 9 });
    const { rows } = await platform.db.query('SELECT status FROM inventory.reservation WHERE id = $1', [held]);
    expect(rows).toEqual([{ status: 'released' }]);
  });

  it("refuses another customer's reservationId before any order, and leaves that hold alone", async () => {
    const [sku] = await platform.product([900], 10);
    const owner = randomUUID();
    const held = await hold(owner, sku!);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);

    const res = await platform.checkout(customer, cartId, 'tok_approve', randomUUID(), undefined, { reservationId: held });
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'RESERVATION_REFUSED', details: { field: 'reservationId' } });
    await nothingCreatedFor(customer);
    const { rows } = await platform.db.query('SELECT status FROM inventory.reservation WHERE id = $1', [held]);
    expect(rows).toEqual([{ status: 'held' }]);
    expect(await platform.stock(sku!)).toMatchObject({ reserved: 1, committed: 0 });
  });
});
