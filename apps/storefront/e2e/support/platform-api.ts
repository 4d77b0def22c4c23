import type { APIRequestContext, APIResponse } from '@playwright/test';

/** The gateway's development admin (apps/gateway/src/config.ts defaults). */
const ADMIN = { email: 'admin@example.com', password: 'admin-dev-password' };

export interface StockLevel {
  sku: string;
  onHand: number;
  reserved: number;
  committed: number;
  available: number;
}

/** A failed platform call, with the request and the answer, so a journey's failure names the service at fault. */
async function refused(what: string, method: string, url: string, response: APIResponse): Promise<Error> {
  return new Error(`${what}: ${method} ${url} answered ${response.status()} ${await response.text()}`);
}

async function adminToken(request: APIRequestContext, gatewayURL: string): Promise<string> {
  const url = `${gatewayURL}/api/auth/login`;
  const response = await request.post(url, { data: ADMIN, failOnStatusCode: false });
  if (!response.ok()) throw await refused('admin login failed', 'POST', url, response);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Sets a SKU's on-hand stock through the gateway's inventory admin API. */
export async function setStock(request: APIRequestContext, gatewayURL: string, sku: string, onHand: number): Promise<StockLevel> {
  const token = await adminToken(request, gatewayURL);
  const url = `${gatewayURL}/api/admin/inventory/${encodeURIComponent(sku)}`;
  const response = await request.put(url, { data: { onHand, reason: 'storefront e2e' }, headers: { authorization: `Bearer ${token}` }, failOnStatusCode: false });
  if (!response.ok()) throw await refused(`setting the stock of ${sku} failed`, 'PUT', url, response);
  return (await response.json()) as StockLevel;
}

/**
 * A SKU's full stock figures (`GET /api/admin/inventory/:sku`; the public view, which the product
 * page shows, is only a level and the count when low — `stockText` says what it shows).
 */
export async function stockOf(request: APIRequestContext, gatewayURL: string, sku: string): Promise<StockLevel> {
  const token = await adminToken(request, gatewayURL);
  const url = `${gatewayURL}/api/admin/inventory/${encodeURIComponent(sku)}`;
  const response = await request.get(url, { headers: { authorization: `Bearer ${token}` }, failOnStatusCode: false });
  // 404 here means the demo seed (scripts/db-seed.ts) gave the SKU no stock record.
  if (!response.ok()) throw await refused(`no stock for ${sku}`, 'GET', url, response);
  return (await response.json()) as StockLevel;
}

/** The stock line the product page shows for a level (apps/storefront/src/app/p/[slug]/purchase-panel.tsx). */
export function stockText(available: number): string {
  if (available <= 0) return 'Out of stock';
  return available <= 5 ? `Only ${available} left` : 'In stock';
}

export interface StockedProduct {
  slug: string;
  title: string;
  sku: string;
  price: number;
  stock: StockLevel;
}

/**
 * The first active variant of a category, in the catalog's order, that the demo seed stocked
 * with at least `atLeast` units available. The journeys buy from the seeded stock, never from
 * stock they set themselves.
 */
export async function stockedProduct(request: APIRequestContext, gatewayURL: string, category: string, atLeast = 1): Promise<StockedProduct> {
  const url = `${gatewayURL}/api/products?category=${category}&limit=10`;
  const response = await request.get(url, { failOnStatusCode: false });
  if (!response.ok()) throw await refused(`listing ${category}`, 'GET', url, response);
  const page = (await response.json()) as { items: { slug: string; title: string; variants: { sku: string; price: { amount: number } }[] }[] };
  for (const product of page.items) {
    for (const variant of product.variants) {
      const stock = await stockOf(request, gatewayURL, variant.sku);
      if (stock.available >= atLeast) return { slug: product.slug, title: product.title, sku: variant.sku, price: variant.price.amount, stock };
    }
  }
  throw new Error(`no variant of the first ${page.items.length} ${category} products has ${atLeast} units of seeded stock available`);
}

/** The first active product of a category, as the catalog lists it. */
export async function firstProduct(request: APIRequestContext, gatewayURL: string, category: string): Promise<{ slug: string; title: string; sku: string; price: number }> {
  const response = await request.get(`${gatewayURL}/api/products?category=${category}&limit=1`);
  const page = (await response.json()) as { items: { slug: string; title: string; variants: { sku: string; price: { amount: number } }[] }[] };
  const product = page.items[0];
  if (!product) throw new Error(`no product in ${category}`);
  return { slug: product.slug, title: product.title, sku: product.variants[0]!.sku, price: product.variants[0]!.price.amount };
}
