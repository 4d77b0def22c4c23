'use client';

import Link from 'next/link';
import { useEffect, useState, type FormEvent } from 'react';
import { TextField } from '@shop/ui';
import { CANNOT_REACH, resetPasswordAnswer, retryAfterOf } from '../../../lib/password-errors';
import { PASSWORD_MIN_LENGTH, newPasswordErrors, type FieldErrors } from '../../../lib/password-rules';
import { rememberSpent, seenSpent } from '../../../lib/spent-reset-links';
import { InvalidResetLink } from './invalid-reset-link';
import styles from '../account.module.css';
import { FormProblem, SubmitButton } from '../form-parts';

type Stage = 'form' | 'changed' | 'invalid-link';

/**
 * The new password (typed twice) for the reset link's `token`; then "sign in with it", or a dead
 * link: the whole form (its introduction too) gives way to the dead-link panel. A link this
 * browser has seen spent is dead at once (spent-reset-links.ts); any other is known only on submit.
 */
export function ResetPasswordForm({ token }: { token: string }) {
  const [stage, setStage] = useState<Stage>('form');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    let current = true;
    void seenSpent(token).then((spent) => {
      if (spent && current) setStage('invalid-link');
    });
    return () => {
      current = false;
    };
  }, [token]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get('password') ?? '');
    const confirmPassword = String(data.get('confirmPassword') ?? '');
    const problems = newPasswordErrors(password, confirmPassword, { password: 'password', confirmation: 'confirmPassword' });
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setSubmitting(true);
    try {
      const response = await fetch('/api/auth/password-reset/confirm', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password, confirmPassword }),
      });
      const answer = resetPasswordAnswer(response.status, response.ok ? null : await response.json().catch(() => null), retryAfterOf(response.headers.get('retry-after')));
      if (answer.kind === 'refused') {
        setErrors(answer.errors);
      } else {
        await rememberSpent(token);
        setStage(answer.kind);
      }
    } catch {
      setErrors({ form: CANNOT_REACH });
    } finally {
      setSubmitting(false);
    }
  }

  if (stage === 'invalid-link') return <InvalidResetLink />;
  if (stage === 'changed') {
    return (
      <div className={`card ${styles.authCard}`}>
        <p className="notice notice-good" role="status" data-testid="password-reset-done">
          Your password is changed; sign in with it.
        </p>
        <Link href="/account/login" prefetch={false} className="btn btn-primary btn-block">
          Sign in
        </Link>
      </div>
    );
  }

  return (
    <>
      <p className="muted">Choose a new password for your account. Every device signed in to it will be signed out.</p>
      <form className={`card ${styles.authCard}`} onSubmit={(e) => void submit(e)} noValidate>
      <FormProblem message={errors.form} />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A passphrase is great.`}
      />
      <TextField name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
      <SubmitButton busy={submitting}>
        Set new password
      </SubmitButton>
    </form>
    </>
  );
}
