import type { ShopperStock } from './cart-stock';
import { shopperApi } from './gateway';

/** Stock must not hold the cart or checkout up: past this, the page says nothing about stock. */
const STOCK_TIMEOUT_MS = 1_500;

/**
 * The public stock level of each SKU (`GET /api/inventory/:sku`, live), read in parallel, by SKU.
 * A SKU whose level cannot be read (no route, no stock record, service down or slow) is left
 * out: the page then says nothing about it, and checkout is not held for it.
 */
export async function stockLevelsFor(skus: readonly string[]): Promise<Map<string, ShopperStock>> {
  const unique = [...new Set(skus)];
  if (unique.length === 0) return new Map();
  const levels = new Map<string, ShopperStock>();
  try {
    // The public's view, asked as the public (as GET /api/stock/[sku] asks it): the shopper's session has no say in it.
    const api = (await shopperApi()).withAccessToken(null);
    const signal = AbortSignal.timeout(STOCK_TIMEOUT_MS);
    const answers = await Promise.allSettled(unique.map((sku) => api.getStock(sku, { signal })));
    answers.forEach((answer, i) => {
      if (answer.status === 'fulfilled') levels.set(unique[i]!, { level: answer.value.level, available: answer.value.available });
    });
  } catch {
    // No client for this request: say nothing about stock.
  }
  return levels;
}
