import type { APIRequestContext } from '@playwright/test';

/** The gateway's development admin (apps/gateway/src/config.ts defaults). */
const ADMIN = { email: 'admin@example.com', password: 'admin-dev-password' };

/**
 * Whether the gateway routes the checkout API yet: an unknown route is 404 `Cannot POST ...`,
 * a routed one refuses an anonymous call with 401.
 */
export async function checkoutAvailable(request: APIRequestContext, gatewayURL: string): Promise<boolean> {
  const response = await request.post(`${gatewayURL}/api/checkout`, { data: {}, failOnStatusCode: false });
  return response.status() !== 404;
}

/** Whether the gateway routes the cart API yet (an unknown route is 404 `Cannot POST ...`). */
export async function cartsAvailable(request: APIRequestContext, gatewayURL: string): Promise<boolean> {
  const response = await request.post(`${gatewayURL}/api/carts`, { failOnStatusCode: false });
  return response.status() !== 404;
}

async function adminToken(request: APIRequestContext, gatewayURL: string): Promise<string> {
  const response = await request.post(`${gatewayURL}/api/auth/login`, { data: ADMIN });
  if (!response.ok()) throw new Error(`admin login failed: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * Sets a SKU's stock through the inventory admin API. False when the gateway does not route
 * inventory yet (the shop then runs without stock levels).
 */
export async function setStock(request: APIRequestContext, gatewayURL: string, sku: string, onHand: number): Promise<boolean> {
  const token = await adminToken(request, gatewayURL);
  const response = await request.put(`${gatewayURL}/api/admin/inventory/${encodeURIComponent(sku)}`, {
    data: { onHand, reason: 'storefront e2e' },
    headers: { authorization: `Bearer ${token}` },
    failOnStatusCode: false,
  });
  if (response.status() === 404 || response.status() === 503) return false;
  if (!response.ok()) throw new Error(`setting stock of ${sku} failed: ${response.status()} ${await response.text()}`);
  return true;
}

/** The first active product of a category, as the catalog lists it. */
export async function firstProduct(request: APIRequestContext, gatewayURL: string, category: string): Promise<{ slug: string; title: string; sku: string; price: number }> {
  const response = await request.get(`${gatewayURL}/api/products?category=${category}&limit=1`);
  const page = (await response.json()) as { items: { slug: string; title: string; variants: { sku: string; price: { amount: number } }[] }[] };
  const product = page.items[0];
  if (!product) throw new Error(`no product in ${category}`);
  return { slug: product.slug, title: product.title, sku: product.variants[0]!.sku, price: product.variants[0]!.price.amount };
}
