import { spokenRemaining } from '../../lib/sale-units';
import styles from './sales.module.css';

/**
 * Units left, with a bar. The number on screen follows every poll; the live region for screen
 * readers changes only at coarse steps (see spokenRemaining), so it informs without chattering.
 */
export function RemainingUnits({ remaining, total, upcoming = false, live = false }: { remaining: number; total: number; upcoming?: boolean; live?: boolean }) {
  const share = total > 0 ? Math.max(0, Math.min(1, remaining / total)) : 0;
  const text = upcoming ? `${total} units at this price` : remaining === 0 ? 'None left' : `${remaining} of ${total} left`;
  return (
    <div className={styles.remaining}>
      <p className={styles.remainingText} data-testid="units-remaining" aria-hidden={live ? 'true' : undefined}>
        {text}
      </p>
      <div className={styles.bar} aria-hidden="true">
        <span className={styles.barFill} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      {live && (
        <p className="visually-hidden" aria-live="polite" aria-atomic="true">
          {spokenRemaining(remaining, total)}
        </p>
      )}
    </div>
  );
}
