import { formatCountdown, spokenCountdown } from '../../lib/server-clock';
import styles from './sales.module.css';

/**
 * A countdown to `targetMs` on the server clock `nowMs`. The digits tick every second for the eye;
 * screen readers get a coarse live text instead ("Starts in 5 minutes"), which changes once a
 * minute, then every ten seconds, then every second at the end.
 */
export function Countdown({ label, targetMs, nowMs, testId = 'countdown' }: { label: string; targetMs: number; nowMs: number; testId?: string }) {
  const left = targetMs - nowMs;
  // "Starts in" + "in 3 minutes" / "now" → "Starts in 3 minutes", "Starts now".
  const spoken = `${label.replace(/\s+in$/, '')} ${spokenCountdown(left)}`;
  return (
    <p className={styles.countdown}>
      <span className={styles.countdownLabel} aria-hidden="true">
        {label}
      </span>
      <span className={styles.clock} aria-hidden="true" data-testid={testId}>
        {formatCountdown(left)}
      </span>
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">
        {spoken}
      </span>
    </p>
  );
}
