import Link from 'next/link';
import styles from '../account.module.css';

/** A reset link that cannot be used (unknown, expired, already used, or cut short): ask for a new one. */
export function InvalidResetLink() {
  return (
    <div className={`card ${styles.authCard}`}>
      <p className="notice notice-error" role="alert" data-testid="invalid-reset-link">
        This link to reset your password is invalid, expired or already used.
      </p>
      <Link href="/account/forgot-password" prefetch={false} className="btn btn-primary btn-block">
        Send me a new link
      </Link>
    </div>
  );
}
