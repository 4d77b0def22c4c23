import { randomUUID } from 'node:crypto';
import type { Clock, CreateCouponBody } from '@shop/contracts';
import { createPrismaClient, type PrismaClient } from '@shop/persistence';
import type { RunningService } from '@shop/service-kit';
import { fetchJson, serviceHeaders, storeEnv, testEnv, TEST_ADMIN_ID, type FetchJsonInit, type TestIdentity } from '@shop/testing';
import { PricingEnv, pricingConfigFrom } from '../src/config.js';
import { startPricing } from '../src/pricing-app.js';

/** Boots the real pricing service (real Postgres, real Redis) in this process on a random port. */
export async function startTestPricing(overrides: { clock?: Clock; env?: Record<string, string> } = {}) {
  const config = pricingConfigFrom(PricingEnv.parse({ PRICING_PORT: 0, PRICING_QUOTE_SECRET: process.env.PRICING_QUOTE_SECRET, ...storeEnv(), ...overrides.env }));
  const service: RunningService = await startPricing(config, { handleSignals: false, clock: overrides.clock });
  return { service, url: service.url, config };
}

/**
 * One request. `as` signs a user's identity for this request, as the gateway does; calls to
 * /internal/ carry the payments service's credential (as the checkout saga's do) unless `service` says otherwise.
 */
export async function api(base: string, path: string, init: FetchJsonInit & { as?: TestIdentity; service?: string | null } = {}) {
  const { as, service, ...rest } = init;
  const serviceName = service === undefined ? (path.startsWith('/internal/') ? 'payments' : null) : service;
  return fetchJson(base + path, {
    ...rest,
    identity: as,
    headers: { ...(serviceName ? serviceHeaders(serviceName) : {}), ...(rest.headers as Record<string, string>) },
  });
}

export const admin: TestIdentity = { userId: TEST_ADMIN_ID, role: 'admin' };
export const customer = (userId: string = randomUUID()): TestIdentity => ({ userId, role: 'customer' });

let counter = 0;
/** A code no other test of the run uses. */
export function freshCode(prefix = 'C'): string {
  return `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
}

export async function createCoupon(base: string, body: Partial<CreateCouponBody> = {}) {
  const res = await api(base, '/api/admin/coupons', { method: 'POST', as: admin, json: { code: freshCode(), discount: { percentOff: 10 }, ...body } });
  if (res.status !== 201) throw new Error(`create coupon failed: ${res.status} ${res.text}`);
  return res.body as { code: string; used: number; held: number; usageLimit: number | null };
}

export const hold = (base: string, code: string, body: { checkoutId?: string; customerId?: string; ttlSeconds?: number } = {}) =>
  api(base, `/internal/pricing/coupons/${code}/holds`, { method: 'POST', json: { checkoutId: randomUUID(), customerId: randomUUID(), ...body } });
export const consume = (base: string, checkoutId: string) => api(base, `/internal/pricing/coupon-holds/${checkoutId}/consume`, { method: 'POST' });
export const release = (base: string, checkoutId: string) => api(base, `/internal/pricing/coupon-holds/${checkoutId}/release`, { method: 'POST' });

export function prismaClient(): PrismaClient {
  return createPrismaClient({ databaseUrl: testEnv().databaseUrl, applicationName: 'pricing-tests', poolMax: 2 });
}

/** The coupon's counters and its holds as stored, to compare after a race. */
export async function storedUsage(prisma: PrismaClient, code: string) {
  const coupon = await prisma.coupon.findUniqueOrThrow({ where: { code } });
  const byStatus = await prisma.couponHold.groupBy({ by: ['status'], where: { code }, _count: { _all: true } });
  const count = (status: string) => byStatus.find((g) => g.status === status)?._count._all ?? 0;
  return { used: coupon.used, held: coupon.held, consumedRows: count('consumed'), heldRows: count('held'), releasedRows: count('released') };
}
