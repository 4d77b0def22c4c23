/**
 * When a login attempt may go ahead. Two counts, both within their windows:
 * - `pairAttempts`: attempts on this account from this client address, this one included
 *   (a successful login resets it);
 * - `accountFailures`: failed logins of this account from every address.
 *
 * One address gets `pairLimit` tries per window: a guesser is slowed down, and nobody can lock
 * the owner out from elsewhere (the pair, not the account, is blocked). A guesser with many
 * addresses pushes the account over `accountFailureThreshold`: from then on each address gets
 * only `attemptsUnderAttack` tries per window. The owner, on an address of their own, still has
 * those tries: the right password is never refused outright, the botnet's guess rate drops.
 */
export interface LoginThrottlePolicy {
  pairLimit: number;
  accountFailureThreshold: number;
  attemptsUnderAttack: number;
}

export interface LoginAttemptCounts {
  pairAttempts: number;
  accountFailures: number;
}

export type LoginAttemptDecision = 'allow' | 'too_many_from_client' | 'account_under_attack';

export function decideLoginAttempt(counts: LoginAttemptCounts, policy: LoginThrottlePolicy): LoginAttemptDecision {
  if (counts.pairAttempts > policy.pairLimit) return 'too_many_from_client';
  const underAttack = counts.accountFailures >= policy.accountFailureThreshold;
  if (underAttack && counts.pairAttempts > policy.attemptsUnderAttack) return 'account_under_attack';
  return 'allow';
}
