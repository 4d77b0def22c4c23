import { safeNextPath } from '@shop/web-session/safe-next';
import { describe, expect, it } from 'vitest';
import { signInHref, signInReasonFrom, signInReasonText } from './sign-in-reasons';

describe('sign-in reasons', () => {
  it('names only the reasons it knows', () => {
    expect(signInReasonFrom('back-in-stock')).toBe('back-in-stock');
    for (const other of ['<script>', 'Back-in-stock', '', 'toString', '__proto__', undefined, ['back-in-stock'], 1]) {
      expect(signInReasonFrom(other), String(other)).toBeNull();
    }
  });

  it('tells a shopper sent from a sold-out product what signing in gets them', () => {
    expect(signInReasonText('back-in-stock')).toBe("Sign in, or create an account, to get an email when the product is back in stock. We'll take you straight back to it.");
  });

  it('links to sign-in with the way back and the reason, and the way back survives the sign-in form', () => {
    const href = signInHref('/p/trail-runner?sku=TRAIL-42', 'back-in-stock');
    expect(href).toBe('/account/login?next=%2Fp%2Ftrail-runner%3Fsku%3DTRAIL-42&reason=back-in-stock');
    const query = new URL(href, 'http://shop.test').searchParams;
    expect(safeNextPath(query.get('next'))).toBe('/p/trail-runner?sku=TRAIL-42');
    expect(signInReasonFrom(query.get('reason'))).toBe('back-in-stock');
    expect(signInHref('/p/x?sku=A', 'back-in-stock', 'register')).toBe('/account/register?next=%2Fp%2Fx%3Fsku%3DA&reason=back-in-stock');
    expect(signInHref('/cart')).toBe('/account/login?next=%2Fcart');
  });

  it('never turns a way back to another site into a redirect', () => {
    for (const evil of ['//evil.test/p/x', 'https://evil.test', '/\\evil.test', '/%2F%2Fevil.test']) {
      const next = new URL(signInHref(evil, 'back-in-stock'), 'http://shop.test').searchParams.get('next');
      expect(safeNextPath(next), evil).toBe('/account');
    }
  });
});
