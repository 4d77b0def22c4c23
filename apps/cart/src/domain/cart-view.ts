import type { Cart, CartLine, Money, VariantView } from '@shop/contracts';
import type { CartLineRecord, CartState } from './cart.js';

/** What the catalog and the price source say now about a cart's SKUs. */
export interface CatalogCheck {
  variants: ReadonlyMap<string, VariantView>;
  prices: ReadonlyMap<string, Money>;
}

/**
 * The cart as answered: each line re-priced against `check` (null when the catalog could not be
 * asked: lines are then `unverified` at the price they were added at) and the totals over the
 * lines that can be bought.
 */
export function viewCart(cart: CartState, check: CatalogCheck | null, ttlSeconds: number): Cart {
  const { meta } = cart;
  const lines = cart.lines.map((line) => viewLine(line, meta.currency, check));
  let subtotal = 0;
  let itemCount = 0;
  for (const line of lines) {
    if (line.status === 'unavailable') continue;
    subtotal += line.lineTotal.amount;
    itemCount += line.quantity;
  }
  return {
    id: meta.id,
    customerId: meta.customerId,
    currency: meta.currency,
    lines,
    totals: { subtotal: { amount: subtotal, currency: meta.currency }, itemCount },
    verified: check !== null,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    expiresAt: new Date(Date.parse(meta.updatedAt) + ttlSeconds * 1000).toISOString(),
  };
}

function viewLine(line: CartLineRecord, currency: string, check: CatalogCheck | null): CartLine {
  const variant = check?.variants.get(line.sku);
  const price = check?.prices.get(line.sku);
  const shown = variant ? describedBy(variant) : describedBy(line);
  const base = { sku: line.sku, ...shown, quantity: line.quantity, unitPrice: line.unitPrice };
  if (!check) {
    return { ...base, currentUnitPrice: null, priceChanged: false, lineTotal: times(line.unitPrice, line.quantity), status: 'unverified' };
  }
  if (!variant || variant.status !== 'active' || !price || price.currency !== currency) {
    return { ...base, currentUnitPrice: null, priceChanged: false, lineTotal: times(line.unitPrice, line.quantity), status: 'unavailable' };
  }
  return {
    ...base,
    currentUnitPrice: price,
    priceChanged: price.amount !== line.unitPrice.amount || price.currency !== line.unitPrice.currency,
    lineTotal: times(price, line.quantity),
    status: 'available',
  };
}

function describedBy(source: VariantView | CartLineRecord): Pick<CartLine, 'productId' | 'productSlug' | 'productTitle' | 'title' | 'attributes' | 'image'> {
  return {
    productId: source.productId,
    productSlug: source.productSlug,
    productTitle: source.productTitle,
    title: source.title,
    attributes: source.attributes,
    image: source.image ?? null,
  };
}

function times(price: Money, quantity: number): Money {
  return { amount: price.amount * quantity, currency: price.currency };
}
