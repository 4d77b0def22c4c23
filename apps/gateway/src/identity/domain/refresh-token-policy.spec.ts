import { describe, expect, it } from 'vitest';
import { decideRefresh as decide, refreshTokenExpiry, type StoredRefreshToken } from './refresh-token-policy.js';

const DAY = 24 * 3600;
const MAX_AGE = 30 * DAY;
const decideRefresh = (token: StoredRefreshToken, at: Date) => decide(token, at, MAX_AGE);

const now = new Date('2026-01-01T12:00:00Z');
const later = new Date('2026-01-02T12:00:00Z');
const token = (overrides: Partial<StoredRefreshToken> = {}): StoredRefreshToken => ({
  expiresAt: later,
  revokedAt: null,
  replacedBy: null,
  userActive: true,
  familyStartedAt: now,
  ...overrides,
});

describe('refresh token policy', () => {
  it('rotates a live token', () => {
    expect(decideRefresh(token(), now)).toBe('rotate');
  });
  it('treats a rotated token presented again as reuse, even when it has expired since', () => {
    expect(decideRefresh(token({ revokedAt: now, replacedBy: 'next' }), now)).toBe('reuse');
    expect(decideRefresh(token({ revokedAt: now, replacedBy: 'next', expiresAt: now }), later)).toBe('reuse');
  });
  it('refuses a logged-out, an expired token and one of a deleted account', () => {
    expect(decideRefresh(token({ revokedAt: now }), now)).toBe('revoked');
    expect(decideRefresh(token({ expiresAt: now }), now)).toBe('expired');
    expect(decideRefresh(token({ userActive: false }), now)).toBe('inactive_user');
  });
  it('refuses a live token of a session older than its absolute lifetime', () => {
    const started = new Date(now.getTime() - MAX_AGE * 1000);
    expect(decideRefresh(token({ familyStartedAt: started, expiresAt: later }), now)).toBe('session_expired');
    expect(decideRefresh(token({ familyStartedAt: new Date(started.getTime() + 1000), expiresAt: later }), now)).toBe('rotate');
  });
  it('never issues a token that outlives its session', () => {
    const started = new Date(now.getTime() - 29 * DAY * 1000);
    expect(refreshTokenExpiry(now, 30 * DAY, started, MAX_AGE)).toEqual(new Date(started.getTime() + MAX_AGE * 1000));
    expect(refreshTokenExpiry(now, 3600, started, MAX_AGE)).toEqual(new Date(now.getTime() + 3600 * 1000));
  });
});
