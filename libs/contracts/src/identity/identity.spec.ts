import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORD_REASON, Password, PasswordResetMailRequest } from './identity.js';

describe('PasswordResetMailRequest', () => {
  const request = {
    resetId: '8a0b5c1e-7d2f-4a3b-9c4d-5e6f7a8b9c0d',
    userId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
    email: 'ada@example.com',
    token: 'x'.repeat(43),
    expiresAt: '2026-12-07T10:30:00.000Z',
  };

  it('takes who asked for the link, and reads a request without it as the customer’s own (callers older than the field)', () => {
    expect(PasswordResetMailRequest.parse({ ...request, requestedBy: 'shop' }).requestedBy).toBe('shop');
    expect(PasswordResetMailRequest.parse({ ...request, requestedBy: 'customer' }).requestedBy).toBe('customer');
    expect(PasswordResetMailRequest.parse(request).requestedBy).toBe('customer');
  });

  it('refuses any other requester, naming the field', () => {
    const parsed = PasswordResetMailRequest.safeParse({ ...request, requestedBy: 'admin' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['requestedBy']);
  });
});

describe('Password', () => {
  it('takes a passphrase, and refuses one of the most common passwords whatever its case', () => {
    expect(Password.safeParse('correct horse battery staple').success).toBe(true);
    for (const common of ['password', 'Password1', 'QWERTYUIOP', 'iloveyou']) {
      const result = Password.safeParse(common);
      expect(result.success, common).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(COMMON_PASSWORD_REASON);
    }
    expect(Password.safeParse('short').error?.issues[0]?.message).toBe('must be at least 8 characters long');
  });
});
