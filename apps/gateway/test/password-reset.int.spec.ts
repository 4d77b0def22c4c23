import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthSession, ManualClock, PASSWORD_RESET_MAIL_PATH, PasswordResetMailRequest } from '@shop/contracts';
import { requireServiceCaller } from '@shop/service-kit';
import { testSecrets } from '@shop/testing';
import { PasswordResets } from '../src/identity/application/password-resets.js';
import { call, login, register, StandIn, startTestGateway, unique, type TestGateway } from './gateway-harness.js';

/**
 * Forgotten and changed passwords against the real database, with notifications as a stand-in
 * that records what the gateway asks it to mail (notifications' own side, and the whole way to a
 * mailbox, are tested in apps/notifications).
 */
let notifications: StandIn;
let gateway: TestGateway;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  notifications = await new StandIn().start();
  notifications.behaviour = () => ({ status: 202, body: '' });
  gateway = await startTestGateway({
    catalogUrl: 'http://127.0.0.1:9',
    env: { NOTIFICATIONS_URL: notifications.url, SERVICE_CREDENTIAL_SECRET: testSecrets().SERVICE_CREDENTIAL_SECRET },
    clock,
  });
});
afterAll(async () => {
  await gateway?.close();
  await notifications?.close();
});

/** Asks for a link and waits until the gateway has handed it over (or decided not to). */
async function askForLink(email: string) {
  const res = await call(gateway.url, '/api/auth/password-reset', { json: { email } });
  await gateway.service.app.get(PasswordResets).settled();
  return res;
}

/** The mails the gateway asked notifications for, for this address. */
function mailsTo(email: string): PasswordResetMailRequest[] {
  return notifications.seen
    .filter((r) => r.path === PASSWORD_RESET_MAIL_PATH)
    .map((r) => PasswordResetMailRequest.parse(JSON.parse(r.body)))
    .filter((m) => m.email === email);
}

/** Who the gateway said asked for each mail to this address, as sent (parsing would fill in the default). */
function requestersOf(email: string): unknown[] {
  return notifications.seen
    .filter((r) => r.path === PASSWORD_RESET_MAIL_PATH)
    .map((r) => JSON.parse(r.body) as { email: string; requestedBy?: unknown })
    .filter((m) => m.email === email)
    .map((m) => m.requestedBy);
}

