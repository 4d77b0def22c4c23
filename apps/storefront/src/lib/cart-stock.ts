import type { CartLineStatus, PublicStockLevel } from '@shop/contracts';

/**
 * What the cart and checkout can tell a shopper about stock, from the public stock level only
 * (`GET /api/inventory/:sku`): a level, and the exact count only when it is low. Above the low
 * threshold nobody knows how many are left, so nothing is capped or flagged there; "low" without
 * a count says nothing either. Pure: no fetching (see stock-levels.ts), usable in the browser.
 */
export type ShopperStock = Pick<PublicStockLevel, 'level' | 'available'>;

/** The most a quantity list offers when nothing else caps it. */
export const DEFAULT_MAX_QUANTITY = 10;

/** How many units are left as far as the public level says: none when sold out, the count when low; undefined when unknown. */
export function knownAvailable(stock: ShopperStock | undefined): number | undefined {
  if (!stock) return undefined;
  if (stock.level === 'sold_out') return 0;
  if (stock.level === 'low' && stock.available !== null) return stock.available;
  return undefined;
}

/**
 * The most a quantity list offers: the smallest of the known caps (units left, a sale's
 * per-customer limit), else `fallback`. Never below 0.
 */
export function quantityCap(caps: readonly (number | undefined)[], fallback = DEFAULT_MAX_QUANTITY): number {
  const known = caps.filter((c): c is number => c !== undefined);
  return known.length === 0 ? fallback : Math.max(0, Math.min(...known));
}

/** A cart line the public stock says cannot be bought as it is. */
export type LineStockProblem = { kind: 'sold_out' } | { kind: 'over_stock'; available: number };

export interface StockCheckedLine {
  sku: string;
  quantity: number;
  status: CartLineStatus;
}

/**
 * The lines the public stock says cannot be bought as they are, by SKU: sold out, or more in the
 * cart than the units left. A line whose stock is unknown (not read, in stock above the
 * threshold, low without a count) is not flagged: better to say nothing than something wrong.
 * `exempt`: SKUs the shopper already holds units of (a sale page's hold), which the public count
 * no longer includes. Lines no longer available are flagged as such elsewhere.
 */
export function stockProblems(
  lines: readonly StockCheckedLine[],
  stock: ReadonlyMap<string, ShopperStock>,
  exempt: ReadonlySet<string> = new Set(),
): Map<string, LineStockProblem> {
  const problems = new Map<string, LineStockProblem>();
  for (const line of lines) {
    if (line.status === 'unavailable' || exempt.has(line.sku)) continue;
    const left = knownAvailable(stock.get(line.sku));
    if (left === undefined) continue;
    if (left === 0) problems.set(line.sku, { kind: 'sold_out' });
    else if (line.quantity > left) problems.set(line.sku, { kind: 'over_stock', available: left });
  }
  return problems;
}

/** What a line whose product is no longer sold (archived, unknown, unpriced) says, in the cart and at checkout. */
export const UNAVAILABLE_LINE_TEXT = 'No longer available — remove it to continue';

/** A line's stock problem in a shopper's words, with what to do about it. */
export function stockProblemText(problem: LineStockProblem): string {
  return problem.kind === 'sold_out' ? 'Sold out — remove it to check out' : `Only ${problem.available} left — lower the quantity`;
}

/** Why checkout is held, the first that applies: lines no longer sold, stock, a sale's per-customer limit. */
export type CheckoutHold = 'unavailable' | 'stock' | 'sale_limit';

/**
 * Whether the cart can go to checkout as it is. `saleLimits`: the per-customer limit of each
 * sale-priced line, by SKU (pricing.ts `saleLimitsFor`); `problems`: `stockProblems`' answer.
 */
export function checkoutHold(
  lines: readonly StockCheckedLine[],
  problems: ReadonlyMap<string, LineStockProblem>,
  saleLimits: ReadonlyMap<string, number> = new Map(),
): CheckoutHold | null {
  if (lines.some((l) => l.status === 'unavailable')) return 'unavailable';
  if (problems.size > 0) return 'stock';
  if (lines.some((l) => l.quantity > (saleLimits.get(l.sku) ?? Number.POSITIVE_INFINITY))) return 'sale_limit';
  return null;
}

/** What the cart says beside its held Checkout button. */
export function checkoutHoldText(hold: CheckoutHold): string {
  switch (hold) {
    case 'unavailable':
      return 'Remove the items that are no longer available to check out.';
    case 'stock':
      return 'Some items are sold out or have fewer left than in your cart: remove them or lower the quantity to check out.';
    case 'sale_limit':
      return 'Lower the quantity of a sale item to its limit to check out.';
  }
}
