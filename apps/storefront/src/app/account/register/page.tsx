import type { Metadata } from 'next';
import { AuthForm } from '../auth-form';
import styles from '../account.module.css';

export const metadata: Metadata = { title: 'Create an account' };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = (await searchParams).next;
  return (
    <div className={`container page ${styles.auth}`}>
      <h1>Create an account</h1>
      <p className="muted">Track your orders and check out faster.</p>
      <AuthForm mode="register" next={typeof next === 'string' ? next : undefined} />
    </div>
  );
}
