import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { requireSecret, secretProblem } from './secrets.js';

describe('secretProblem', () => {
  it('accepts a random 256-bit secret', () => {
    expect(secretProblem(randomBytes(32).toString('base64url'))).toBeNull();
    expect(secretProblem(randomBytes(32).toString('hex'))).toBeNull();
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['short', 'abcdefghijklmnopqrstuvwxyz01234'],
    ['the old documented default', 'dev-only-insecure-jwt-secret-change-me-in-production'],
    ['"secret" repeated to length', 'secretsecretsecretsecretsecretsecret'],
    ['"changeme" padded', 'changeme-changeme-changeme-changeme!'],
    ['one repeated character', 'a'.repeat(64)],
    ['a short repeated pattern', 'abcabcabcabcabcabcabcabcabcabcabcabc'],
  ])('refuses %s', (_name, value) => {
    expect(secretProblem(value)).not.toBeNull();
  });

  it('names the variable in the error', () => {
    expect(() => requireSecret('JWT_SECRET', { JWT_SECRET: 'changeme' })).toThrow(/^JWT_SECRET must be at least 32 bytes/);
  });
});
