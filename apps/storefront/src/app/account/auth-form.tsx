'use client';

// The failure codes alone (no schemas): safe for client bundles.
import { FailureCode } from '@shop/contracts/failure';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { safeNextPath } from '@shop/web-session/safe-next';
import styles from './account.module.css';
import { TextField } from '@shop/ui';
import { accountFieldErrors } from '../../lib/password-errors';
import { PASSWORD_MIN_LENGTH } from '../../lib/password-rules';
import { signInHref, type SignInReason } from '../../lib/sign-in-reasons';
import { FormProblem, SubmitButton } from './form-parts';

type Mode = 'login' | 'register';
type Errors = Partial<Record<'name' | 'email' | 'password' | 'form', string>>;

function errorsFrom(status: number, body: { error?: { code?: string; message?: string; details?: unknown } } | null, mode: Mode): Errors {
  const error = body?.error;
  if (status === 400) {
    const out = accountFieldErrors(error?.details, mode);
    if (Object.keys(out).length > 0) return out;
  }
  if (error?.code === FailureCode.EMAIL_TAKEN) return { email: 'An account with this email already exists. Sign in instead?' };
  if (error?.code === FailureCode.INVALID_CREDENTIALS) return { form: 'That email and password do not match an account.' };
  if (error?.code === FailureCode.ACCOUNT_DISABLED) return { form: 'This account has been disabled. Please contact the shop.' };
  if (status === 429) return { form: error?.message ?? 'Too many attempts; please wait a little and try again.' };
  return { form: error?.message ?? (mode === 'login' ? 'Signing in failed. Please try again.' : 'The account could not be created. Please try again.') };
}

export function AuthForm({ mode, next, reason }: { mode: Mode; next?: string; reason?: SignInReason | null }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setSubmitting(true);
    setErrors({});
    try {
      const response = await fetch(`/api/auth/${mode}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: data.get('email'), password: data.get('password'), ...(mode === 'register' ? { name: data.get('name') } : {}) }),
      });
      if (response.ok) {
        // Only a path on this site (never `//evil`, `/\\evil`, tab tricks): see safe-next.ts.
        router.push(safeNextPath(next));
        router.refresh();
        return;
      }
      setErrors(errorsFrom(response.status, await response.json().catch(() => null), mode));
    } catch {
      setErrors({ form: 'The shop cannot be reached. Please try again.' });
    } finally {
      setSubmitting(false);
    }
  }

  // The other form keeps the way back and the reason.
  const otherHref = next ? signInHref(next, reason, mode === 'login' ? 'register' : 'login') : mode === 'login' ? '/account/register' : '/account/login';
  return (
    <form className={`card ${styles.authCard}`} onSubmit={(e) => void submit(e)} noValidate>
      <FormProblem message={errors.form} />
      {mode === 'register' && <TextField name="name" label="Your name" autoComplete="name" error={errors.name} hint="So we know what to call you. You can change it later." />}
      <TextField name="email" label="Email" type="email" autoComplete="email" required error={errors.email} />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
        required
        error={errors.password}
        hint={mode === 'register' ? `At least ${PASSWORD_MIN_LENGTH} characters. A passphrase is great.` : undefined}
      />
      {mode === 'login' && (
        <p className={styles.forgot}>
          <Link href="/account/forgot-password">Forgot your password?</Link>
        </p>
      )}
      <SubmitButton busy={submitting}>
        {mode === 'login' ? 'Sign in' : 'Create account'}
      </SubmitButton>
      <p className={styles.switch}>
        {mode === 'login' ? 'New here? ' : 'Already have an account? '}
        <Link href={otherHref}>{mode === 'login' ? 'Create an account' : 'Sign in'}</Link>
      </p>
    </form>
  );
}
