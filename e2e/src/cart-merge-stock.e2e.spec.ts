import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, CheckoutPlatform } from './checkout-platform.js';

interface MergedAnswer {
  id: string;
  lines: Array<{ sku: string; quantity: number }>;
  mergeAdjustments: Array<{ sku: string; reason: string; requested: number; quantity: number; available: number | null }>;
}

/**
 * Merge on login against the real inventory: the built catalog, pricing, inventory and cart as
 * separate processes (the cart's INVENTORY_URL is the real inventory). A guest cart filled while
 * there was stock is merged after others bought it: the merge never fails the login, cuts each
 * line to what is left (or leaves a sold-out one out) and names what it cut; with inventory down
 * it merges unchecked, as an add does.
 */
describe('merging a guest cart on login respects the stock', () => {
  const platform = new CheckoutPlatform();

  beforeAll(async () => {
    await platform.start();
  }, 120_000);

  afterAll(async () => {
    await platform.stop();
  });

  async function guestCart(items: Array<{ sku: string; quantity: number }>): Promise<string> {
    const created = await call(`${platform.cart.url}/api/carts`, { method: 'POST' });
    expect(created.status).toBe(201);
    for (const item of items) {
      const added = await call(`${platform.cart.url}/api/carts/${created.body.id}/items`, { method: 'POST', json: item });
      expect(added.status, JSON.stringify(added.body)).toBe(200);
    }
    return created.body.id;
  }

  const merge = (guestId: string, customer: string) => call(`${platform.cart.url}/api/carts/${guestId}/merge`, { method: 'POST', user: customer });

  it('caps the merged lines at what inventory can still sell, leaves a sold-out one out and names both', async () => {
    const [tee, cap, mug] = await platform.product([2500, 1500, 900], 6);
    const { customer, cartId } = await platform.customerWithCart([{ sku: tee!, quantity: 2 }]);
    const guestId = await guestCart([
      { sku: tee!, quantity: 3 },
      { sku: cap!, quantity: 4 },
      { sku: mug!, quantity: 1 },
    ]);
    // Meanwhile others bought most of it: 3 tees, 2 caps and no mug left.
    await platform.setStock(tee!, 3);
    await platform.setStock(cap!, 2);
    await platform.setStock(mug!, 0);

    const merged = await merge(guestId, customer);
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const body = merged.body as MergedAnswer;
    expect(body.id).toBe(cartId);
    expect(body.lines.map((l) => [l.sku, l.quantity])).toEqual([
      [tee, 3],
      [cap, 2],
    ]);
    expect(body.mergeAdjustments.map(({ sku, reason, requested, quantity, available }) => ({ sku, reason, requested, quantity, available }))).toEqual([
      { sku: tee, reason: 'out_of_stock', requested: 5, quantity: 3, available: 3 },
      { sku: cap, reason: 'out_of_stock', requested: 4, quantity: 2, available: 2 },
      { sku: mug, reason: 'out_of_stock', requested: 1, quantity: 0, available: 0 },
    ]);
    expect(body.mergeAdjustments[0]).toMatchObject({ productTitle: expect.stringContaining('Checkout Tee'), title: expect.any(String) });

    // Repeated (a retried login): the same cart, nothing added, nothing named again.
    const again = await merge(guestId, customer);
    expect(again.status).toBe(200);
    expect((again.body as MergedAnswer).lines).toEqual(body.lines);
    expect((again.body as MergedAnswer).mergeAdjustments).toEqual([]);
    expect((await call(`${platform.cart.url}/api/carts/${guestId}`)).status).toBe(404);
  });

  it('a guest cart that fits comes over whole and names nothing', async () => {
    const [sku] = await platform.product([1200], 10);
    const { customer } = await platform.customerWithCart([{ sku: sku!, quantity: 1 }]);
    const guestId = await guestCart([{ sku: sku!, quantity: 2 }]);
    const merged = await merge(guestId, customer);
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ lines: [{ sku, quantity: 3 }], mergeAdjustments: [] });
  });

  it('merges unchecked while inventory is down, as an add goes on unchecked: the login never fails for it', async () => {
    const [sku] = await platform.product([1800], 4);
    const { customer, cartId } = await platform.customerWithCart([{ sku: sku!, quantity: 3 }]);
    const guestId = await guestCart([{ sku: sku!, quantity: 2 }]);
    await platform.inventory.kill('SIGTERM');
    try {
      const merged = await merge(guestId, customer);
      expect(merged.status, JSON.stringify(merged.body)).toBe(200);
      expect(merged.body).toMatchObject({ id: cartId, lines: [{ sku, quantity: 5 }], mergeAdjustments: [] });
    } finally {
      await platform.restartInventory();
    }
  });
});
