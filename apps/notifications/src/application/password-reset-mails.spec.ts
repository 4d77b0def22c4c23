import { describe, expect, it } from 'vitest';
import { plannedPasswordResetMail } from './password-reset-mails.js';

describe('plannedPasswordResetMail', () => {
  const request = {
    resetId: '8a0b5c1e-7d2f-4a3b-9c4d-5e6f7a8b9c0d',
    userId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
    email: 'ada@example.com',
    token: 'Ab_cd-EF+/=?&',
    expiresAt: '2026-12-07T10:30:00.000Z',
    requestedBy: 'customer' as const,
  };

  it('links the storefront’s reset page with the token as its one query parameter, encoded', () => {
    const planned = plannedPasswordResetMail(request, 'https://shop.test');
    expect(planned.content).toEqual({
      template: 'password-reset',
      resetUrl: 'https://shop.test/account/reset-password?token=Ab_cd-EF%2B%2F%3D%3F%26',
      expiresAt: request.expiresAt,
      requestedBy: 'customer',
    });
    expect(new URL((planned.content as { resetUrl: string }).resetUrl).searchParams.get('token')).toBe(request.token);
  });

  it('carries who asked for the link, so a link the shop sent says so', () => {
    expect(plannedPasswordResetMail({ ...request, requestedBy: 'shop' }, 'https://shop.test').content).toMatchObject({ requestedBy: 'shop' });
  });

  it('is for the account and its address (a disabled account gets nothing, as for every mail)', () => {
    expect(plannedPasswordResetMail(request, 'https://shop.test')).toMatchObject({ eventEmail: 'ada@example.com', customerId: request.userId });
  });
});
