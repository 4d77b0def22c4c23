/**
 * The password rules of the contracts (libs/contracts identity.ts, `Password`), for the forms to
 * check before they send anything. Client bundles take no schemas (zod), so the bounds are
 * repeated here; password-rules.spec.ts holds them to the contract.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** What to say next to each field of a form (`form`: the form as a whole). */
export type FieldErrors = Record<string, string>;

/** The names of a form's new-password field and of its confirmation. */
export interface NewPasswordFields {
  password: string;
  confirmation: string;
}

/** Why a new password breaks the rules, in a shopper's words; null when it keeps them. */
export function newPasswordProblem(password: string): string | null {
  if (password.length === 0) return 'Choose a new password.';
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  return null;
}

/** The confirmation must be typed and be the new password exactly; null when it is. */
export function confirmationProblem(password: string, confirmation: string): string | null {
  if (confirmation.length === 0) return 'Type the new password again.';
  return confirmation === password ? null : 'The two passwords do not match.';
}

/** A new password and its confirmation as typed: the error of each field that has one (none: both fine). */
export function newPasswordErrors(password: string, confirmation: string, fields: NewPasswordFields): FieldErrors {
  const errors: FieldErrors = {};
  const problem = newPasswordProblem(password);
  if (problem) errors[fields.password] = problem;
  const mismatch = confirmationProblem(password, confirmation);
  if (mismatch) errors[fields.confirmation] = mismatch;
  return errors;
}

/**
 * The route handlers' own check (the gateway never sees the confirmation): a field issue in the
 * platform's error body shape when the confirmation is not the password, else null.
 */
export function confirmationIssue(password: unknown, confirmation: unknown, field: string): { field: string; reason: string } | null {
  return typeof confirmation === 'string' && confirmation === password ? null : { field, reason: 'must match the new password' };
}
