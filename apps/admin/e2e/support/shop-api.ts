import type { APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { refused, type ApiSession } from '@shop/e2e-platform';

/** A call through the gateway as a shopper (their token), failing with the answer when refused. */
async function shopper<T>(request: APIRequestContext, gatewayURL: string, session: ApiSession, method: 'GET' | 'POST', path: string, data?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const url = `${gatewayURL}${path}`;
  const response = await request.fetch(url, { method, data, headers: { authorization: `Bearer ${session.accessToken}`, ...headers }, failOnStatusCode: false });
  if (!response.ok()) throw await refused(`${method} ${path} as ${session.user.email}`, method, url, response);
  return (await response.json()) as T;
}

/** `count` seeded SKUs with stock to sell (the demo seed stocks most of them), the first ones found. */
async function stockedSkus(request: APIRequestContext, gatewayURL: string, count: number): Promise<string[]> {
  const products = (await (await request.get(`${gatewayURL}/api/products?limit=50`)).json()) as { items: { variants: { sku: string }[] }[] };
  const found: string[] = [];
  for (const product of products.items) {
    for (const { sku } of product.variants) {
      const stock = await request.get(`${gatewayURL}/api/inventory/${encodeURIComponent(sku)}`);
      if (stock.ok() && ((await stock.json()) as { available?: number }).available! >= 3) found.push(sku);
      if (found.length === count) return found;
    }
  }
  throw new Error(`fewer than ${count} seeded SKUs have 3 units available`);
}

/**
 * A real purchase through the gateway, as the storefront makes it: a cart, a line (`lines` lines of
 * different SKUs, `quantity` each), a checkout with the simulated provider's approving card (and
 * `coupon`, when given, applied to the cart first, so the checkout takes one use of it). Answers
 * when the saga has confirmed the order.
 */
export async function buyThroughCheckout(
  request: APIRequestContext,
  gatewayURL: string,
  session: ApiSession,
  quantity = 1,
  options: { coupon?: string; lines?: number } = {},
): Promise<{ orderId: string; number: string; checkoutId: string }> {
  const skus = await stockedSkus(request, gatewayURL, options.lines ?? 1);
  const cart = await shopper<{ id: string }>(request, gatewayURL, session, 'POST', '/api/carts');
  for (const sku of skus) await shopper(request, gatewayURL, session, 'POST', `/api/carts/${cart.id}/items`, { sku, quantity });
  if (options.coupon) await shopper(request, gatewayURL, session, 'POST', `/api/carts/${cart.id}/coupon`, { code: options.coupon });
  const accepted = await shopper<{ checkoutId: string; orderId: string }>(
    request,
    gatewayURL,
    session,
    'POST',
    '/api/checkout',
    {
      cartId: cart.id,
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      payment: { method: 'card', token: 'tok_approve' },
    },
    { 'idempotency-key': randomUUID() },
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    const order = await shopper<{ number: string; status: string }>(request, gatewayURL, session, 'GET', `/api/orders/${accepted.orderId}`);
    if (order.status === 'CONFIRMED') return { orderId: accepted.orderId, number: order.number, checkoutId: accepted.checkoutId };
    if (order.status === 'CANCELLED' || Date.now() > deadline) throw new Error(`the checkout's order ${order.number} is ${order.status}, not CONFIRMED`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
