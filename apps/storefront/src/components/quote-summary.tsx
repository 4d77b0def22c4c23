import { pricingOrderOf, sortByPricingOrder, type AppliedDiscount, type Money, type Quote, type QuoteLine } from '@shop/contracts';
import type { ReactNode } from 'react';
import { formatMinorUnits, formatMoney } from '@shop/ui';
import styles from './quote-summary.module.css';

/**
 * Every discount of a quote once, with what gave it. A cart-wide promotion or coupon is in
 * `cartDiscounts` whole and its shares are in the lines' discounts too: it is listed whole, and
 * the lines' own discounts are summed per promotion. The amounts add up to `discountTotal`. They
 * come in the order pricing applied them (promotions by priority, then the coupon), as the order
 * page lists the order's discounts (`discountRowsOf`).
 */
export function summaryDiscounts(quote: Quote): AppliedDiscount[] {
  const key = (d: AppliedDiscount) => `${d.source}:${d.sourceId}`;
  const cartWide = new Set(quote.cartDiscounts.map(key));
  const perLine = new Map<string, AppliedDiscount>();
  for (const d of quote.lines.flatMap((l) => l.discounts)) {
    if (cartWide.has(key(d))) continue;
    const seen = perLine.get(key(d));
    perLine.set(key(d), seen ? { ...seen, amount: seen.amount + d.amount } : d);
  }
  const order = pricingOrderOf([...quote.lines.map((l) => l.discounts), quote.cartDiscounts, quote.shipping.discounts]);
  return sortByPricingOrder([...perLine.values(), ...quote.cartDiscounts, ...quote.shipping.discounts], order);
}

/**
 * The totals of a signed quote, as pricing computed them: subtotal, each discount with its reason,
 * shipping, total. The same figures the checkout charges (it sends this quote). The coupon is one
 * row, named once ("Coupon SAVE10 · 10% off −€5.00"); `couponAction` (its Remove button) goes in it.
 */
export function QuoteSummary({
  quote,
  itemCount,
  subtotalTestId = 'quote-subtotal',
  couponAction,
}: {
  quote: Quote;
  itemCount?: number;
  subtotalTestId?: string;
  couponAction?: ReactNode;
}) {
  const money = (amount: number) => formatMinorUnits(amount, quote.currency);
  const discounts = summaryDiscounts(quote);
  return (
    <dl className={styles.totals} data-testid="quote-summary">
      {itemCount !== undefined && (
        <div>
          <dt>Items</dt>
          <dd>{itemCount}</dd>
        </div>
      )}
      <div>
        <dt>Subtotal</dt>
        <dd data-testid={subtotalTestId}>{formatMoney(quote.subtotal)}</dd>
      </div>
      {discounts.map((d, i) => {
        const coupon = d.source === 'coupon';
        return (
          <div key={`${d.source}:${d.sourceId}:${i}`} className={styles.discount} data-testid="quote-discount">
            <dt>
              <span data-testid={coupon ? 'coupon-applied' : undefined}>{d.label}</span>
              <span className={styles.reason}>{reasonUnder(d)}</span>
              {coupon && couponAction}
            </dt>
            <dd>−{money(d.amount)}</dd>
          </div>
        );
      })}
      <div>
        <dt>Shipping</dt>
        <dd data-testid="quote-shipping">{quote.shipping.total.amount === 0 ? 'Free' : formatMoney(quote.shipping.total)}</dd>
      </div>
      <div className={styles.grand}>
        <dt>Total</dt>
        <dd data-testid="quote-total">{formatMoney(quote.total)}</dd>
      </div>
    </dl>
  );
}

/** Whether the quote's summary lists coupon `code` as one of its discounts (it took the coupon off). */
export function summaryListsCoupon(quote: Quote | null, code: string): boolean {
  return quote !== null && summaryDiscounts(quote).some((d) => d.source === 'coupon' && d.sourceId === code);
}

/**
 * A discount's reason under its label, without what the label right above already says: a
 * promotion's reason ends with its name in brackets ("15% off … (Tee week)"), and a coupon's starts
 * with its code ("coupon SAVE10: 10% off" under "Coupon SAVE10" reads "10% off").
 */
export function reasonUnder(d: Pick<AppliedDiscount, 'label' | 'reason'>): string {
  const suffix = ` (${d.label})`;
  let reason = d.reason.endsWith(suffix) ? d.reason.slice(0, -suffix.length) : d.reason;
  const prefix = `${d.label}: `;
  if (reason.toLowerCase().startsWith(prefix.toLowerCase())) reason = reason.slice(prefix.length);
  return reason;
}

/**
 * A cart line as its own: its discounts without the coupon's share (the coupon is one row of the
 * summary, not repeated under every line) and its total before that share.
 */
export function lineWithoutCoupon(line: Pick<QuoteLine, 'discounts' | 'total'>): { discounts: AppliedDiscount[]; total: Money } {
  const couponShare = line.discounts.filter((d) => d.source === 'coupon').reduce((sum, d) => sum + d.amount, 0);
  return { discounts: line.discounts.filter((d) => d.source !== 'coupon'), total: { amount: line.total.amount + couponShare, currency: line.total.currency } };
}

/** A line's own discounts, under the line. */
export function LineDiscounts({ discounts, currency }: { discounts: readonly AppliedDiscount[]; currency: string }) {
  if (discounts.length === 0) return null;
  return (
    <ul className={styles.lineDiscounts} aria-label="Discounts on this item">
      {discounts.map((d, i) => (
        <li key={`${d.sourceId}:${i}`}>
          {d.reason}: <span className={styles.amount}>−{formatMinorUnits(d.amount, currency)}</span>
        </li>
      ))}
    </ul>
  );
}
