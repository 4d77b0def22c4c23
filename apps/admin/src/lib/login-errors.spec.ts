import { describe, expect, it } from 'vitest';
import { NOT_AN_ADMIN } from './console-access';
import { loginErrorsOf } from './login-errors';

describe('login errors', () => {
  it('puts field problems next to their field', () => {
    expect(loginErrorsOf(400, { error: { code: 'VALIDATION_FAILED', details: [{ field: 'email', reason: 'must be a valid email address' }] } })).toEqual({
      email: 'must be a valid email address',
    });
  });

  it('says clearly that a customer account is not an admin account', () => {
    expect(loginErrorsOf(403, { error: { code: 'FORBIDDEN', message: 'whatever' } })).toEqual({ form: NOT_AN_ADMIN });
  });

  it('wrong credentials, throttling and an unreachable platform each get their own message', () => {
    expect(loginErrorsOf(401, { error: { code: 'INVALID_CREDENTIALS' } }).form).toMatch(/do not match/);
    expect(loginErrorsOf(429, { error: { code: 'RATE_LIMITED', message: 'Too many login attempts' } }).form).toBe('Too many login attempts');
    expect(loginErrorsOf(503, null).form).toMatch(/cannot be reached/);
  });
});
