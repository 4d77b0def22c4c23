import Link from 'next/link';
import { ALERT_WORDS } from '../../../lib/back-in-stock-alert';
import styles from './unsubscribe.module.css';

/** An unsubscribe link that is not one of ours (cut short, altered): nothing was or will be changed by it. */
export function InvalidAlertLink() {
  return (
    <div className={`card ${styles.card}`}>
      <p className="notice notice-error" role="alert" data-testid="invalid-unsubscribe-link">
        {ALERT_WORDS.invalidLink}
      </p>
      <Link href="/" prefetch={false} className="btn btn-secondary">
        Go to the shop
      </Link>
    </div>
  );
}
