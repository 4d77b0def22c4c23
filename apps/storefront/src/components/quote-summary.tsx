import type { AppliedDiscount, Quote } from '@shop/contracts';
import { formatMinorUnits, formatMoney } from '@shop/ui';
import styles from './quote-summary.module.css';

/**
 * Every discount of a quote once, with what gave it. A cart-wide promotion or coupon is in
 * `cartDiscounts` whole and its shares are in the lines' discounts too: it is listed whole, and
 * the lines' own discounts are summed per promotion. The amounts add up to `discountTotal`.
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
  return [...perLine.values(), ...quote.cartDiscounts, ...quote.shipping.discounts];
}

/**
 * The totals of a signed quote, as pricing computed them: subtotal, each discount with its reason,
 * shipping, total. The same figures the checkout charges (it sends this quote).
 */
export function QuoteSummary({ quote, itemCount, subtotalTestId = 'quote-subtotal' }: { quote: Quote; itemCount?: number; subtotalTestId?: string }) {
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
      {discounts.map((d, i) => (
        <div key={`${d.source}:${d.sourceId}:${i}`} className={styles.discount} data-testid="quote-discount">
          <dt>
            {d.label}
            <span className={styles.reason}>{reasonUnder(d)}</span>
          </dt>
          <dd>−{money(d.amount)}</dd>
        </div>
      ))}
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

/**
 * A discount's reason under its label: pricing's reason ends with the promotion's name in
 * brackets ("15% off … (Tee week)"), which the label right above already says.
 */
export function reasonUnder(d: Pick<AppliedDiscount, 'label' | 'reason'>): string {
  const suffix = ` (${d.label})`;
  return d.reason.endsWith(suffix) ? d.reason.slice(0, -suffix.length) : d.reason;
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
