import type { Metadata } from 'next';
import { AuthForm } from '../auth-form';
import styles from '../account.module.css';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = (await searchParams).next;
  return (
    <div className={`container page ${styles.auth}`}>
      <h1>Sign in</h1>
      <p className="muted">Welcome back. Your cart comes with you.</p>
      <AuthForm mode="login" next={typeof next === 'string' ? next : undefined} />
    </div>
  );
}
