'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { TextField } from '@shop/ui';
import { CANNOT_REACH, changePasswordAnswer, retryAfterOf } from '../../lib/password-errors';
import { PASSWORD_MIN_LENGTH, newPasswordErrors, type FieldErrors } from '../../lib/password-rules';
import styles from './account.module.css';
import { FormProblem, SubmitButton } from './form-parts';

/**
 * The signed-in shopper's password change: current, new, new again. The route handler keeps the
 * new session the gateway answers (as a sign-in does); every other session has ended.
 */
export function ChangePasswordForm() {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [changed, setChanged] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const currentPassword = String(data.get('currentPassword') ?? '');
    const newPassword = String(data.get('newPassword') ?? '');
    const confirmPassword = String(data.get('confirmPassword') ?? '');
    const problems = newPasswordErrors(newPassword, confirmPassword, { password: 'newPassword', confirmation: 'confirmPassword' });
    if (currentPassword === '') problems.currentPassword = 'Enter your current password.';
    setErrors(problems);
    setChanged(false);
    if (Object.keys(problems).length > 0) return;
    setSubmitting(true);
    try {
      const response = await fetch('/api/me/password', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword, newPassword, confirmPassword }),
      });
      const answer = changePasswordAnswer(response.status, response.ok ? null : await response.json().catch(() => null), retryAfterOf(response.headers.get('retry-after')));
      if (answer.kind === 'changed') {
        form.current?.reset();
        setChanged(true);
      } else if (answer.kind === 'signed-out') {
        router.push('/account/login?next=%2Faccount');
      } else {
        setErrors(answer.errors);
      }
    } catch {
      setErrors({ form: CANNOT_REACH });
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form ref={form} className={`card ${styles.passwordCard}`} onSubmit={(e) => void submit(e)} noValidate>
      {changed && (
        <p className="notice notice-good" role="status" data-testid="password-changed">
          Password changed. You&apos;ve been signed out everywhere else.
        </p>
      )}
      <FormProblem message={errors.form} />
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" required error={errors.currentPassword} />
      <TextField
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.newPassword}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A passphrase is great.`}
      />
      <TextField name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
      <SubmitButton busy={submitting} block={false}>
        Change password
      </SubmitButton>
    </form>
  );
}
