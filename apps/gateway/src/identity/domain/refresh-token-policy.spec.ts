import { describe, expect, it } from 'vitest';
import { decideRefresh, type StoredRefreshToken } from './refresh-token-policy.js';

const now = new Date('2026-01-01T12:00:00Z');
const later = new Date('2026-01-02T12:00:00Z');
const token = (overrides: Partial<StoredRefreshToken> = {}): StoredRefreshToken => ({
  expiresAt: later,
  revokedAt: null,
  replacedBy: null,
  userActive: true,
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
});
