'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { TextField } from '@shop/ui';
import { CANNOT_REACH, RESET_LINK_SENT, forgotPasswordErrors, retryAfterOf } from '../../../lib/password-errors';
import type { FieldErrors } from '../../../lib/password-rules';
import styles from '../account.module.css';
import { FormProblem, SubmitButton } from '../form-parts';

export function ForgotPasswordForm() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sent, setSent] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    if (email === '') {
      setErrors({ email: 'Enter your email address.' });
      return;
    }
    setSubmitting(true);
    setErrors({});
    try {
      const response = await fetch('/api/auth/password-reset', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      if (response.ok) {
        setSent(true);
        return;
      }
      setErrors(forgotPasswordErrors(response.status, await response.json().catch(() => null), retryAfterOf(response.headers.get('retry-after'))));
    } catch {
      setErrors({ form: CANNOT_REACH });
    } finally {
      setSubmitting(false);
    }
  }

  if (sent) {
    return (
      <div className={`card ${styles.authCard}`}>
        <p className="notice notice-good" role="status" data-testid="reset-link-sent">
          {RESET_LINK_SENT}
        </p>
        <p className="muted">Nothing arrived? Check your spam folder, or ask again in a few minutes.</p>
        <p className={styles.switch}>
          <Link href="/account/login">Back to sign in</Link>
        </p>
      </div>
    );
  }

  return (
    <form className={`card ${styles.authCard}`} onSubmit={(e) => void submit(e)} noValidate>
      <FormProblem message={errors.form} />
      <TextField name="email" label="Email" type="email" autoComplete="email" required error={errors.email} />
      <SubmitButton busy={submitting}>
        Send reset link
      </SubmitButton>
      <p className={styles.switch}>
        Remembered it? <Link href="/account/login">Sign in</Link>
      </p>
    </form>
  );
}
