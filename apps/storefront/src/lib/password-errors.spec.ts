import { FailureCode } from '@shop/contracts/failure';
import { describe, expect, it } from 'vitest';
import { EMAIL_PROBLEM, accountFieldErrors, changePasswordAnswer, forgotPasswordErrors, resetPasswordAnswer, retryAfterOf, waitText } from './password-errors';

const validation = (...details: { field: string; reason: string }[]) => ({ error: { code: FailureCode.VALIDATION_FAILED, message: 'The request has invalid fields', details } });
const rateLimited = { error: { code: FailureCode.RATE_LIMITED, message: 'Too many requests; retry in 42 s' } };

describe('waitText and retryAfterOf', () => {
  it('say a wait in words', () => {
    expect(waitText(1)).toBe('1 second');
    expect(waitText(42)).toBe('42 seconds');
    expect(waitText(60)).toBe('1 minute');
    expect(waitText(61)).toBe('2 minutes');
    expect(waitText(3600)).toBe('60 minutes');
    expect(waitText(null)).toBe('a little');
    expect(waitText(0)).toBe('a little');
  });

  it('read the Retry-After the route handlers pass on', () => {
    expect(retryAfterOf('42')).toBe(42);
    expect(retryAfterOf(' 7 ')).toBe(7);
    expect(retryAfterOf(null)).toBeNull();
    expect(retryAfterOf('soon')).toBeNull();
  });
});

describe('forgotPasswordErrors', () => {
  it('puts a malformed address next to the email field', () => {
    expect(forgotPasswordErrors(400, validation({ field: 'email', reason: 'must be a valid email address' }), null)).toEqual({ email: EMAIL_PROBLEM });
  });

  it('asks to wait as long as the platform said', () => {
    expect(forgotPasswordErrors(429, rateLimited, 120)).toEqual({ form: 'Too many reset links were asked for from here. Please wait 2 minutes and try again.' });
    expect(forgotPasswordErrors(429, null, null).form).toContain('Please wait a little');
  });

  it('never passes on a message that could say more about the account', () => {
    // Whatever the gateway says on a failure, the shopper reads the shop's own words.
    expect(forgotPasswordErrors(404, { error: { code: FailureCode.NOT_FOUND, message: 'No user with this email' } }, null)).toEqual({
      form: 'A reset link cannot be sent right now. Please try again in a moment.',
    });
    expect(forgotPasswordErrors(503, null, null).form).toBe('A reset link cannot be sent right now. Please try again in a moment.');
  });
});

describe('resetPasswordAnswer', () => {
  it('is changed on any 2xx', () => {
    expect(resetPasswordAnswer(204, null, null)).toEqual({ kind: 'changed' });
  });

  it('is a dead link for an unknown, expired or used token, and for a malformed one', () => {
    expect(resetPasswordAnswer(400, { error: { code: FailureCode.INVALID_RESET_TOKEN, message: 'expired' } }, null)).toEqual({ kind: 'invalid-link' });
    expect(resetPasswordAnswer(400, validation({ field: 'token', reason: 'must be a reset link token' }), null)).toEqual({ kind: 'invalid-link' });
  });

  it('says the password rules in a shopper’s words, next to the field', () => {
    expect(resetPasswordAnswer(400, validation({ field: 'password', reason: 'must be at least 8 characters long' }), null)).toEqual({
      kind: 'refused',
      errors: { password: 'Use at least 8 characters.' },
    });
    expect(resetPasswordAnswer(400, validation({ field: 'password', reason: 'must be at most 256 characters long' }), null)).toEqual({
      kind: 'refused',
      errors: { password: 'Use at most 256 characters.' },
    });
    expect(resetPasswordAnswer(400, validation({ field: 'password', reason: 'must not be one of the most commonly used passwords' }), null)).toEqual({
      kind: 'refused',
      errors: { password: 'That is one of the most common passwords, the first ones tried: choose one that is harder to guess.' },
    });
    expect(resetPasswordAnswer(400, validation({ field: 'confirmPassword', reason: 'must match the new password' }), null)).toEqual({
      kind: 'refused',
      errors: { confirmPassword: 'The two passwords do not match.' },
    });
  });

  it('asks to wait when rate limited, and to retry when the shop is down', () => {
    expect(resetPasswordAnswer(429, rateLimited, 30)).toEqual({ kind: 'refused', errors: { form: 'Too many tries. Please wait 30 seconds and try again.' } });
    expect(resetPasswordAnswer(503, null, null)).toEqual({ kind: 'refused', errors: { form: 'Your password could not be changed right now. Please try again in a moment.' } });
  });
});

