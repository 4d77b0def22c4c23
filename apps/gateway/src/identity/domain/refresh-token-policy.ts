/** What the store knows about a presented refresh token. */
export interface StoredRefreshToken {
  expiresAt: Date;
  revokedAt: Date | null;
  /** Set when the token was rotated: a later use of it is a replay. */
  replacedBy: string | null;
  userActive: boolean;
  /** When the session (the token family) began: the first login. */
  familyStartedAt: Date;
}

/**
 * - `rotate`: valid; revoke it and issue its successor in the same family.
 * - `session_expired`: the session is older than its absolute lifetime; rotation cannot extend
 *   it (a stolen refresh token does not live forever), the user logs in again.
 * - `reuse`: it was already rotated; someone replays an old token, so the whole family
 *   (every session descendant of the stolen one) is revoked.
 * - `revoked`: logged out; `expired`; `inactive_user`: the account was deleted.
 */
export type RefreshDecision = 'rotate' | 'reuse' | 'revoked' | 'expired' | 'session_expired' | 'inactive_user';

export function decideRefresh(token: StoredRefreshToken, now: Date, sessionMaxAgeSeconds: number): RefreshDecision {
  if (token.revokedAt !== null) return token.replacedBy !== null ? 'reuse' : 'revoked';
  if (!token.userActive) return 'inactive_user';
  if (now.getTime() >= sessionEndsAt(token.familyStartedAt, sessionMaxAgeSeconds).getTime()) return 'session_expired';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'rotate';
}

export function sessionEndsAt(familyStartedAt: Date, sessionMaxAgeSeconds: number): Date {
  return new Date(familyStartedAt.getTime() + sessionMaxAgeSeconds * 1000);
}

/** A new refresh token lives its TTL, but never past the end of its session. */
export function refreshTokenExpiry(now: Date, ttlSeconds: number, familyStartedAt: Date, sessionMaxAgeSeconds: number): Date {
  return new Date(Math.min(now.getTime() + ttlSeconds * 1000, sessionEndsAt(familyStartedAt, sessionMaxAgeSeconds).getTime()));
}
