import type { Metadata } from 'next';
import { signInReasonFrom, signInReasonText } from '../../../lib/sign-in-reasons';
import { AuthForm } from '../auth-form';
import styles from '../account.module.css';

export const metadata: Metadata = { title: 'Create an account' };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = params.next;
  // Sent here by a page that needs an account (e.g. "tell me when it's back"): say so.
  const reason = signInReasonFrom(params.reason);
  return (
    <div className={`container page ${styles.auth}`}>
      <h1>Create an account</h1>
      {reason && (
        <p className="notice notice-info" data-testid="sign-in-reason">
          {signInReasonText(reason)}
        </p>
      )}
      <p className="muted">Track your orders and check out faster.</p>
      <AuthForm mode="register" next={typeof next === 'string' ? next : undefined} reason={reason} />
    </div>
  );
}
