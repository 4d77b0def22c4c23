import { failure, FailureCode } from '@shop/contracts';
import type { OrderError } from './order-errors.js';

/** The largest amount a column holds (Postgres integer): 21,474,836.47 in a two-decimal currency. */
export const MAX_AMOUNT = 2_147_483_647;

export interface LineInput {
  sku: string;
  name: string;
  unitPrice: number;
  quantity: number;
}

export interface PricedLine extends LineInput {
  lineTotal: number;
}

/** A discount as the order records it (the quote's: which promotion or coupon, why, how much). */
export interface DiscountInput {
  source: 'promotion' | 'coupon';
  sourceId: string;
  label: string;
  reason: string;
  amount: number;
  sku?: string;
}

export interface OrderTotals {
  lines: PricedLine[];
  subtotal: number;
  discounts: DiscountInput[];
  discountTotal: number;
  shipping: number;
  total: number;
}

/**
 * Line totals, subtotal, discounts and total in integer minor units of the order's one currency
 * (lines carry no currency of their own, so an order cannot mix them):
 * total = subtotal − discounts + shipping, never below 0 (a discount larger than the goods makes
 * the order free, it never owes the customer money). Refuses anything that is not a whole,
 * non-negative amount, a discount naming a SKU the order does not have, and totals a column
 * cannot hold.
 */
export function computeTotals(lines: readonly LineInput[], shipping: number, discounts: readonly DiscountInput[] = []): OrderTotals | OrderError {
  if (lines.length === 0) return failure(FailureCode.EMPTY_ORDER, 'an order needs at least one line');
  for (const [i, line] of lines.entries()) {
    if (!isAmount(line.unitPrice)) return invalid(`lines.${i}.unitPrice`);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) return invalid(`lines.${i}.quantity`);
  }
  if (!isAmount(shipping)) return invalid('shipping');
  const skus = new Set(lines.map((l) => l.sku));
  for (const [i, discount] of discounts.entries()) {
    if (!isAmount(discount.amount)) return invalid(`discounts.${i}.amount`);
    if (discount.sku !== undefined && !skus.has(discount.sku)) {
      return { code: FailureCode.VALIDATION_FAILED, message: `discounts.${i}.sku names a SKU the order has no line for`, details: { field: `discounts.${i}.sku` } };
    }
  }

  const priced = lines.map((l) => ({ ...l, lineTotal: l.unitPrice * l.quantity }));
  const subtotal = priced.reduce((sum, l) => sum + l.lineTotal, 0);
  const gross = subtotal + shipping;
  // Every term is non-negative, so checking the gross bounds each line and the subtotal too.
  if (!Number.isSafeInteger(gross) || gross > MAX_AMOUNT) {
    return { code: FailureCode.AMOUNT_TOO_LARGE, message: `the order total must not exceed ${MAX_AMOUNT} minor units`, details: { limit: MAX_AMOUNT } };
  }
  const discountTotal = discounts.reduce((sum, d) => sum + d.amount, 0);
  if (!Number.isSafeInteger(discountTotal) || discountTotal > MAX_AMOUNT) return invalid('discounts');
  const total = Math.max(0, gross - discountTotal);
  return { lines: priced, subtotal, discounts: discounts.map((d) => ({ ...d })), discountTotal, shipping, total };
}

function isAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function invalid(field: string): OrderError {
  return { code: FailureCode.INVALID_AMOUNT, message: `${field} must be a whole, non-negative number of minor units`, details: { field } };
}
