import { describe, expect, it } from 'vitest';
import { allowedOrigins, cookiesSecure } from './config';

describe('cookiesSecure', () => {
  it('is on whenever NODE_ENV=production', () => {
    expect(cookiesSecure('STOREFRONT', { NODE_ENV: 'production' })).toBe(true);
  });

  it('is off in development and tests unless asked for', () => {
    expect(cookiesSecure('STOREFRONT', { NODE_ENV: 'development' })).toBe(false);
    expect(cookiesSecure('STOREFRONT', {})).toBe(false);
    expect(cookiesSecure('STOREFRONT', { NODE_ENV: 'development', STOREFRONT_COOKIE_SECURE: 'true' })).toBe(true);
  });

  it('an explicit STOREFRONT_COOKIE_SECURE=false wins (plain HTTP on purpose)', () => {
    expect(cookiesSecure('STOREFRONT', { NODE_ENV: 'production', STOREFRONT_COOKIE_SECURE: 'false' })).toBe(false);
  });
});

describe('allowedOrigins', () => {
  it("reads the app's own variable only", () => {
    expect(allowedOrigins('ADMIN', { STOREFRONT_ORIGINS: 'https://shop.example', ADMIN_ORIGINS: 'https://admin.shop.example' })).toEqual(['https://admin.shop.example']);
  });

  it('reads a comma-separated list, without trailing slashes', () => {
    expect(allowedOrigins('STOREFRONT', { STOREFRONT_ORIGINS: 'https://shop.example/, https://www.shop.example' })).toEqual(['https://shop.example', 'https://www.shop.example']);
    expect(allowedOrigins('STOREFRONT', {})).toEqual([]);
  });
});
