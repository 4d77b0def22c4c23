import { describe, expect, it } from 'vitest';
import { decideLoginAttempt } from './login-throttle-policy.js';

const policy = { pairLimit: 5, accountFailureThreshold: 20, attemptsUnderAttack: 2 };

describe('decideLoginAttempt', () => {
  it('one address gets pairLimit tries, then is refused', () => {
    expect(decideLoginAttempt({ pairAttempts: 5, accountFailures: 4 }, policy)).toBe('allow');
    expect(decideLoginAttempt({ pairAttempts: 6, accountFailures: 5 }, policy)).toBe('too_many_from_client');
  });

  it('another address is not affected by the first one’s failures', () => {
    expect(decideLoginAttempt({ pairAttempts: 1, accountFailures: 5 }, policy)).toBe('allow');
  });

  it('under attack, each address gets fewer tries, but never none', () => {
    expect(decideLoginAttempt({ pairAttempts: 1, accountFailures: 500 }, policy)).toBe('allow');
    expect(decideLoginAttempt({ pairAttempts: 2, accountFailures: 500 }, policy)).toBe('allow');
    expect(decideLoginAttempt({ pairAttempts: 3, accountFailures: 500 }, policy)).toBe('account_under_attack');
  });

  it('the threshold is where "under attack" starts', () => {
    expect(decideLoginAttempt({ pairAttempts: 3, accountFailures: 19 }, policy)).toBe('allow');
    expect(decideLoginAttempt({ pairAttempts: 3, accountFailures: 20 }, policy)).toBe('account_under_attack');
  });
});
