import { describe, expect, it } from 'vitest';
import { CartEnv, cartConfigFrom } from './config.js';

const cookieSecure = (env: Record<string, string>) => cartConfigFrom(CartEnv.parse(env)).cookieSecure;

describe('the cart_id cookie', () => {
  it('is Secure by default whenever NODE_ENV=production', () => {
    expect(cookieSecure({ NODE_ENV: 'production' })).toBe(true);
  });

  it('is not Secure in development unless asked for', () => {
    expect(cookieSecure({})).toBe(false);
    expect(cookieSecure({ CART_COOKIE_SECURE: 'true' })).toBe(true);
  });

  it('an explicit CART_COOKIE_SECURE=false wins (plain HTTP on purpose)', () => {
    expect(cookieSecure({ NODE_ENV: 'production', CART_COOKIE_SECURE: 'false' })).toBe(false);
  });
});
