import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localSecrets } from '../../scripts/lib/platform.mjs';

/** `npm start` has no default secret: it generates them once, keeps them private, and reuses them. */
describe('secrets of npm start', () => {
  const dirs: string[] = [];
  const fileIn = () => {
    const dir = mkdtempSync(join(tmpdir(), 'shop-secrets-'));
    dirs.push(dir);
    return join(dir, '.env.local-secrets');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('generates strong random secrets and an admin password on a first start, in a file only its owner can read', () => {
    const file = fileIn();
    const first = localSecrets({}, file);
    expect(first.generated.sort()).toEqual(['ADMIN_PASSWORD', 'FORWARDED_CLIENT_SECRET', 'IDENTITY_SIGNING_SECRET', 'JWT_SECRET', 'PRICING_QUOTE_SECRET', 'SERVICE_CREDENTIAL_SECRET']);
    for (const name of ['JWT_SECRET', 'IDENTITY_SIGNING_SECRET', 'SERVICE_CREDENTIAL_SECRET', 'FORWARDED_CLIENT_SECRET']) {
      // 32 random bytes in base64url: 43 characters, >= 256 bits.
      expect(first.values[name]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(first.values.ADMIN_PASSWORD!.length).toBeGreaterThanOrEqual(16);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(`JWT_SECRET=${first.values.JWT_SECRET}`);
    // Two first starts never share a secret.
    const other = localSecrets({}, fileIn());
    expect(other.values.JWT_SECRET).not.toBe(first.values.JWT_SECRET);
    expect(other.values.ADMIN_PASSWORD).not.toBe(first.values.ADMIN_PASSWORD);
  });

  it('reuses the kept secrets on the next start and generates nothing (so the admin login is printed once)', () => {
    const file = fileIn();
    const first = localSecrets({}, file);
    const second = localSecrets({}, file);
    expect(second.generated).toEqual([]);
    expect(second.values).toEqual(first.values);
  });

  it('lets explicit environment variables win without writing them to the file', () => {
    const file = fileIn();
    const jwt = 'x'.repeat(8) + 'an-operator-provided-jwt-secret-0123456789';
    const { values, generated } = localSecrets({ JWT_SECRET: jwt }, file);
    expect(values.JWT_SECRET).toBe(jwt);
    expect(generated).not.toContain('JWT_SECRET');
    expect(readFileSync(file, 'utf8')).not.toContain(jwt);
  });
});
