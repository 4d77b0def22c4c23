'use client';

import { Button, TextField } from '@shop/ui';
import { safeNextPath } from '@shop/web-session/safe-next';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { NOT_AN_ADMIN } from '../../lib/console-access';
import { loginErrorsOf, type LoginErrors } from '../../lib/login-errors';

export function LoginForm({ next, refused }: { next?: string; refused: boolean }) {
  const router = useRouter();
  const [errors, setErrors] = useState<LoginErrors>(refused ? { form: NOT_AN_ADMIN } : {});
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setSubmitting(true);
    setErrors({});
    try {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: data.get('email'), password: data.get('password') }),
      });
      if (response.ok) {
        router.push(safeNextPath(next, '/'));
        router.refresh();
        return;
      }
      setErrors(loginErrorsOf(response.status, await response.json().catch(() => null)));
    } catch {
      setErrors({ form: 'The console cannot be reached. Please try again.' });
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {errors.form && (
        <p className="notice notice-error" role="alert">
          {errors.form}
        </p>
      )}
      <TextField name="email" label="Email" type="email" autoComplete="username" required error={errors.email} />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required error={errors.password} />
      <Button type="submit" block busy={submitting}>
        Sign in
      </Button>
    </form>
  );
}

