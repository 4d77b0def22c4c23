import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, register, StandIn, startTestGateway, type TestGateway } from './gateway-harness.js';

let upstream: StandIn;
let gateway: TestGateway;
let customer: Awaited<ReturnType<typeof register>>;
let adminToken: string;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

function sign(claims: Record<string, unknown>, secret: string, options: { iat?: number; exp?: number } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(gateway.config.auth.issuer)
    .setAudience(gateway.config.auth.audience)
    .setIssuedAt(options.iat ?? now)
    .setExpirationTime(options.exp ?? now + 600)
    .sign(new TextEncoder().encode(secret));
}

beforeAll(async () => {
  upstream = await new StandIn().start();
  gateway = await startTestGateway({ catalogUrl: upstream.url });
  customer = await register(gateway.url);
  adminToken = (await login(gateway.url, gateway.admin.email, gateway.admin.password)).accessToken;
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

async function expect401(token: string, path = '/api/me') {
  const res = await call(gateway.url, path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe('UNAUTHORIZED');
  expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  return res;
}

describe('JWT attacks are refused with 401', () => {
  it('accepts the genuine token (the baseline the attacks start from)', async () => {
    const res = await call(gateway.url, '/api/me', { token: customer.session.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.email).toBe(customer.email);
  });

  it('alg "none" with admin claims', async () => {
    const claims = { ...claimsOf(customer.session.accessToken), role: 'admin' };
    await expect401(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
    await expect401(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`, '/api/admin/products');
  });

  it('a token signed with another key', async () => {
    const claims = claimsOf(customer.session.accessToken);
    await expect401(await sign({ sub: claims['sub'], role: 'admin' }, 'not-the-gateway-secret-but-just-as-long-0123456789'));
  });

  it('an expired token, with the real key', async () => {
    const now = Math.floor(Date.now() / 1000);
    const res = await expect401(await sign({ sub: claimsOf(customer.session.accessToken)['sub'], role: 'customer' }, gateway.config.auth.jwtSecret, { iat: now - 3600, exp: now - 60 }));
    expect(res.body.error.message).toMatch(/expired/);
  });

  it('a tampered payload (role raised to admin, signature kept)', async () => {
    const [header, , signature] = customer.session.accessToken.split('.');
    const forged = `${header}.${b64({ ...claimsOf(customer.session.accessToken), role: 'admin' })}.${signature}`;
    await expect401(forged, '/api/admin/products');
    await expect401(forged);
  });

  it('a validly signed token whose account has been deleted', async () => {
    const victim = await register(gateway.url);
    expect((await call(gateway.url, '/api/me', { token: victim.session.accessToken })).status).toBe(200);
    const deleted = await call(gateway.url, `/api/admin/users/${victim.session.user.id}`, { method: 'DELETE', token: adminToken });
    expect(deleted.status).toBe(204);
    await expect401(victim.session.accessToken);
    const refresh = await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: victim.session.refreshToken } });
    expect(refresh.status).toBe(401);
    const again = await call(gateway.url, '/api/auth/login', { json: { email: victim.email, password: victim.password } });
    expect(again.status).toBe(401);
  });

  it('a token for a user id that never existed, and garbage in the header', async () => {
    await expect401(await sign({ sub: '00000000-0000-4000-8000-000000000000', role: 'admin' }, gateway.config.auth.jwtSecret));
    await expect401(await sign({ sub: 'not-a-uuid', role: 'customer' }, gateway.config.auth.jwtSecret));
    await expect401('not.a.jwt');
    const basic = await call(gateway.url, '/api/me', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(basic.status).toBe(401);
  });

  it('a token meant for another audience or issuer', async () => {
    const sub = claimsOf(customer.session.accessToken)['sub'] as string;
    const other = await new SignJWT({ sub, role: 'customer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('someone-else')
      .setAudience(gateway.config.auth.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(gateway.config.auth.jwtSecret));
    await expect401(other);
  });
});
