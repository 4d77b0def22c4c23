import { FailureCode, type CheckoutQuote, type VariantView } from '@shop/contracts';
import type { SagaFailure } from './checkout-saga.js';

/** What the quote needs of a cart line (a subset of the cart contract's line). */
export interface CartLineContents {
  sku: string;
  quantity: number;
  /** available | unavailable | unverified */
  status: string;
  productTitle: string;
  title: string;
  /** The catalog's price now, as the cart read it; null when the cart could not ask. */
  currentUnitPrice: { amount: number; currency: string } | null;
}

export interface CartContents {
  currency: string;
  /** False when the cart could not ask the catalog: its prices are then not current. */
  verified: boolean;
  lines: readonly CartLineContents[];
}

/** The longest line name an order accepts. */
const MAX_NAME = 200;

export type QuoteResult = { quote: CheckoutQuote } | { failure: SagaFailure };

/**
 * True when the cart's own read already carries the catalog's prices now (the cart re-prices
 * every line through the catalog when it is read), so the quote needs no second catalog call.
 */
export function cartIsPriced(cart: CartContents): boolean {
  return cart.verified && cart.lines.every((l) => l.status !== 'unverified' && (l.status === 'unavailable' || l.currentUnitPrice !== null));
}

/**
 * Locks the prices of a cart: each line at the catalog's list price now (until the pricing
 * service signs quotes) — from the catalog's answer when given, else from the cart's re-priced
 * read. Refused when the cart is empty, a SKU is unknown, inactive or priced in another
 * currency: the customer must fix the cart first, nothing is created.
 */
export function quoteCart(cart: CartContents, variants?: ReadonlyMap<string, VariantView>): QuoteResult {
  if (cart.lines.length === 0) return { failure: { code: FailureCode.CART_EMPTY, reason: 'the cart is empty' } };
  const unavailable: string[] = [];
  const otherCurrency: string[] = [];
  const lines: CheckoutQuote['lines'] = [];
  for (const line of cart.lines) {
    const priced = variants ? fromCatalog(line, variants.get(line.sku)) : fromCart(line);
    if (!priced) {
      unavailable.push(line.sku);
      continue;
    }
    if (priced.currency !== cart.currency) {
      otherCurrency.push(line.sku);
      continue;
    }
    lines.push({ sku: line.sku, name: lineName(priced.productTitle, priced.title), unitPrice: priced.amount, quantity: line.quantity });
  }
  if (unavailable.length > 0) return { failure: { code: FailureCode.SKU_UNAVAILABLE, reason: `no longer available: ${unavailable.join(', ')}` } };
  if (otherCurrency.length > 0) {
    return { failure: { code: FailureCode.CURRENCY_MISMATCH, reason: `not priced in ${cart.currency}: ${otherCurrency.join(', ')}` } };
  }
  const subtotal = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  return { quote: { currency: cart.currency, lines, subtotal } };
}

interface PricedLine {
  amount: number;
  currency: string;
  productTitle: string;
  title: string;
}

function fromCatalog(line: CartLineContents, variant: VariantView | undefined): PricedLine | null {
  if (!variant || variant.status !== 'active' || line.status === 'unavailable') return null;
  return { amount: variant.price.amount, currency: variant.price.currency, productTitle: variant.productTitle, title: variant.title };
}

function fromCart(line: CartLineContents): PricedLine | null {
  if (line.status !== 'available' || !line.currentUnitPrice) return null;
  return { ...line.currentUnitPrice, productTitle: line.productTitle, title: line.title };
}

function lineName(productTitle: string, title: string): string {
  const t = title.trim();
  const name = t && t !== productTitle ? `${productTitle} (${t})` : productTitle;
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}
