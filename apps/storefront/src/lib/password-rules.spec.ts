import { ChangePasswordBody, Password, PasswordResetConfirmBody } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, confirmationIssue, newPasswordErrors, newPasswordProblem } from './password-rules';

const fields = { password: 'newPassword', confirmation: 'confirmPassword' };

describe('the password rules the forms check', () => {
  it('are the contract’s own bounds', () => {
    const long = 'x'.repeat(PASSWORD_MAX_LENGTH);
    expect(Password.safeParse('x'.repeat(PASSWORD_MIN_LENGTH)).success).toBe(true);
    expect(Password.safeParse('x'.repeat(PASSWORD_MIN_LENGTH - 1)).success).toBe(false);
    expect(Password.safeParse(long).success).toBe(true);
    expect(Password.safeParse(`${long}x`).success).toBe(false);
    // Every length the form lets through, the contract takes, and the reverse.
    for (const length of [0, 1, PASSWORD_MIN_LENGTH - 1, PASSWORD_MIN_LENGTH, 100, PASSWORD_MAX_LENGTH, PASSWORD_MAX_LENGTH + 1]) {
      const password = 'p'.repeat(length);
      expect(newPasswordProblem(password) === null, `length ${length}`).toBe(Password.safeParse(password).success);
      expect(newPasswordProblem(password) === null, `length ${length}`).toBe(PasswordResetConfirmBody.safeParse({ token: 't'.repeat(43), password }).success);
      expect(newPasswordProblem(password) === null, `length ${length}`).toBe(ChangePasswordBody.safeParse({ currentPassword: 'old', newPassword: password }).success);
    }
  });

  it('say what is wrong in a shopper’s words', () => {
    expect(newPasswordProblem('')).toBe('Choose a new password.');
    expect(newPasswordProblem('short')).toBe('Use at least 8 characters.');
    expect(newPasswordProblem('y'.repeat(257))).toBe('Use at most 256 characters.');
    expect(newPasswordProblem('correct horse')).toBeNull();
  });
});

describe('newPasswordErrors', () => {
  it('is empty when the password keeps the rules and the confirmation repeats it', () => {
    expect(newPasswordErrors('correct horse', 'correct horse', fields)).toEqual({});
  });

  it('names each field by the form’s own names', () => {
    expect(newPasswordErrors('short', 'short', fields)).toEqual({ newPassword: 'Use at least 8 characters.' });
    expect(newPasswordErrors('correct horse', 'correct hose', fields)).toEqual({ confirmPassword: 'The two passwords do not match.' });
    expect(newPasswordErrors('correct horse', '', fields)).toEqual({ confirmPassword: 'Type the new password again.' });
    expect(newPasswordErrors('', '', { password: 'password', confirmation: 'confirmPassword' })).toEqual({
      password: 'Choose a new password.',
      confirmPassword: 'Type the new password again.',
    });
  });

  it('compares exactly: no trimming, case matters', () => {
    expect(newPasswordErrors('correct horse', 'correct horse ', fields).confirmPassword).toBe('The two passwords do not match.');
    expect(newPasswordErrors('correct horse', 'Correct horse', fields).confirmPassword).toBe('The two passwords do not match.');
  });
});

describe('confirmationIssue (the route handlers’ check)', () => {
  it('is null only for the same string', () => {
    expect(confirmationIssue('correct horse', 'correct horse', 'confirmPassword')).toBeNull();
    expect(confirmationIssue('correct horse', 'correct hose', 'confirmPassword')).toEqual({ field: 'confirmPassword', reason: 'must match the new password' });
    // A request without the confirmation (or not as text) is refused too.
    expect(confirmationIssue('correct horse', undefined, 'confirmPassword')).not.toBeNull();
    expect(confirmationIssue(undefined, undefined, 'confirmPassword')).not.toBeNull();
    expect(confirmationIssue(12345678, 12345678, 'confirmPassword')).not.toBeNull();
  });
});
