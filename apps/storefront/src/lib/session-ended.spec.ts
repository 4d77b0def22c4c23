import { SESSION_ENDED_MESSAGE } from '@shop/web-session';
import { describe, expect, it } from 'vitest';
import { cartErrorMessage } from './cart-errors';
import { SIGNED_OUT_MESSAGE, isSignedOut, signInAgainHref } from './session-ended';

describe('a session that ended elsewhere, as the shopper is told', () => {
  it('is what the route handlers answer (one sentence on both sides)', () => {
    expect(SIGNED_OUT_MESSAGE).toBe(SESSION_ENDED_MESSAGE);
  });

  it('every 401 of a route handler is "signed out"; nothing else is', () => {
    expect(isSignedOut(401)).toBe(true);
    for (const status of [400, 403, 404, 409, 429, 500, 503]) expect(isSignedOut(status)).toBe(false);
  });

  it('never shows the gateway’s words about tokens on a cart change', () => {
    for (const message of ['The access token has expired; refresh it', 'The account of this access token no longer exists']) {
      expect(cartErrorMessage(401, { error: { code: 'UNAUTHORIZED', message } })).toBe("You've been signed out. Please sign in again.");
    }
    expect(cartErrorMessage(401, null)).toBe(SIGNED_OUT_MESSAGE);
  });

  it('signs in again back to the page the shopper is on', () => {
    expect(signInAgainHref('/p/trail-runner?sku=TR-42')).toBe('/account/login?next=%2Fp%2Ftrail-runner%3Fsku%3DTR-42');
  });
});
