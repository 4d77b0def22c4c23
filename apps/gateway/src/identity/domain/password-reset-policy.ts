/** What the store knows about a presented reset link. */
export interface StoredPasswordReset {
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  /** The account is neither deleted nor disabled. */
  userActive: boolean;
}

/**
 * - `reset`: the link works; the password may be set once.
 * - `used`, `expired`, `inactive_user`: refused alike (the shopper asks for a new link); a
 *   disabled account cannot get back in through its mailbox.
 */
export type ResetDecision = 'reset' | 'used' | 'expired' | 'inactive_user';

export function decideReset(reset: StoredPasswordReset, now: Date): ResetDecision {
  if (reset.usedAt !== null) return 'used';
  if (!reset.userActive) return 'inactive_user';
  if (reset.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'reset';
}

export function passwordResetExpiry(now: Date, ttlMinutes: number): Date {
  return new Date(now.getTime() + ttlMinutes * 60_000);
}

/**
 * One mail per account per cooldown: a script posting someone's address cannot fill their
 * mailbox. The earlier link still works meanwhile, so a second click loses the shopper nothing.
 */
export function mayMailAgain(latestRequestAt: Date | null, now: Date, cooldownSeconds: number): boolean {
  return latestRequestAt === null || now.getTime() - latestRequestAt.getTime() >= cooldownSeconds * 1000;
}

/**
 * An access token issued before the password last changed no longer works: whoever had the old
 * password (or a token taken with it) is out at once, not when the token expires. `iat` is in
 * whole seconds, so the comparison is too: a token issued in the second of the change survives.
 */
export function issuedBeforePasswordChange(issuedAtSeconds: number, passwordChangedAt: Date | null): boolean {
  return passwordChangedAt !== null && issuedAtSeconds < Math.floor(passwordChangedAt.getTime() / 1000);
}
