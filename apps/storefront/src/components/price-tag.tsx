import type { Money } from '@shop/contracts';
import { formatMoney } from '@shop/ui';
import { percentOff } from '../lib/sale-prices';
import styles from './price-tag.module.css';

interface Props {
  now: Money;
  /** The list price, struck through, when `now` is a sale price. */
  was?: Money | null;
  /** The top of a range ("€15.00 – €22.00"). */
  upTo?: Money | null;
  /** Show "−25%" next to a sale price. */
  showPercent?: boolean;
  className?: string;
  testId?: string;
}

/**
 * A price, and on sale the list price struck through. Screen readers do not announce a strike
 * through, so the words "sale price" and "was" are there for them (visually hidden).
 */
export function PriceTag({ now, was = null, upTo = null, showPercent = false, className, testId }: Props) {
  const off = was ? percentOff(now, was) : 0;
  return (
    <span className={`${styles.tag} ${className ?? ''}`} data-testid={testId}>
      {was && <span className="visually-hidden">Sale price </span>}
      <span className={was ? styles.sale : styles.now} data-testid={testId ? `${testId}-now` : undefined}>
        {formatMoney(now)}
        {upTo && ` – ${formatMoney(upTo)}`}
      </span>
      {was && (
        <del className={styles.was} data-testid={testId ? `${testId}-was` : undefined}>
          <span className="visually-hidden">, was </span>
          {formatMoney(was)}
        </del>
      )}
      {was && showPercent && off > 0 && <span className={styles.off}>−{off}%</span>}
    </span>
  );
}
