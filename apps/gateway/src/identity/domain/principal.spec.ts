import { describe, expect, it } from 'vitest';
import { authorize } from './principal.js';

describe('authorize', () => {
  const customer = { userId: 'u1', role: 'customer' as const };
  const admin = { userId: 'u2', role: 'admin' as const };

  it('lets anyone through a public route', () => {
    expect(authorize('public', undefined)).toBe('allow');
    expect(authorize('public', customer)).toBe('allow');
  });
  it('needs a principal for authenticated routes', () => {
    expect(authorize('authenticated', undefined)).toBe('unauthenticated');
    expect(authorize('authenticated', customer)).toBe('allow');
  });
  it('answers 401 without a principal and 403 without the admin role on admin routes', () => {
    expect(authorize('admin', undefined)).toBe('unauthenticated');
    expect(authorize('admin', customer)).toBe('forbidden');
    expect(authorize('admin', admin)).toBe('allow');
  });
});
