import { issuedBeforePasswordChange } from '../domain/password-reset-policy.js';
import type { Principal } from '../domain/principal.js';
import type { AccessTokens } from '../security/access-tokens.js';
import type { ActiveUsers } from './active-users.js';

export type AuthenticationFailure = 'malformed' | 'invalid' | 'expired' | 'unknown_user';
export type Authentication = { ok: true; principal: Principal } | { ok: false; reason: AuthenticationFailure };

const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)\s*$/i;

/**
 * Turns an Authorization header into a principal: a valid token of an account that still
 * exists, with the account's current role (a demoted admin loses admin routes without
 * waiting for the token to expire).
 */
export class Authenticator {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly users: ActiveUsers,
  ) {}

  async authenticate(authorization: string): Promise<Authentication> {
    const match = BEARER.exec(authorization);
    if (!match?.[1]) return { ok: false, reason: 'malformed' };
    const verified = await this.tokens.verify(match[1]);
    if (!verified.ok) return { ok: false, reason: verified.reason };
    const account = await this.users.accountOf(verified.userId);
    if (!account) return { ok: false, reason: 'unknown_user' };
    // Signed in with the old password: ended by the change, like the refresh tokens.
    if (issuedBeforePasswordChange(verified.issuedAt, account.passwordChangedAt)) return { ok: false, reason: 'expired' };
    // The account's current role and email (not the token's): services may use the email (an order's).
    return { ok: true, principal: { userId: verified.userId, role: account.role, email: account.email } };
  }
}
