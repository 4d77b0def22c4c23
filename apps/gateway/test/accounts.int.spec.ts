import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthSession } from '@shop/contracts';
import { call, register, StandIn, startTestGateway, unique, type TestGateway } from './gateway-harness.js';

let upstream: StandIn;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await new StandIn().start();
  gateway = await startTestGateway({ catalogUrl: upstream.url });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

describe('accounts', () => {
  it('registers a customer with a normalized email and answers the session contract', async () => {
    const local = unique('Ada');
    const res = await call(gateway.url, '/api/auth/register', { json: { email: `  ${local}@Example.COM `, password: 'correct horse battery' } });
    expect(res.status).toBe(201);
    const session = AuthSession.parse(res.body);
    expect(session.user).toMatchObject({ email: `${local.toLowerCase()}@example.com`, role: 'customer' });
    expect(session.tokenType).toBe('Bearer');
    expect(session.expiresIn).toBe(900);
    const me = await call(gateway.url, '/api/me', { token: session.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(session.user);
  });

  it('answers 409 for an email that is taken, whatever its case', async () => {
    const { email } = await register(gateway.url);
    const res = await call(gateway.url, '/api/auth/register', { json: { email: email.toUpperCase(), password: 'another password' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('EMAIL_TAKEN');
  });

  it('names bad fields and refuses unknown ones (no role self-assignment)', async () => {
    const res = await call(gateway.url, '/api/auth/register', { json: { email: 'not-an-email', password: 'short', role: 'admin' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'email', reason: 'must be a valid email address' },
        { field: 'password', reason: 'must be at least 8 characters long' },
        { field: 'role', reason: 'is not allowed' },
      ]),
    );
  });

  it('logs in with the right password only, without telling which part was wrong', async () => {
    const { email, password } = await register(gateway.url);
    const ok = await call(gateway.url, '/api/auth/login', { json: { email: email.toUpperCase(), password } });
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe(email);
    const wrong = await call(gateway.url, '/api/auth/login', { json: { email, password: 'wrong password' } });
    const nobody = await call(gateway.url, '/api/auth/login', { json: { email: `${unique('nobody')}@example.com`, password } });
    expect([wrong.status, nobody.status]).toEqual([401, 401]);
    expect(wrong.body.error).toEqual(nobody.body.error);
  });

  it('rotates refresh tokens: each works once, and a replayed one revokes the whole session', async () => {
    const { session } = await register(gateway.url);
    const first = await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: session.refreshToken } });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(session.refreshToken);
    const second = await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: first.body.refreshToken } });
    expect(second.status).toBe(200);
    // The first token again: a thief (or the victim) replays it; the whole family dies.
    const replay = await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: session.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('INVALID_REFRESH_TOKEN');
    const latest = await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: second.body.refreshToken } });
    expect(latest.status).toBe(401);
  });

  it('logout revokes the session; other sessions of the same account live on', async () => {
    const { email, password, session } = await register(gateway.url);
    const other = (await call(gateway.url, '/api/auth/login', { json: { email, password } })).body as AuthSession;
    const out = await call(gateway.url, '/api/auth/logout', { json: { refreshToken: session.refreshToken } });
    expect(out.status).toBe(204);
    expect((await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect((await call(gateway.url, '/api/auth/logout', { json: { refreshToken: session.refreshToken } })).status).toBe(204);
    expect((await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: other.refreshToken } })).status).toBe(200);
  });

  it('answers 401 for /api/me without a token and for an unknown refresh token', async () => {
    expect((await call(gateway.url, '/api/me')).status).toBe(401);
    const res = await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: 'x'.repeat(43) } });
    expect(res.status).toBe(401);
  });

  it('seeds the configured admin once, idempotently', async () => {
    const res = await call(gateway.url, '/api/auth/login', { json: gateway.admin });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('admin');
    // A second gateway with the same ADMIN_EMAIL finds the admin and creates nothing.
    const twin = await startTestGateway({ catalogUrl: upstream.url, env: { ADMIN_EMAIL: gateway.admin.email, ADMIN_PASSWORD: 'another one, longer' } });
    await twin.close();
    expect((await call(gateway.url, '/api/auth/login', { json: gateway.admin })).status).toBe(200);
  });

  it('gives an existing admin ADMIN_PASSWORD only when ADMIN_PASSWORD_RESET is set (a lost password)', async () => {
    const admin = { email: `${unique('lost')}@example.com`, password: 'the first admin password' };
    const first = await startTestGateway({ catalogUrl: upstream.url, env: { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password } });
    await first.close();
    const replacement = 'the replacement password';
    const login = (password: string) => call(gateway.url, '/api/auth/login', { json: { email: admin.email, password } });

    const reset = await startTestGateway({ catalogUrl: upstream.url, env: { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: replacement, ADMIN_PASSWORD_RESET: 'true' } });
    await reset.close();
    expect((await login(replacement)).status).toBe(200);
    expect((await login(admin.password)).status).toBe(401);
    expect((await login(replacement)).body.user.role).toBe('admin');
  });
});
