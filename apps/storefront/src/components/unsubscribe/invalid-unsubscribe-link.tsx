import Link from 'next/link';
import { UNSUBSCRIBE_LINK_WORDS } from '../../lib/unsubscribe-link';
import styles from './unsubscribe.module.css';

/** An unsubscribe link that is not one of ours (cut short, altered): nothing was or will be changed by it. */
export function InvalidUnsubscribeLink() {
  return (
    <div className={`card ${styles.card}`}>
      <p className="notice notice-error" role="alert" data-testid="invalid-unsubscribe-link">
        {UNSUBSCRIBE_LINK_WORDS.invalidLink}
      </p>
      <Link href="/" prefetch={false} className="btn btn-secondary">
        Go to the shop
      </Link>
    </div>
  );
}