describe('forgotten password', () => {
  it('mails a link for an account, on the gateway’s service credential, and answers an unknown address alike', async () => {
    const { email, session } = await register(gateway.url);
    const known = await askForLink(email);
    const unknown = await askForLink(`${unique('nobody')}@example.com`);
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.text).toBe(unknown.text);

    const [mail] = mailsTo(email);
    expect(mail).toMatchObject({ userId: session.user.id, email });
    expect(new Date(mail!.expiresAt).getTime() - clock.now().getTime()).toBe(60 * 60_000);
    const request = notifications.seen.find((r) => r.path === PASSWORD_RESET_MAIL_PATH && r.body.includes(email))!;
    expect(requireServiceCaller(request.headers, ['gateway'])).toEqual({ service: 'gateway' });
    expect(notifications.seen.filter((r) => r.body.includes('nobody-'))).toEqual([]);
    // The customer asked: the mail may say "someone, hopefully you, asked".
    expect(requestersOf(email)).toEqual(['customer']);
  });

  it('sets the new password once: every session ends, the old password and tokens stop working', async () => {
    const { email, password, session } = await register(gateway.url);
    const other = await login(gateway.url, email, password);
    await askForLink(email);
    const [mail] = mailsTo(email);
    // The tokens above were issued in an earlier second than the reset (iat is in whole seconds).
    clock.advance(1000);

    const reset = await call(gateway.url, '/api/auth/password-reset/confirm', { json: { token: mail!.token, password: 'a brand new secret' } });
    expect(reset.status).toBe(204);

    expect((await call(gateway.url, '/api/auth/login', { json: { email, password } })).status).toBe(401);
    expect((await call(gateway.url, '/api/auth/login', { json: { email, password: 'a brand new secret' } })).status).toBe(200);
    for (const s of [session, other]) {
      expect((await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: s.refreshToken } })).status).toBe(401);
    }
    const me = await call(gateway.url, '/api/me', { token: session.accessToken });
    expect(me.status).toBe(401);

    const again = await call(gateway.url, '/api/auth/password-reset/confirm', { json: { token: mail!.token, password: 'yet another secret' } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('INVALID_RESET_TOKEN');
    expect((await call(gateway.url, '/api/auth/login', { json: { email, password: 'a brand new secret' } })).status).toBe(200);
  });

  it('refuses an expired link, and a link a newer one replaced', async () => {
    const { email, password } = await register(gateway.url);
    await askForLink(email);
    const [first] = mailsTo(email);
    clock.advance(61 * 60_000);
    const expired = await call(gateway.url, '/api/auth/password-reset/confirm', { json: { token: first!.token, password: 'a brand new secret' } });
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe('INVALID_RESET_TOKEN');

    await askForLink(email);
    clock.advance(61_000);
    await askForLink(email);
    const [, second, third] = mailsTo(email);
    expect(third).toBeDefined();
    const replaced = await call(gateway.url, '/api/auth/password-reset/confirm', { json: { token: second!.token, password: 'a brand new secret' } });
    expect(replaced.body.error?.code).toBe('INVALID_RESET_TOKEN');
    expect((await call(gateway.url, '/api/auth/login', { json: { email, password } })).status).toBe(200);
    expect((await call(gateway.url, '/api/auth/password-reset/confirm', { json: { token: third!.token, password: 'a brand new secret' } })).status).toBe(204);
  });

  it('mails one link per account per minute; the first keeps working', async () => {
    const { email } = await register(gateway.url);
    await askForLink(email);
    await askForLink(email);
    await askForLink(email);
    expect(mailsTo(email)).toHaveLength(1);
    clock.advance(60_000);
    await askForLink(email);
    expect(mailsTo(email)).toHaveLength(2);
  });

  it('mails nothing for a disabled account, and refuses its earlier link', async () => {
    const { email, session } = await register(gateway.url);
    await askForLink(email);
    const [mail] = mailsTo(email);
    const admin = (await login(gateway.url, gateway.admin.email, gateway.admin.password)).accessToken;
    expect((await call(gateway.url, `/api/admin/users/${session.user.id}/disable`, { method: 'POST', token: admin })).status).toBe(200);
    clock.advance(60_000);
    expect((await askForLink(email)).status).toBe(202);
    expect(mailsTo(email)).toHaveLength(1);
    const res = await call(gateway.url, '/api/auth/password-reset/confirm', { json: { token: mail!.token, password: 'a brand new secret' } });
    expect(res.body.error.code).toBe('INVALID_RESET_TOKEN');
  });

  it('names bad fields and changes nothing', async () => {
    const { email, password } = await register(gateway.url);
    await askForLink(email);
    const [mail] = mailsTo(email);
    const short = await call(gateway.url, '/api/auth/password-reset/confirm', { json: { token: mail!.token, password: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.error.details).toEqual([{ field: 'password', reason: 'must be at least 8 characters long' }]);
    const badEmail = await call(gateway.url, '/api/auth/password-reset', { json: { email: 'not-an-email' } });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.details).toEqual([{ field: 'email', reason: 'must be a valid email address' }]);
    const unknownToken = await call(gateway.url, '/api/auth/password-reset/confirm', { json: { token: 'x'.repeat(43), password: 'a brand new secret' } });
    expect(unknownToken.body.error.code).toBe('INVALID_RESET_TOKEN');
    expect((await call(gateway.url, '/api/auth/login', { json: { email, password } })).status).toBe(200);
    // The link was not spent by the refused attempt.
    expect((await call(gateway.url, '/api/auth/password-reset/confirm', { json: { token: mail!.token, password: 'a brand new secret' } })).status).toBe(204);
  });

  it('answers 503 for every address when it has no credential to reach notifications', async () => {
    const bare = await startTestGateway({ catalogUrl: 'http://127.0.0.1:9', env: { NOTIFICATIONS_URL: notifications.url } });
    try {
      const { email } = await register(bare.url);
      const known = await call(bare.url, '/api/auth/password-reset', { json: { email } });
      const unknown = await call(bare.url, '/api/auth/password-reset', { json: { email: `${unique('nobody')}@example.com` } });
      expect([known.status, unknown.status]).toEqual([503, 503]);
      expect(known.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    } finally {
      await bare.close();
    }
  });
});

