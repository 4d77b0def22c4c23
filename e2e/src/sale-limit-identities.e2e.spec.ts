import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, call, CheckoutPlatform } from './checkout-platform.js';

/**
 * A per-customer sale limit that a second account does not reset (issue 8, "also wanted"): at
 * checkout the limit counts the customer, the normalized shipping address and the card's
 * fingerprint. The built services, nothing stubbed.
 */
describe('sale limits through checkout: by customer, shipping address and card', () => {
  const platform = new CheckoutPlatform();
  let sku: string;

  beforeAll(async () => {
    await platform.start();
    [sku] = (await platform.product([2500], 50)) as [string];
    const limit = await call(`${platform.inventory.url}/api/admin/inventory/${sku}/sale-limit`, { method: 'PUT', json: { perCustomer: 1 } });
    expect(limit.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await platform.stop();
  });

  /** A new account buys one unit; answers how its checkout ended and what was charged. */
  async function buyOne(token: string, shippingAddress: object) {
    const { customer, cartId } = await platform.customerWithCart([{ sku, quantity: 1 }]);
    const res = await platform.checkout(customer, cartId, token, undefined, shippingAddress);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const order = await platform.settledOrder(res.body.orderId, customer);
    const checkout = (await platform.checkoutRow(res.body.checkoutId)) as { failure_code: string | null } | undefined;
    return { status: order.status as string, failure: checkout?.failure_code ?? null, charges: (await platform.charges(res.body.checkoutId)).length };
  }

  it('refuses a second account shipping to the same address or paying with the same card, and charges nothing', async () => {
    const elsewhere = { ...ADDRESS, line1: '1 Other Road', postalCode: 'E1 6AN' };
    const farther = { ...ADDRESS, line1: '99 Far Lane', postalCode: 'N1 9GU' };
    // The same address written another way, for another recipient.
    const sameDoor = { ...ADDRESS, name: 'Someone Else', line1: '12, ST. JAMES SQ.', postalCode: 'sw1y4jh' };

    expect(await buyOne('tok_approve_first', ADDRESS)).toEqual({ status: 'CONFIRMED', failure: null, charges: 1 });
    expect(await buyOne('tok_approve_second', sameDoor)).toEqual({ status: 'CANCELLED', failure: 'LIMIT_EXCEEDED', charges: 0 });
    expect(await buyOne('tok_approve_first', elsewhere)).toEqual({ status: 'CANCELLED', failure: 'LIMIT_EXCEEDED', charges: 0 });
    // Another person, another door, another card: the limit is theirs to use.
    expect(await buyOne('tok_approve_third', farther)).toEqual({ status: 'CONFIRMED', failure: null, charges: 1 });
    expect(await platform.stock(sku)).toMatchObject({ onHand: 50, committed: 2, reserved: 0 });
  });
});
