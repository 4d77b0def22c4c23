import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shop/contracts';
import { createPrismaClient } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import { call, register, startTestGateway, type TestGateway } from './gateway-harness.js';

/**
 * Hardening (issue 8): a session has an absolute lifetime. Rotating refresh tokens used to
 * extend a session forever, so one stolen token stayed good as long as its thief kept using it.
 */
const DAY_MS = 24 * 3600 * 1000;
const clock = new ManualClock(new Date());
const prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl, applicationName: 'gateway-session-tests' });
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    catalogUrl: 'http://127.0.0.1:9',
    clock,
    env: { REFRESH_TOKEN_TTL_SECONDS: String(2 * 24 * 3600), SESSION_MAX_AGE_SECONDS: String(5 * 24 * 3600) },
  });
});
afterAll(async () => {
  await gateway?.close();
  await prisma.$disconnect();
});

describe('session lifetime', () => {
  it('refreshes within the session, then refuses past SESSION_MAX_AGE however recently the token was rotated', async () => {
    const { session } = await register(gateway.url);
    let refreshToken = session.refreshToken;
    // One refresh a day keeps every token fresh (TTL 2 days) ...
    for (let day = 1; day <= 4; day++) {
      clock.advance(DAY_MS);
      const res = await call(gateway.url, '/api/auth/refresh', { json: { refreshToken } });
      expect(res.status).toBe(200);
      refreshToken = res.body.refreshToken;
    }
    const family = await prisma.refreshToken.findMany({ where: { userId: session.user.id } });
    expect(family).toHaveLength(5);
    // ... and the last one was issued to end with the session, not two days after it.
    const latest = family.reduce((a, b) => (a.createdAt > b.createdAt ? a : b));
    const first = family.reduce((a, b) => (a.createdAt < b.createdAt ? a : b));
    expect(latest.expiresAt.getTime()).toBe(first.createdAt.getTime() + 5 * DAY_MS);

    // Day 5 and a bit: the session is over.
    clock.advance(DAY_MS + 1000);
    const refused = await call(gateway.url, '/api/auth/refresh', { json: { refreshToken } });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('INVALID_REFRESH_TOKEN');
    // Nothing was issued, nothing rotated.
    const after = await prisma.refreshToken.findMany({ where: { userId: session.user.id } });
    expect(after).toHaveLength(5);
    expect(after.find((t) => t.id === latest.id)?.revokedAt).toBeNull();
  });
});