describe('an admin sends a reset link', () => {
  const adminToken = async () => (await login(gateway.url, gateway.admin.email, gateway.admin.password)).accessToken;
  const send = (id: string, token?: string) => call(gateway.url, `/api/admin/users/${id}/password-reset`, { method: 'POST', token });

  it('mails the account the same one-use link, and answers where it went, never the link', async () => {
    const { email, session } = await register(gateway.url);
    const res = await send(session.user.id, await adminToken());
    expect(res.status).toBe(202);
    const [mail] = mailsTo(email);
    expect(res.body).toEqual({ email, expiresAt: mail!.expiresAt });
    expect(res.text).not.toContain(mail!.token);
    // The shop sent it: the mail says so rather than "someone asked", which would read like phishing.
    expect(requestersOf(email)).toEqual(['shop']);
    clock.advance(1000);
    expect((await call(gateway.url, '/api/auth/password-reset/confirm', { json: { token: mail!.token, password: 'a brand new secret' } })).status).toBe(204);
    expect((await call(gateway.url, '/api/auth/login', { json: { email, password: 'a brand new secret' } })).status).toBe(200);
  });

  it('says when a link went out moments ago, and refuses a disabled or unknown account', async () => {
    const admin = await adminToken();
    const { email, session } = await register(gateway.url);
    await askForLink(email);
    const again = await send(session.user.id, admin);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(`A reset link was mailed to ${email} less than 60 seconds ago`);
    expect(mailsTo(email)).toHaveLength(1);

    expect((await call(gateway.url, `/api/admin/users/${session.user.id}/disable`, { method: 'POST', token: admin })).status).toBe(200);
    clock.advance(60_000);
    const disabled = await send(session.user.id, admin);
    expect(disabled.status).toBe(409);
    expect(disabled.body.error.message).toContain('This account is disabled');
    expect(mailsTo(email)).toHaveLength(1);

    expect((await send('00000000-0000-4000-8000-000000000000', admin)).status).toBe(404);
    const bad = await send('not-a-uuid', admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
  });

  it('is for admins only: 401 without a token, 403 for a customer, even their own account', async () => {
    const { email, session } = await register(gateway.url);
    expect((await send(session.user.id)).status).toBe(401);
    expect((await send(session.user.id, session.accessToken)).status).toBe(403);
    expect(mailsTo(email)).toEqual([]);
  });
});

describe('changing the password', () => {
  it('needs a signed-in caller', async () => {
    const res = await call(gateway.url, '/api/me/password', { json: { currentPassword: 'whatever it is', newPassword: 'a brand new secret' } });
    expect(res.status).toBe(401);
  });

  it('checks the current password, ends every other session and answers a new one', async () => {
    const { email, password, session } = await register(gateway.url);
    const other = await login(gateway.url, email, password);

    const wrong = await call(gateway.url, '/api/me/password', { token: session.accessToken, json: { currentPassword: 'not my password', newPassword: 'a brand new secret' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'WRONG_PASSWORD', details: [{ field: 'currentPassword', reason: 'is wrong' }] });
    const same = await call(gateway.url, '/api/me/password', { token: session.accessToken, json: { currentPassword: password, newPassword: password } });
    expect(same.status).toBe(400);
    expect(same.body.error.details).toEqual([{ field: 'newPassword', reason: 'must differ from the current password' }]);
    expect((await call(gateway.url, '/api/auth/login', { json: { email, password } })).status).toBe(200);

    // The tokens above were issued in an earlier second than the change (iat is in whole seconds).
    clock.advance(1000);
    const changed = await call(gateway.url, '/api/me/password', { token: session.accessToken, json: { currentPassword: password, newPassword: 'a brand new secret' } });
    expect(changed.status).toBe(200);
    const fresh = AuthSession.parse(changed.body);
    expect(fresh.user.id).toBe(session.user.id);

    expect((await call(gateway.url, '/api/me', { token: fresh.accessToken })).status).toBe(200);
    expect((await call(gateway.url, '/api/me', { token: other.accessToken })).status).toBe(401);
    for (const s of [session, other]) {
      expect((await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: s.refreshToken } })).status).toBe(401);
    }
    expect((await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: fresh.refreshToken } })).status).toBe(200);
    expect((await call(gateway.url, '/api/auth/login', { json: { email, password } })).status).toBe(401);
    expect((await call(gateway.url, '/api/auth/login', { json: { email, password: 'a brand new secret' } })).status).toBe(200);
  });

  it('throttles wrong current passwords as it throttles logins', async () => {
    const strict = await startTestGateway({ catalogUrl: 'http://127.0.0.1:9', env: { LOGIN_FAILURE_LIMIT: '3/900' } });
    try {
      const { session } = await register(strict.url);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await call(strict.url, '/api/me/password', { token: session.accessToken, json: { currentPassword: `guess number ${i}`, newPassword: 'a brand new secret' } });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await strict.close();
    }
  });
});
