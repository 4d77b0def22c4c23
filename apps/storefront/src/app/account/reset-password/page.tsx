import { PasswordResetToken } from '@shop/contracts';
import type { Metadata } from 'next';
import { InvalidResetLink } from './invalid-reset-link';
import { ResetPasswordForm } from './reset-password-form';
import styles from '../account.module.css';

export const metadata: Metadata = {
  title: 'Reset your password',
  // The link's secret is in this page's URL: no request from the page names it in a Referer
  // (next.config.ts sends `Referrer-Policy: no-referrer` with the page as well).
  referrer: 'no-referrer',
  robots: { index: false, follow: false },
};

/**
 * Where the reset mail's link lands (`?token=`). The token goes from here to the form and from
 * the form only in the body of `POST /api/auth/password-reset/confirm`: never logged, never in
 * another URL. A token that cannot be one (missing, malformed) is a dead link at once.
 */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = PasswordResetToken.safeParse((await searchParams).token);
  return (
    <div className={`container page ${styles.auth}`}>
      <h1>Reset your password</h1>
      {token.success ? (
        <ResetPasswordForm token={token.data} />
      ) : (
        <InvalidResetLink />
      )}
    </div>
  );
}
