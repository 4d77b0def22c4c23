import { z } from 'zod';
import { Cursor, Limit, pageOf } from '../common/pagination.js';

/** Roles the gateway authorizes by: shoppers are customers, merchants are admins. */
export const Role = z.enum(['customer', 'admin']);
export type Role = z.infer<typeof Role>;

/** An email address as accounts store it: trimmed and lower-case. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters long')
  .pipe(z.email('must be a valid email address'));

/**
 * Passwords of 8 or more characters that people choose most often (the top of the public
 * breach-frequency lists): the first ones an attacker tries, so a new password may not be one
 * (NIST SP 800-63B, 5.1.1.2). Compared lower-cased.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'password', 'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  '12345678', '123456789', '1234567890', '12345678910', '0123456789', '87654321', '11111111', '00000000',
  '123123123', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', 'qwertyui', 'qwertyuiop', 'qwerty123', 'qwerty12',
  'asdfghjkl', 'asdfasdf', 'zxcvbnm1', 'abcd1234', 'abc12345', 'abcdefgh', 'iloveyou', 'iloveyou1',
  'sunshine', 'princess', 'football', 'baseball', 'basketball', 'superman', 'batman123', 'starwars',
  'welcome1', 'welcome123', 'letmein1', 'trustno1', 'whatever', 'computer', 'internet', 'michelle',
  'jennifer', 'jordan23', 'liverpool', 'chocolate', 'maverick', 'mercedes', 'corvette', 'butterfly',
  'changeme', 'admin123', 'administrator', 'master12', 'shadow12', 'dragon12', 'monkey12', 'samsung1',
  'q1w2e3r4', 'zaq12wsx', 'aa123456', 'a1234567', 'football1', 'baseball1', 'spiderman', 'pokemon1',
]);

export const COMMON_PASSWORD_REASON = 'must not be one of the most commonly used passwords';

/** Long passphrases are welcome; the upper bound only keeps hashing cheap to refuse. */
export const Password = z
  .string()
  .min(8, 'must be at least 8 characters long')
  .max(256, 'must be at most 256 characters long')
  .refine((password) => !COMMON_PASSWORDS.has(password.toLowerCase()), COMMON_PASSWORD_REASON);

/** What a customer is called (greetings, the checkout's first guess at a recipient): trimmed, 1–120 characters. */
export const PersonName = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters long');

/** `name` is optional: an account without one is greeted by its email address. */
export const RegisterBody = z.object({ email: Email, password: Password, name: PersonName.optional() }).strict();
export type RegisterBody = z.infer<typeof RegisterBody>;

/** Login does not re-check the password rules: an old password must still be able to log in. */
export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(256) }).strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const RefreshTokenValue = z.string().min(20).max(200);

export const RefreshBody = z.object({ refreshToken: RefreshTokenValue }).strict();
export type RefreshBody = z.infer<typeof RefreshBody>;

export const LogoutBody = z.object({ refreshToken: RefreshTokenValue }).strict();
export type LogoutBody = z.infer<typeof LogoutBody>;

/** `POST /api/auth/password-reset`: answered 202 whether or not the address has an account. */
export const PasswordResetRequestBody = z.object({ email: Email }).strict();
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBody>;

/** The secret of a password reset link (base64url, 32 random bytes). */
export const PasswordResetToken = z.string().min(20, 'must be a reset link token').max(200, 'must be a reset link token');

/** `POST /api/auth/password-reset/confirm`: the link's token and the new password; every session ends. */
export const PasswordResetConfirmBody = z.object({ token: PasswordResetToken, password: Password }).strict();
export type PasswordResetConfirmBody = z.infer<typeof PasswordResetConfirmBody>;

/** `POST /api/me/password`: a signed-in change; the other sessions end, the caller gets a new one. */
export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: Password }).strict();
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** `PATCH /api/me`: the signed-in customer's own profile; `name: null` removes the name. */
export const UpdateMeBody = z.object({ name: PersonName.nullable() }).strict();
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

/**
 * `POST PASSWORD_RESET_MAIL_PATH` (gateway → notifications): mail the reset link.
 * `resetId` makes a retried call write one mail.
 */
export const PASSWORD_RESET_MAIL_PATH = '/internal/notifications/password-reset';
/** Who asked for a reset link: the customer ("forgot my password") or the shop (an admin, for a customer who contacted it). */
export const PasswordResetRequester = z.enum(['customer', 'shop']);
export type PasswordResetRequester = z.infer<typeof PasswordResetRequester>;

export const PasswordResetMailRequest = z
  .object({
    resetId: z.uuid(),
    userId: z.uuid(),
    email: Email,
    token: PasswordResetToken,
    expiresAt: z.iso.datetime(),
    // Absent from callers older than the field: those were all the customer's own requests.
    requestedBy: PasswordResetRequester.default('customer'),
  })
  .strict();
export type PasswordResetMailRequest = z.infer<typeof PasswordResetMailRequest>;

export const User = z.object({
  id: z.uuid(),
  email: z.string(),
  /** What the customer asked to be called; null when they gave no name. */
  name: z.string().nullable(),
  role: Role,
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof User>;

/** What register, login and refresh answer: a short-lived access token and a one-use refresh token. */
export const AuthSession = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  user: User,
});
export type AuthSession = z.infer<typeof AuthSession>;

/**
 * An account as the admin console sees it. A disabled account cannot log in or refresh, and its
 * access tokens stop working; enabling it lets it log in again (its old sessions stay ended).
 */
export const AdminUser = User.extend({ disabledAt: z.iso.datetime().nullable() });
export type AdminUser = z.infer<typeof AdminUser>;

/**
 * 202 answer of `POST /api/admin/users/:id/password-reset`: a reset link was mailed to the account's
 * address (the admin never sees the link itself), valid until `expiresAt`.
 */
export const AdminPasswordResetSent = z.object({ email: Email, expiresAt: z.iso.datetime() });
export type AdminPasswordResetSent = z.infer<typeof AdminPasswordResetSent>;

export const AdminUserPage = pageOf(AdminUser);
export type AdminUserPage = z.infer<typeof AdminUserPage>;

/** `GET /api/admin/users`: newest first; `q` is part of the email address, any case. */
export const AdminListUsersQuery = z
  .object({
    limit: Limit,
    cursor: Cursor.optional(),
    q: z.string().trim().min(1, 'must not be empty').max(254, 'must be at most 254 characters long').optional(),
    role: Role.optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict();
export type AdminListUsersQuery = z.infer<typeof AdminListUsersQuery>;
