import type { Metadata } from 'next';
import { signInReasonFrom, signInReasonText } from '../../../lib/sign-in-reasons';
import { AuthForm } from '../auth-form';
import styles from '../account.module.css';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = params.next;
  // Sent here by a page that needs an account (e.g. "tell me when it's back"): say so.
  const reason = signInReasonFrom(params.reason);
  return (
    <div className={`container page ${styles.auth}`}>
      <h1>Sign in</h1>
      {reason && (
        <p className="notice notice-info" data-testid="sign-in-reason">
          {signInReasonText(reason)}
        </p>
      )}
      <p className="muted">Welcome back. Your cart comes with you.</p>
      <AuthForm mode="login" next={typeof next === 'string' ? next : undefined} reason={reason} />
    </div>
  );
}
