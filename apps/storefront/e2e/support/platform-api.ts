import type { APIRequestContext, APIResponse } from '@playwright/test';
import { adminApi, adminToken, refused } from '@shop/e2e-platform';

export { registerCustomer } from '@shop/e2e-platform';

export interface StockLevel {
  sku: string;
  onHand: number;
  reserved: number;
  committed: number;
  available: number;
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
 * with at least `atLeast` units available (and, with `untouched`, that no journey held or bought yet). The journeys buy from the seeded stock, never from
 * stock they set themselves.
 */
export async function stockedProduct(
  request: APIRequestContext,
  gatewayURL: string,
  category: string,
  atLeast = 1,
  options: { untouched?: boolean } = {},
): Promise<StockedProduct> {
  const url = `${gatewayURL}/api/products?category=${category}&limit=10`;
  const response = await request.get(url, { failOnStatusCode: false });
  if (!response.ok()) throw await refused(`listing ${category}`, 'GET', url, response);
  const page = (await response.json()) as { items: { slug: string; title: string; variants: { sku: string; price: { amount: number } }[] }[] };
  for (const product of page.items) {
    for (const variant of product.variants) {
      const stock = await stockOf(request, gatewayURL, variant.sku);
      // `untouched`: nothing held or sold yet (another journey's order would count in a sale's figures).
      const untouched = !options.untouched || (stock.reserved === 0 && stock.committed === 0);
      if (stock.available >= atLeast && untouched) return { slug: product.slug, title: product.title, sku: variant.sku, price: variant.price.amount, stock };
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

export interface FlashSaleTerms {
  sku: string;
  salePrice: { amount: number; currency: string };
  units: number;
  perCustomerLimit: number;
  startsAt: string;
  endsAt: string;
}

/** Schedules a flash sale as a merchant would (`POST /api/admin/flash-sales`); answers it with its id. */
export async function createFlashSale(request: APIRequestContext, gatewayURL: string, terms: FlashSaleTerms): Promise<FlashSaleTerms & { id: string; status: string }> {
  return adminApi(request, gatewayURL, 'POST', '/api/admin/flash-sales', terms, `scheduling a flash sale of ${terms.sku}`);
}

/** Stops an open sale now as a merchant would (`POST /api/admin/flash-sales/:id/stop`): its price is no longer quoted. */
export async function stopFlashSale(request: APIRequestContext, gatewayURL: string, id: string): Promise<{ id: string; status: string }> {
  return adminApi(request, gatewayURL, 'POST', `/api/admin/flash-sales/${id}/stop`, undefined, `stopping flash sale ${id}`);
}

/** Creates a coupon (`POST /api/admin/coupons`). */
export async function createCoupon(request: APIRequestContext, gatewayURL: string, coupon: Record<string, unknown>): Promise<{ code: string }> {
  return adminApi(request, gatewayURL, 'POST', '/api/admin/coupons', coupon, `creating coupon ${String(coupon.code)}`);
}

/** Creates a promotion (`POST /api/admin/promotions`); answers its id. */
export async function createPromotion(request: APIRequestContext, gatewayURL: string, promotion: Record<string, unknown>): Promise<{ id: string }> {
  return adminApi(request, gatewayURL, 'POST', '/api/admin/promotions', promotion, `creating promotion ${String(promotion.name)}`);
}

/** Deletes a promotion (`DELETE /api/admin/promotions/:id`), so later journeys price as before. */
export async function deletePromotion(request: APIRequestContext, gatewayURL: string, id: string): Promise<void> {
  await adminApi(request, gatewayURL, 'DELETE', `/api/admin/promotions/${id}`, undefined, `deleting promotion ${id}`);
}

/** Holds units as a customer, straight through the gateway (`POST /api/inventory/reservations`); answers the raw response. */
export async function holdAsCustomer(request: APIRequestContext, gatewayURL: string, accessToken: string, sku: string, key: string): Promise<APIResponse> {
  return request.post(`${gatewayURL}/api/inventory/reservations`, {
    data: { items: [{ sku, quantity: 1 }] },
    headers: { authorization: `Bearer ${accessToken}`, 'idempotency-key': key },
    failOnStatusCode: false,
  });
}

/** An instant `seconds` from now, as the API takes it. */
export function inSeconds(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}
