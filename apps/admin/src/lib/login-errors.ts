import { fieldErrorsOf } from '@shop/api-client';
import { FailureCode } from '@shop/contracts/failure';
import { NOT_AN_ADMIN } from './console-access';

export type LoginErrors = Partial<Record<'email' | 'password' | 'form', string>>;

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

/** What the login form shows for a refused sign-in: field errors next to their field, the rest above the form. */
export function loginErrorsOf(status: number, body: ErrorBody | null): LoginErrors {
  const error = body?.error;
  if (status === 400) {
    const { email, password } = fieldErrorsOf(error?.details);
    if (email || password) return { ...(email ? { email } : {}), ...(password ? { password } : {}) };
  }
  if (status === 403) return { form: NOT_AN_ADMIN };
  if (error?.code === FailureCode.INVALID_CREDENTIALS) return { form: 'That email and password do not match an account.' };
  if (status === 429) return { form: error?.message ?? 'Too many attempts; please wait a little and try again.' };
  if (status >= 500) return { form: 'The platform cannot be reached right now. Please try again in a moment.' };
  return { form: error?.message ?? 'Signing in failed. Please try again.' };
}
