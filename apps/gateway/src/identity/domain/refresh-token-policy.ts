/** What the store knows about a presented refresh token. */
export interface StoredRefreshToken {
  expiresAt: Date;
  revokedAt: Date | null;
  /** Set when the token was rotated: a later use of it is a replay. */
  replacedBy: string | null;
  userActive: boolean;
}

/**
 * - `rotate`: valid; revoke it and issue its successor in the same family.
 * - `reuse`: it was already rotated; someone replays an old token, so the whole family
 *   (every session descendant of the stolen one) is revoked.
 * - `revoked`: logged out; `expired`; `inactive_user`: the account was deleted.
 */
export type RefreshDecision = 'rotate' | 'reuse' | 'revoked' | 'expired' | 'inactive_user';

export function decideRefresh(token: StoredRefreshToken, now: Date): RefreshDecision {
  if (token.revokedAt !== null) return token.replacedBy !== null ? 'reuse' : 'revoked';
  if (!token.userActive) return 'inactive_user';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'rotate';
}
