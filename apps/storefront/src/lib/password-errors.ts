// The failure codes alone (no schemas): safe for client bundles.
import { FailureCode } from '@shop/contracts/failure';
import type { ErrorAnswer } from './cart-errors';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type FieldErrors } from './password-rules';

/**
 * What the password forms (forgot, reset, change) tell a shopper about their route handler's
 * answer. The API's reasons are written for developers ("must be at least 8 characters long");
 * these are for people.
 */

export const EMAIL_PROBLEM = 'Enter an email address like name@example.com.';
/** The one answer to every accepted reset request, whether or not an account has the address. */
export const RESET_LINK_SENT = "If an account exists for that address, we've sent a link to reset the password. The link works for one hour.";
export const CANNOT_REACH = 'The shop cannot be reached. Please try again.';

/** A wait the platform asked for (`Retry-After`, in seconds), in words: "30 seconds", "2 minutes". */
export function waitText(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) return 'a little';
  if (seconds < 60) {
    const s = Math.ceil(seconds);
    return `${s} ${s === 1 ? 'second' : 'seconds'}`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** A `Retry-After` header as the route handlers pass it on (delta-seconds only); null when absent. */
export function retryAfterOf(header: string | null): number | null {
  return header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : null;
}

/** The contract's reason for a new password, in a shopper's words. */
export function newPasswordReason(reason: string): string {
  if (/at least/.test(reason)) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (/at most/.test(reason)) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (/required/i.test(reason)) return 'Choose a new password.';
  if (/commonly used/.test(reason)) return 'That is one of the most common passwords, the first ones tried: choose one that is harder to guess.';
  return `${reason.charAt(0).toUpperCase()}${reason.slice(1)}${/[.!?]$/.test(reason) ? '' : '.'}`;
}

/** The form's words for each field a 400 names (first reason per field); fields of no input go under `form`. */
function fieldErrorsOf(details: unknown, words: Partial<Record<string, (reason: string) => string>>): FieldErrors {
  const out: FieldErrors = {};
  if (!Array.isArray(details)) return out;
  for (const issue of details as { field?: unknown; reason?: unknown }[]) {
    if (typeof issue?.field !== 'string' || typeof issue.reason !== 'string') continue;
    const say = words[issue.field];
    const key = say ? issue.field : 'form';
    out[key] ??= say ? say(issue.reason) : 'Please check what you typed and try again.';
  }
  return out;
}

function namesField(details: unknown, field: string): boolean {
  return Array.isArray(details) && details.some((issue: { field?: unknown } | null) => issue?.field === field);
}

function tooMany(what: string, retryAfterSeconds: number | null): FieldErrors {
  return { form: `${what} Please wait ${waitText(retryAfterSeconds)} and try again.` };
}

/**
 * "Forgot your password?": any 2xx is the one neutral confirmation (the form shows it, never
 * whether the account exists); these are the errors of a refused request.
 */
export function forgotPasswordErrors(status: number, body: ErrorAnswer | null, retryAfterSeconds: number | null): FieldErrors {
  const error = body?.error;
  if (status === 429 || error?.code === FailureCode.RATE_LIMITED) return tooMany('Too many reset links were asked for from here.', retryAfterSeconds);
  if (status === 400) {
    const fields = fieldErrorsOf(error?.details, { email: () => EMAIL_PROBLEM });
    if (Object.keys(fields).length > 0) return fields;
  }
  return { form: 'A reset link cannot be sent right now. Please try again in a moment.' };
}

/**
 * Sign-in and registration: the fields a 400 names, in a shopper's words (never the validator's
 * "must be at least 8 characters long"). A new account's password follows the new-password rules;
 * a sign-in's is only ever "enter it".
 */
export function accountFieldErrors(details: unknown, mode: 'login' | 'register'): Partial<Record<'name' | 'email' | 'password' | 'form', string>> {
  const fields = fieldErrorsOf(details, {
    ...(mode === 'register' ? { name: (reason: string) => (/at most/.test(reason) ? 'Use at most 120 characters.' : 'Enter your name, or leave it empty.') } : {}),
    email: () => EMAIL_PROBLEM,
    password: mode === 'register' ? (reason) => (/required/i.test(reason) ? 'Choose a password.' : newPasswordReason(reason)) : () => 'Enter your password.',
  });
  // A field of no input (neither email nor password) says nothing a shopper can act on here.
  delete fields.form;
  return fields;
}

export type ResetPasswordAnswer = { kind: 'changed' } | { kind: 'invalid-link' } | { kind: 'refused'; errors: FieldErrors };

/** The reset page's answer: changed, a link that cannot be used (unknown, expired, used), or field errors. */
export function resetPasswordAnswer(status: number, body: ErrorAnswer | null, retryAfterSeconds: number | null): ResetPasswordAnswer {
  if (status >= 200 && status < 300) return { kind: 'changed' };
  const error = body?.error;
  if (error?.code === FailureCode.INVALID_RESET_TOKEN) return { kind: 'invalid-link' };
  if (status === 429 || error?.code === FailureCode.RATE_LIMITED) return { kind: 'refused', errors: tooMany('Too many tries.', retryAfterSeconds) };
  if (status === 400) {
    // A malformed token is the same dead link as an unknown one.
    if (namesField(error?.details, 'token')) return { kind: 'invalid-link' };
    const fields = fieldErrorsOf(error?.details, { password: newPasswordReason, confirmPassword: () => 'The two passwords do not match.' });
    if (Object.keys(fields).length > 0) return { kind: 'refused', errors: fields };
  }
  return { kind: 'refused', errors: { form: 'Your password could not be changed right now. Please try again in a moment.' } };
}

export type ChangePasswordAnswer = { kind: 'changed' } | { kind: 'signed-out' } | { kind: 'refused'; errors: FieldErrors };

/** The account page's change: changed, signed out meanwhile (sign in again), or field errors. */
export function changePasswordAnswer(status: number, body: ErrorAnswer | null, retryAfterSeconds: number | null): ChangePasswordAnswer {
  if (status >= 200 && status < 300) return { kind: 'changed' };
  const error = body?.error;
  if (status === 401) return { kind: 'signed-out' };
  if (error?.code === FailureCode.WRONG_PASSWORD) return { kind: 'refused', errors: { currentPassword: 'That is not your current password.' } };
  if (status === 429 || error?.code === FailureCode.RATE_LIMITED) return { kind: 'refused', errors: tooMany('Too many wrong passwords.', retryAfterSeconds) };
  if (status === 400) {
    const fields = fieldErrorsOf(error?.details, {
      currentPassword: () => 'Enter your current password.',
      newPassword: newPasswordReason,
      confirmPassword: () => 'The two passwords do not match.',
    });
    if (Object.keys(fields).length > 0) return { kind: 'refused', errors: fields };
  }
  return { kind: 'refused', errors: { form: 'Your password could not be changed right now. Please try again in a moment.' } };
}
