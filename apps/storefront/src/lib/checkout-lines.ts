import type { CartLine, Money, QuoteLine } from '@shop/contracts';
import { describeAttributes } from './variant-selection';

/** One line of the checkout's "Your order", as the shopper reads it. */
export interface CheckoutSummaryLine {
  sku: string;
  /** What the shopper put in the cart, also when the line can no longer be bought. */
  quantity: number;
  productTitle: string;
  /** The variant's catalog title ("Olive / M"), else its attributes described. */
  title: string;
  /** Before discounts, as the subtotal under the lines adds them up; null when the line is not part of the order. */
  total: Money | null;
  /** The product is no longer sold (archived, unknown, no price): left out of every total, to be removed. */
  unavailable: boolean;
}

/**
 * The checkout's lines from the cart and the quote it charges. A line no longer sold keeps the
 * quantity the shopper chose and is marked, with no price: it is in no total (the subtotal and
 * total are the quote's, which leaves it out), so showing its old price beside them would read as
 * if it were charged. Pure.
 */
export function checkoutSummaryLines(lines: readonly CartLine[], quoteLines: readonly QuoteLine[] = []): CheckoutSummaryLine[] {
  const quoted = new Map(quoteLines.map((l) => [l.sku, l]));
  return lines.map((line) => {
    const unavailable = line.status === 'unavailable';
    const q = unavailable ? undefined : quoted.get(line.sku);
    return {
      sku: line.sku,
      quantity: line.quantity,
      productTitle: line.productTitle,
      title: line.title || describeAttributes(line.attributes),
      total: unavailable ? null : q ? { amount: q.unitPrice.amount * q.quantity, currency: q.unitPrice.currency } : line.lineTotal,
      unavailable,
    };
  });
}
