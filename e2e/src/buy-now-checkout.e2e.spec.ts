import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, call, CheckoutPlatform, type Answer } from './checkout-platform.js';

/**
 * A flash sale's "Buy now" (QA #10): the held unit goes into a cart of its own
 * (`POST /api/carts/buy-now`), and checkout is given that cart with the hold, so the order is that
 * unit alone while the customer's own cart — its other lines and its coupon — is neither ordered
 * nor emptied, whether the payment goes through or is declined. The built catalog, inventory,
 * pricing, cart, orders and payments; nothing stubbed.
 */
describe('a Buy now checkout', () => {
  const platform = new CheckoutPlatform();

  beforeAll(async () => {
    await platform.start();
  }, 120_000);

  afterAll(async () => {
    await platform.stop();
  });

  /** A SKU sold at most `perCustomer` per customer (what a flash sale configures in inventory). */
  async function limitedSku(price: number, perCustomer: number): Promise<string> {
    const [sku] = await platform.product([price], 10);
    const limit = await call(`${platform.inventory.url}/api/admin/inventory/${sku}/sale-limit`, { method: 'PUT', json: { perCustomer } });
    expect(limit.status, JSON.stringify(limit.body)).toBe(200);
    return sku!;
  }

  /** The sale page's hold of one unit, as the customer. */
  function hold(customer: string, sku: string): Promise<Answer> {
    return call(`${platform.inventory.url}/api/inventory/reservations`, {
      method: 'POST',
      user: customer,
      headers: { 'idempotency-key': randomUUID() },
      json: { items: [{ sku, quantity: 1 }] },
    });
  }

  async function heldUnit(customer: string, sku: string): Promise<string> {
    const res = await hold(customer, sku);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.reservationId;
  }

  async function buyNowCart(customer: string, sku: string): Promise<string> {
    const res = await call(`${platform.cart.url}/api/carts/buy-now`, { method: 'POST', json: { sku }, user: customer });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  }

  /** What checkout could take from a cart: its lines and its coupon, as its owner reads it. */
  async function contentsOf(customer: string, cartId: string): Promise<{ lines: Array<[string, number]>; coupon: string | null }> {
    const res = await call(`${platform.cart.url}/api/carts/${cartId}`, { user: customer });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { lines: res.body.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]), coupon: res.body.coupon?.code ?? null };
  }

  /** A customer whose own cart holds two products "for later" and a 10% coupon. */
  async function customerWithCartForLater(): Promise<{ customer: string; cartId: string; code: string }> {
    const [tee, mug] = await platform.product([2500, 1200], 10);
    const { customer, cartId } = await platform.customerWithCart([
      { sku: tee!, quantity: 2 },
      { sku: mug!, quantity: 1 },
    ]);
    const code = `LATER${randomUUID().slice(0, 8).toUpperCase()}`;
    expect((await platform.pricingAdmin('/api/admin/coupons', { method: 'POST', json: { code, discount: { percentOff: 10 } } })).status).toBe(201);
    const applied = await call(`${platform.cart.url}/api/carts/${cartId}/coupon`, { method: 'POST', json: { code }, user: customer });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    return { customer, cartId, code };
  }

  it("orders the held unit alone: the customer's cart keeps its lines and its coupon, and the coupon is not used", async () => {
    const sku = await limitedSku(4000, 1);
    const { customer, cartId, code } = await customerWithCartForLater();
    const before = await contentsOf(customer, cartId);
    const held = await heldUnit(customer, sku);
    const buyNow = await buyNowCart(customer, sku);

    const res = await platform.checkout(customer, buyNow, 'tok_approve', randomUUID(), ADDRESS, { reservationId: held });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const order = await platform.settledOrder(res.body.orderId, customer);
    expect(order).toMatchObject({ status: 'CONFIRMED', subtotal: 4000, discountTotal: 0, discounts: [] });
    expect(order.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([[sku, 1]]);
    expect(await platform.charges(res.body.checkoutId)).toMatchObject([{ status: 'captured', amount: order.total }]);

    // The customer's cart is as it was; the Buy now cart gave its unit to the order.
    expect(await contentsOf(customer, cartId)).toEqual(before);
    expect(before).toEqual({ lines: [expect.any(Array), expect.any(Array)], coupon: code });
    expect(await contentsOf(customer, buyNow)).toEqual({ lines: [], coupon: null });
    const usage = await platform.pricingAdmin(`/api/admin/coupons/${code}`);
    expect(usage.body).toMatchObject({ used: 0, held: 0 });
    // The hold became the order's reservation: one unit sold, none held.
    expect(await platform.stock(sku)).toMatchObject({ reserved: 0, committed: 1 });
    for (const [other] of before.lines) expect(await platform.stock(other)).toMatchObject({ reserved: 0, committed: 0 });
  });

  it("a declined payment takes nothing from the customer's cart and gives the held unit back", async () => {
    const sku = await limitedSku(3000, 1);
    const { customer, cartId } = await customerWithCartForLater();
    const before = await contentsOf(customer, cartId);
    const held = await heldUnit(customer, sku);
    const buyNow = await buyNowCart(customer, sku);

    const res = await platform.checkout(customer, buyNow, 'tok_decline', randomUUID(), ADDRESS, { reservationId: held });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(await platform.settledOrder(res.body.orderId, customer)).toMatchObject({ status: 'CANCELLED', cancelReason: 'PAYMENT_DECLINED' });
    expect(await contentsOf(customer, cartId)).toEqual(before);
    // Nothing was bought: the Buy now cart still holds its unit, and the stock is back for the sale.
    expect((await contentsOf(customer, buyNow)).lines).toEqual([[sku, 1]]);
    expect(await platform.stock(sku)).toMatchObject({ reserved: 0, committed: 0 });
  });

  it("is its owner's alone: another customer or a guest can neither read nor check it out, and the owner's hold stays", async () => {
    const sku = await limitedSku(2000, 1);
    const owner = randomUUID();
    const held = await heldUnit(owner, sku);
    const buyNow = await buyNowCart(owner, sku);
    const mallory = randomUUID();

    expect((await call(`${platform.cart.url}/api/carts/${buyNow}`, { user: mallory })).status).toBe(404);
    expect((await call(`${platform.cart.url}/api/carts/${buyNow}`)).status).toBe(404);
    for (const extra of [{}, { reservationId: held }]) {
      const res = await platform.checkout(mallory, buyNow, 'tok_approve', randomUUID(), ADDRESS, extra);
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.error.code).toBe('CART_NOT_FOUND');
    }
    const asGuest = await call(`${platform.payments.url}/api/checkout`, {
      method: 'POST',
      headers: { 'idempotency-key': randomUUID() },
      json: { cartId: buyNow, shippingAddress: ADDRESS, payment: { method: 'card', token: 'tok_approve' }, email: 'guest@example.com' },
    });
    expect(asGuest.status, JSON.stringify(asGuest.body)).toBe(404);
    expect(asGuest.body.error.code).toBe('CART_NOT_FOUND');

    const orders = await platform.db.query('SELECT id FROM orders."order" WHERE customer_id = $1', [mallory]);
    expect(orders.rows).toEqual([]);
    const { rows } = await platform.db.query('SELECT status FROM inventory.reservation WHERE id = $1', [held]);
    expect(rows).toEqual([{ status: 'held' }]);
    expect(await contentsOf(owner, buyNow)).toEqual({ lines: [[sku, 1]], coupon: null });
  });

  it('keeps the per-customer sale limit: once the limit is bought with Buy now, neither another hold nor another Buy now cart gets one more', async () => {
    const sku = await limitedSku(2500, 1);
    const customer = randomUUID();
    const first = await platform.checkout(customer, await buyNowCart(customer, sku), 'tok_approve', randomUUID(), ADDRESS, { reservationId: await heldUnit(customer, sku) });
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(await platform.settledOrder(first.body.orderId, customer)).toMatchObject({ status: 'CONFIRMED' });

    const again = await hold(customer, sku);
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.body.error.code).toBe('LIMIT_EXCEEDED');
    // A second Buy now cart checked out without a hold reserves on its own, and is refused the same.
    const second = await platform.checkout(customer, await buyNowCart(customer, sku), 'tok_approve');
    expect(second.status, JSON.stringify(second.body)).toBe(202);
    expect(await platform.settledOrder(second.body.orderId, customer)).toMatchObject({ status: 'CANCELLED', cancelReason: 'LIMIT_EXCEEDED' });
    expect(await platform.stock(sku)).toMatchObject({ reserved: 0, committed: 1 });
  });
});
