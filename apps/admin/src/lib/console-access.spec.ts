import { describe, expect, it } from 'vitest';
import { accessOf, isApiPath, isPublicPath } from './console-access';

describe('console access', () => {
  it('only an admin gets in', () => {
    expect(accessOf({ kind: 'user', role: 'admin', email: 'admin@example.com' })).toBe('allow');
    expect(accessOf({ kind: 'user', role: 'customer', email: 'ada@example.com' })).toBe('forbidden');
  });

  it('a signed-out caller is sent to sign in; an unknown one (gateway down) is told the console is unavailable', () => {
    expect(accessOf({ kind: 'signed_out' })).toBe('sign_in');
    expect(accessOf({ kind: 'unknown' })).toBe('unavailable');
  });

  it('only signing in and out and the health probes are public', () => {
    for (const path of ['/login', '/api/auth/login', '/api/auth/logout', '/health/ready']) expect(isPublicPath(path)).toBe(true);
    for (const path of ['/', '/products', '/api/products', '/login/../products', '/loginx', '/api/auth/login/x']) expect(isPublicPath(path)).toBe(false);
  });

  it('tells route handlers (JSON) from pages', () => {
    expect(isApiPath('/api/products')).toBe(true);
    expect(isApiPath('/api')).toBe(true);
    expect(isApiPath('/apiary')).toBe(false);
    expect(isApiPath('/products')).toBe(false);
  });
});