describe('changePasswordAnswer', () => {
  it('is changed on 200', () => {
    expect(changePasswordAnswer(200, null, null)).toEqual({ kind: 'changed' });
  });

  it('puts a wrong current password next to the current-password field', () => {
    expect(changePasswordAnswer(400, { error: { code: FailureCode.WRONG_PASSWORD, message: 'Current password is wrong' } }, null)).toEqual({
      kind: 'refused',
      errors: { currentPassword: 'That is not your current password.' },
    });
  });

  it('names the new password’s problems, first reason per field; unknown fields go to the form', () => {
    expect(
      changePasswordAnswer(
        400,
        validation(
          { field: 'newPassword', reason: 'must be at least 8 characters long' },
          { field: 'newPassword', reason: 'something else' },
          { field: 'currentPassword', reason: 'Too small: expected string to have >=1 characters' },
          { field: 'extra', reason: 'is not allowed' },
        ),
        null,
      ),
    ).toEqual({
      kind: 'refused',
      errors: { newPassword: 'Use at least 8 characters.', currentPassword: 'Enter your current password.', form: 'Please check what you typed and try again.' },
    });
  });

  it('sends a signed-out shopper to sign in, and asks to wait after too many wrong tries', () => {
    expect(changePasswordAnswer(401, { error: { code: FailureCode.UNAUTHORIZED, message: 'Please sign in first' } }, null)).toEqual({ kind: 'signed-out' });
    expect(changePasswordAnswer(429, rateLimited, 900)).toEqual({ kind: 'refused', errors: { form: 'Too many wrong passwords. Please wait 15 minutes and try again.' } });
  });
});

describe('accountFieldErrors (sign-in and registration)', () => {
  it('says a short or long new password in a shopper’s words, never the validator’s', () => {
    const short = validation({ field: 'password', reason: 'must be at least 8 characters long' }).error.details;
    expect(accountFieldErrors(short, 'register')).toEqual({ password: 'Use at least 8 characters.' });
    expect(accountFieldErrors(validation({ field: 'password', reason: 'must be at most 256 characters long' }).error.details, 'register')).toEqual({ password: 'Use at most 256 characters.' });
    expect(accountFieldErrors(validation({ field: 'password', reason: 'Required' }).error.details, 'register')).toEqual({ password: 'Choose a password.' });
  });

  it('names the email and the password of a sign-in plainly; other fields say nothing here', () => {
    const details = validation({ field: 'email', reason: 'Invalid email address' }, { field: 'password', reason: 'Required' }, { field: 'extra', reason: 'x' }).error.details;
    expect(accountFieldErrors(details, 'login')).toEqual({ email: EMAIL_PROBLEM, password: 'Enter your password.' });
    expect(accountFieldErrors(validation({ field: 'extra', reason: 'x' }).error.details, 'login')).toEqual({});
    expect(accountFieldErrors(undefined, 'register')).toEqual({});
  });
});

describe('accountFieldErrors: the optional name at registration', () => {
  it("says a too-long or blank name in a shopper's words, and ignores it at sign-in", () => {
    expect(accountFieldErrors([{ field: 'name', reason: 'must be at most 120 characters long' }], 'register')).toEqual({ name: 'Use at most 120 characters.' });
    expect(accountFieldErrors([{ field: 'name', reason: 'must not be empty' }], 'register')).toEqual({ name: 'Enter your name, or leave it empty.' });
    expect(accountFieldErrors([{ field: 'name', reason: 'is not allowed' }], 'login')).toEqual({});
  });
});
