import { describe, expect, it } from 'vitest';
import { decideReset, issuedBeforePasswordChange, mayMailAgain, passwordResetExpiry, type StoredPasswordReset } from './password-reset-policy.js';

const now = new Date('2026-12-07T10:00:00.000Z');
const live: StoredPasswordReset = {
  userId: 'u',
  createdAt: new Date('2026-12-07T09:30:00.000Z'),
  expiresAt: new Date('2026-12-07T10:30:00.000Z'),
  usedAt: null,
  userActive: true,
};

describe('decideReset', () => {
  it('lets an unused, unexpired link of an active account reset once', () => {
    expect(decideReset(live, now)).toBe('reset');
  });

  it('refuses a used link, even before it expires', () => {
    expect(decideReset({ ...live, usedAt: new Date('2026-12-07T09:40:00.000Z') }, now)).toBe('used');
  });

  it('refuses a link at and after its expiry', () => {
    expect(decideReset({ ...live, expiresAt: now }, now)).toBe('expired');
    expect(decideReset({ ...live, expiresAt: new Date(now.getTime() - 1) }, now)).toBe('expired');
  });

  it('refuses the link of a disabled or deleted account', () => {
    expect(decideReset({ ...live, userActive: false }, now)).toBe('inactive_user');
  });
});

describe('passwordResetExpiry', () => {
  it('is the TTL after now', () => {
    expect(passwordResetExpiry(now, 60).toISOString()).toBe('2026-12-07T11:00:00.000Z');
  });
});

describe('mayMailAgain', () => {
  it('mails when nothing was asked before, or the cooldown has passed', () => {
    expect(mayMailAgain(null, now, 60)).toBe(true);
    expect(mayMailAgain(new Date(now.getTime() - 60_000), now, 60)).toBe(true);
  });

  it('does not mail again within the cooldown', () => {
    expect(mayMailAgain(new Date(now.getTime() - 59_999), now, 60)).toBe(false);
  });
});

describe('issuedBeforePasswordChange', () => {
  const changed = new Date('2026-12-07T10:00:05.700Z');

  it('keeps every token while the password never changed', () => {
    expect(issuedBeforePasswordChange(0, null)).toBe(false);
  });

  it('ends tokens issued in an earlier second than the change', () => {
    expect(issuedBeforePasswordChange(Math.floor(changed.getTime() / 1000) - 1, changed)).toBe(true);
  });

  it('keeps tokens issued in the second of the change or later (the new session is one of them)', () => {
    expect(issuedBeforePasswordChange(Math.floor(changed.getTime() / 1000), changed)).toBe(false);
    expect(issuedBeforePasswordChange(Math.floor(changed.getTime() / 1000) + 1, changed)).toBe(false);
  });
});
