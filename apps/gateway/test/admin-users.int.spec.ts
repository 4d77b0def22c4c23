import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminUser, AdminUserPage } from '@shop/contracts';
import { call, login, register, StandIn, startTestGateway, unique, type TestGateway } from './gateway-harness.js';

/** The admin console's customers: a searchable list, and disabling / enabling an account. */
let upstream: StandIn;
let gateway: TestGateway;
let admin: string;
let adminId: string;

beforeAll(async () => {
  upstream = await new StandIn().start();
  gateway = await startTestGateway({ catalogUrl: upstream.url });
  const session = await login(gateway.url, gateway.admin.email, gateway.admin.password);
  admin = session.accessToken;
  adminId = session.user.id;
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

async function allPages(query: string, limit: number): Promise<AdminUser[][]> {
  const pages: AdminUser[][] = [];
  let cursor: string | null = null;
  do {
    const res = await call(gateway.url, `/api/admin/users?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`, { token: admin });
    expect(res.status, res.text).toBe(200);
    const page = AdminUserPage.parse(res.body);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

describe('the admin list of accounts', () => {
  it('searches part of the email in any case, newest first, page by page', async () => {
    const tag = unique('Lovelace').toLowerCase();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await register(gateway.url, `ada.${i}.${tag}@example.com`));
    await register(gateway.url); // someone else

    const pages = await allPages(`q=${encodeURIComponent(tag.toUpperCase())}`, 2);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((u) => u.email)).toEqual(made.map((m) => m.email).reverse());
    expect(pages.flat()[0]).toEqual({ ...made[4]!.session.user, disabledAt: null });
  });

  it('reads % and _ in a search as themselves, not as wildcards', async () => {
    const tag = unique('under').toLowerCase();
    const { email } = await register(gateway.url, `a_b.${tag}@example.com`);
    await register(gateway.url, `axb.${tag}@example.com`);
    expect((await allPages(`q=${encodeURIComponent(`a_b.${tag}`)}`, 10)).flat().map((u) => u.email)).toEqual([email]);
    expect((await allPages(`q=${encodeURIComponent(`%.${tag}`)}`, 10)).flat()).toEqual([]);
  });

  it('filters by role and by status', async () => {
    const admins = (await allPages('role=admin', 100)).flat();
    expect(admins.map((u) => u.id)).toContain(adminId);
    expect(admins.every((u) => u.role === 'admin')).toBe(true);
    const { session } = await register(gateway.url);
    expect((await call(gateway.url, `/api/admin/users/${session.user.id}/disable`, { method: 'POST', token: admin })).status).toBe(200);
    const disabled = (await allPages('status=disabled', 100)).flat();
    expect(disabled.map((u) => u.id)).toContain(session.user.id);
    expect(disabled.every((u) => u.disabledAt !== null)).toBe(true);
    expect((await allPages('status=active', 100)).flat().map((u) => u.id)).not.toContain(session.user.id);
  });

  it('names bad filters and foreign cursors', async () => {
    const res = await call(gateway.url, '/api/admin/users?role=owner&status=gone&limit=0&q=', { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['limit', 'q', 'role', 'status']);
    const cursor = await call(gateway.url, '/api/admin/users?cursor=bm90LWEtY3Vyc29y', { token: admin });
    expect([cursor.status, cursor.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
  });
});

describe('disabling an account', () => {
  it('ends its sessions: its access token stops working, its refresh token is refused, it cannot log in', async () => {
    const { email, password, session } = await register(gateway.url);
    expect((await call(gateway.url, '/api/me', { token: session.accessToken })).status).toBe(200);

    const res = await call(gateway.url, `/api/admin/users/${session.user.id}/disable`, { method: 'POST', token: admin });
    expect(res.status).toBe(200);
    expect(AdminUser.parse(res.body)).toMatchObject({ id: session.user.id, email, disabledAt: expect.any(String) });

    expect((await call(gateway.url, '/api/me', { token: session.accessToken })).status).toBe(401);
    const refresh = await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: session.refreshToken } });
    expect([refresh.status, refresh.body.error.code]).toEqual([401, 'INVALID_REFRESH_TOKEN']);
    const again = await call(gateway.url, '/api/auth/login', { json: { email, password } });
    expect([again.status, again.body.error.code]).toEqual([403, 'ACCOUNT_DISABLED']);
    // Only the right password learns that the account is disabled.
    const guess = await call(gateway.url, '/api/auth/login', { json: { email, password: 'not the password' } });
    expect([guess.status, guess.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    // Admins still see it.
    expect((await call(gateway.url, `/api/admin/users/${session.user.id}`, { token: admin })).body.disabledAt).toBe(res.body.disabledAt);
  });

  it('is idempotent and keeps the first disabling time', async () => {
    const { session } = await register(gateway.url);
    const first = await call(gateway.url, `/api/admin/users/${session.user.id}/disable`, { method: 'POST', token: admin });
    const second = await call(gateway.url, `/api/admin/users/${session.user.id}/disable`, { method: 'POST', token: admin });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.disabledAt).toBe(first.body.disabledAt);
  });

  it('is undone by enabling: the account logs in again, its old sessions stay ended', async () => {
    const { email, password, session } = await register(gateway.url);
    await call(gateway.url, `/api/admin/users/${session.user.id}/disable`, { method: 'POST', token: admin });
    const enabled = await call(gateway.url, `/api/admin/users/${session.user.id}/enable`, { method: 'POST', token: admin });
    expect(enabled.status).toBe(200);
    expect(enabled.body.disabledAt).toBeNull();
    const fresh = await login(gateway.url, email, password);
    expect((await call(gateway.url, '/api/me', { token: fresh.accessToken })).status).toBe(200);
    expect((await call(gateway.url, '/api/auth/refresh', { json: { refreshToken: session.refreshToken } })).status).toBe(401);
  });

  it('refuses an admin disabling their own account, and names unknown or malformed ids', async () => {
    const self = await call(gateway.url, `/api/admin/users/${adminId}/disable`, { method: 'POST', token: admin });
    expect([self.status, self.body.error.code]).toEqual([409, 'CONFLICT']);
    expect((await call(gateway.url, '/api/me', { token: admin })).status).toBe(200);
    const unknown = await call(gateway.url, '/api/admin/users/00000000-0000-4000-8000-000000000000/enable', { method: 'POST', token: admin });
    expect(unknown.status).toBe(404);
    const malformed = await call(gateway.url, '/api/admin/users/nope/disable', { method: 'POST', token: admin });
    expect([malformed.status, malformed.body.error.details]).toEqual([400, [{ field: 'id', reason: 'must be a UUID' }]]);
  });

  it('is for admins only', async () => {
    const { session } = await register(gateway.url);
    const victim = await register(gateway.url);
    for (const path of [`/api/admin/users/${victim.session.user.id}/disable`, `/api/admin/users/${victim.session.user.id}/enable`]) {
      expect((await call(gateway.url, path, { method: 'POST' })).status).toBe(401);
      expect((await call(gateway.url, path, { method: 'POST', token: session.accessToken })).status).toBe(403);
    }
    expect((await call(gateway.url, '/api/admin/users', { token: session.accessToken })).status).toBe(403);
    expect((await call(gateway.url, '/api/me', { token: victim.session.accessToken })).status).toBe(200);
  });
});
