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

export interface OrderTotals {
  lines: PricedLine[];
  subtotal: number;
  shipping: number;
  total: number;
}

/**
 * Line totals, subtotal and total in integer minor units of the order's one currency (lines carry
 * no currency of their own, so an order cannot mix them). Refuses anything that is not a whole,
 * non-negative amount, and totals a column cannot hold.
 */
export function computeTotals(lines: readonly LineInput[], shipping: number): OrderTotals | OrderError {
  if (lines.length === 0) return failure(FailureCode.EMPTY_ORDER, 'an order needs at least one line');
  for (const [i, line] of lines.entries()) {
    if (!isAmount(line.unitPrice)) return invalid(`lines.${i}.unitPrice`);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) return invalid(`lines.${i}.quantity`);
  }
  if (!isAmount(shipping)) return invalid('shipping');

  const priced = lines.map((l) => ({ ...l, lineTotal: l.unitPrice * l.quantity }));
  const subtotal = priced.reduce((sum, l) => sum + l.lineTotal, 0);
  const total = subtotal + shipping;
  // Every term is non-negative, so checking the total bounds each line and the subtotal too.
  if (!Number.isSafeInteger(total) || total > MAX_AMOUNT) {
    return { code: FailureCode.AMOUNT_TOO_LARGE, message: `the order total must not exceed ${MAX_AMOUNT} minor units`, details: { limit: MAX_AMOUNT } };
  }
  return { lines: priced, subtotal, shipping, total };
}

function isAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function invalid(field: string): OrderError {
  return { code: FailureCode.INVALID_AMOUNT, message: `${field} must be a whole, non-negative number of minor units`, details: { field } };
}
