import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, EventBus, createRedis } from '@shop/messaging';
import { ManualClock, OrderStatusChangedV1, type Order } from '@shop/contracts';
import { eventually, testEnv } from '@shop/testing';
import { admin, api, consume, createCoupon, customer, freshCode, hold, prismaClient, release, startTestPricing, storedUsage } from './coupons-harness.js';

/** Coupons (issue 10): the admin routes, the cart's check and the checkout saga's race-safe holds. */
const clock = new ManualClock(new Date());
let pricing: Awaited<ReturnType<typeof startTestPricing>>;
let base: string;
const prisma = prismaClient();

beforeAll(async () => {
  pricing = await startTestPricing({ clock, env: { COUPON_HOLD_SWEEP_MS: '50' } });
  base = pricing.url;
});
afterAll(async () => {
  await pricing?.service.close();
  await prisma.$disconnect();
});

const inMs = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();

describe('admin coupons', () => {
  it('creates (201, code upper-cased), refuses a taken code (409) and bad input (400 naming the field), reads, lists with usage and patches', async () => {
    const code = freshCode('new');
    const created = await api(base, '/api/admin/coupons', {
      method: 'POST',
      as: admin,
      json: { code: code.toLowerCase(), discount: { amountOff: { amount: 500, currency: 'EUR' } }, usageLimit: 3, perCustomerLimit: 1, endsAt: inMs(86_400_000) },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code, discount: { amountOff: { amount: 500, currency: 'EUR' } }, usageLimit: 3, perCustomerLimit: 1, active: true, used: 0, held: 0 });

    const again = await api(base, '/api/admin/coupons', { method: 'POST', as: admin, json: { code, discount: { percentOff: 5 } } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('COUPON_CODE_TAKEN');

    const bad = await api(base, '/api/admin/coupons', { method: 'POST', as: admin, json: { code: freshCode(), discount: { percentOff: 150 } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('percentOff');
    const window = await api(base, '/api/admin/coupons', {
      method: 'POST',
      as: admin,
      json: { code: freshCode(), discount: { percentOff: 5 }, startsAt: inMs(1000), endsAt: inMs(0) },
    });
    expect(window.status).toBe(400);
    expect(window.body.error.details).toEqual([{ field: 'endsAt', reason: 'must be after the start' }]);

    expect((await hold(base, code)).status).toBe(201);
    const one = await api(base, `/api/admin/coupons/${code}`, { as: admin });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ code, used: 0, held: 1 });
    expect((await api(base, `/api/admin/coupons/${freshCode('nope')}`, { as: admin })).status).toBe(404);

    let listed: { code: string; held: number }[] = [];
    let cursor: string | null = null;
    do {
      const page = await api(base, `/api/admin/coupons?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { as: admin });
      expect(page.status).toBe(200);
      listed = listed.concat(page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(listed.find((c) => c.code === code)).toMatchObject({ code, held: 1 });

    const below = await api(base, `/api/admin/coupons/${code}`, { method: 'PATCH', as: admin, json: { usageLimit: 0 } });
    expect(below.status).toBe(400);
    const patched = await api(base, `/api/admin/coupons/${code}`, { method: 'PATCH', as: admin, json: { usageLimit: 1, perCustomerLimit: null } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ usageLimit: 1, perCustomerLimit: null, held: 1 });
    expect((await hold(base, code)).body.error.code).toBe('COUPON_EXHAUSTED');
    const off = await api(base, `/api/admin/coupons/${code}`, { method: 'PATCH', as: admin, json: { active: false, usageLimit: 5 } });
    expect(off.body).toMatchObject({ active: false, usageLimit: 5 });
    const inactive = await hold(base, code);
    expect(inactive.status).toBe(400);
    expect(inactive.body.error).toMatchObject({ code: 'COUPON_INVALID', details: { code, reason: 'inactive' } });
  });

  it('refuses to lower a limit below the uses already taken (409, unchanged)', async () => {
    const { code } = await createCoupon(base, { usageLimit: 5 });
    for (let i = 0; i < 3; i++) expect((await hold(base, code)).status).toBe(201);
    const res = await api(base, `/api/admin/coupons/${code}`, { method: 'PATCH', as: admin, json: { usageLimit: 2 } });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ field: 'usageLimit', taken: 3 });
    expect((await api(base, `/api/admin/coupons/${code}`, { as: admin })).body.usageLimit).toBe(5);
  });
});

describe('authorization', () => {
  it('admin routes: anonymous 401, customer 403, nothing created or changed', async () => {
    const { code } = await createCoupon(base, { usageLimit: 10 });
    const newCode = freshCode();
    const attempts = [
      { method: 'POST', path: '/api/admin/coupons', json: { code: newCode, discount: { percentOff: 50 } } },
      { method: 'GET', path: '/api/admin/coupons' },
      { method: 'GET', path: `/api/admin/coupons/${code}` },
      { method: 'PATCH', path: `/api/admin/coupons/${code}`, json: { usageLimit: 1000 } },
    ];
    for (const { method, path, json } of attempts) {
      expect((await api(base, path, { method, json })).status, `${method} ${path} anonymous`).toBe(401);
      expect((await api(base, path, { method, json, as: customer() })).status, `${method} ${path} customer`).toBe(403);
      // A service credential is no admin either.
      expect((await api(base, path, { method, json, service: 'payments' })).status, `${method} ${path} service`).toBe(401);
    }
    expect(await prisma.coupon.findUnique({ where: { code: newCode } })).toBeNull();
    expect((await prisma.coupon.findUniqueOrThrow({ where: { code } })).usageLimit).toBe(10);
  });

  it('internal hold, consume and release answer only the payments service; check also the cart', async () => {
    const { code } = await createCoupon(base, { usageLimit: 10 });
    const checkoutId = randomUUID();
    const body = { checkoutId, customerId: randomUUID() };
    const forged = { 'x-service-credential': 'payments.0.AAAA' };
    for (const [service, headers, status] of [
      [null, {}, 401],
      [null, forged, 401],
      ['cart', {}, 403],
      ['gateway', {}, 403],
    ] as const) {
      expect((await api(base, `/internal/pricing/coupons/${code}/holds`, { method: 'POST', json: body, service, headers })).status).toBe(status);
      expect((await api(base, `/internal/pricing/coupon-holds/${checkoutId}/consume`, { method: 'POST', service, headers })).status).toBe(status);
      expect((await api(base, `/internal/pricing/coupon-holds/${checkoutId}/release`, { method: 'POST', service, headers })).status).toBe(status);
    }
    // A signed-in admin is not a service either.
    expect((await api(base, `/internal/pricing/coupons/${code}/holds`, { method: 'POST', json: body, service: null, as: admin })).status).toBe(401);
    expect(await storedUsage(prisma, code)).toMatchObject({ used: 0, held: 0, heldRows: 0 });

    const check = `/internal/pricing/coupons/${code}/check`;
    expect((await api(base, check, { method: 'POST', json: { currency: 'EUR' }, service: null })).status).toBe(401);
    expect((await api(base, check, { method: 'POST', json: { currency: 'EUR' }, service: 'inventory' })).status).toBe(403);
    expect((await api(base, check, { method: 'POST', json: { currency: 'EUR' }, service: 'cart' })).status).toBe(200);
    expect((await api(base, `/internal/pricing/coupons/${code}/holds`, { method: 'POST', json: body })).status).toBe(201);
  });
});

describe('holds under concurrency', () => {
  it('a 100-use coupon, 150 concurrent holds: exactly 100 held, 50 COUPON_EXHAUSTED, never 101', async () => {
    const { code } = await createCoupon(base, { usageLimit: 100 });
    const answers = await Promise.all(Array.from({ length: 150 }, () => hold(base, code)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(100);
    expect(statuses.filter((s) => s === 409)).toHaveLength(50);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.error).toMatchObject({ code: 'COUPON_EXHAUSTED', details: { reason: 'exhausted' } });
    expect(await storedUsage(prisma, code)).toEqual({ used: 0, held: 100, consumedRows: 0, heldRows: 100, releasedRows: 0 });

    // Then the checkouts settle while 50 more race in: 70 consume, 30 release, 50 new holds.
    const won = answers.filter((a) => a.status === 201).map((a) => a.body.checkoutId as string);
    const settled = await Promise.all([
      ...won.slice(0, 70).map((id) => consume(base, id)),
      ...won.slice(70).map((id) => release(base, id)),
      ...Array.from({ length: 50 }, () => hold(base, code)),
    ]);
    expect(settled.slice(0, 100).every((a) => a.status === 200)).toBe(true);
    const late = settled.slice(100);
    const lateWins = late.filter((a) => a.status === 201).length;
    expect(late.every((a) => a.status === 201 || (a.status === 409 && a.body.error.code === 'COUPON_EXHAUSTED'))).toBe(true);
    expect(lateWins).toBeLessThanOrEqual(30);
    const after = await storedUsage(prisma, code);
    expect(after).toEqual({ used: 70, held: lateWins, consumedRows: 70, heldRows: lateWins, releasedRows: 30 });

    // Whatever uses are left can still be taken, to the last one, and no further.
    const fill = await Promise.all(Array.from({ length: 40 }, () => hold(base, code)));
    expect(fill.filter((a) => a.status === 201)).toHaveLength(30 - lateWins);
    const final = await storedUsage(prisma, code);
    expect(final.used + final.held).toBe(100);
    expect(final.consumedRows + final.heldRows).toBe(100);
  });

  it('50 concurrent checkouts hold → consume or release on a 20-use coupon: the counters match the holds and never pass the limit', async () => {
    const { code } = await createCoupon(base, { usageLimit: 20 });
    let sampling = true;
    const samples: number[] = [];
    const sampler = (async () => {
      while (sampling) {
        const c = await prisma.coupon.findUniqueOrThrow({ where: { code } });
        samples.push(c.used + c.held);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const held = await hold(base, code);
        if (held.status !== 201) return held.body.error.code as string;
        const settle = i % 3 === 0 ? await release(base, held.body.checkoutId) : await consume(base, held.body.checkoutId);
        expect(settle.status).toBe(200);
        return settle.body.status as string;
      }),
    );
    sampling = false;
    await sampler;
    const consumed = outcomes.filter((o) => o === 'consumed').length;
    const released = outcomes.filter((o) => o === 'released').length;
    expect(outcomes.every((o) => ['consumed', 'released', 'COUPON_EXHAUSTED'].includes(o))).toBe(true);
    expect(consumed).toBeGreaterThan(0);
    expect(consumed).toBeLessThanOrEqual(20);
    expect(await storedUsage(prisma, code)).toEqual({ used: consumed, held: 0, consumedRows: consumed, heldRows: 0, releasedRows: released });
    expect(Math.max(...samples)).toBeLessThanOrEqual(20);
  });

  it('per-customer limit under concurrency: 20 concurrent holds by one customer on a 2-per-customer coupon → exactly 2', async () => {
    const { code } = await createCoupon(base, { perCustomerLimit: 2 });
    const me = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => hold(base, code, { customerId: me })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(18);
    for (const r of refused) expect(r.body.error).toMatchObject({ code: 'COUPON_EXHAUSTED', details: { reason: 'customer_limit' } });
    // A consumed use still counts; a released one does not.
    const [first, second] = answers.filter((a) => a.status === 201).map((a) => a.body.checkoutId as string);
    await consume(base, first!);
    await release(base, second!);
    expect((await hold(base, code, { customerId: me })).status).toBe(201);
    expect((await hold(base, code, { customerId: me })).status).toBe(409);
    expect((await hold(base, code)).status).toBe(201); // someone else
  });
});

describe('cancelled orders', () => {
  it("gives a paid order's coupon use back when the shop cancels it, once however often the event comes", async () => {
    const { code } = await createCoupon(base, { perCustomerLimit: 1 });
    const me = randomUUID();
    const held = await hold(base, code, { customerId: me });
    const checkoutId = held.body.checkoutId as string;
    await consume(base, checkoutId);
    expect((await hold(base, code, { customerId: me })).status).toBe(409); // used up for this customer
    expect(await storedUsage(prisma, code)).toMatchObject({ used: 1, consumedRows: 1 });

    const redis = createRedis(testEnv());
    try {
      const bus = new EventBus({ redis, prefix: pricing.config.redisPrefix });
      const at = new Date().toISOString();
      const order = {
        id: randomUUID(), number: 'SO-000777', customerId: me, email: 'c@example.com', status: 'CANCELLED', currency: 'EUR',
        lines: [{ sku: 'TEE-M', name: 'Tee', quantity: 1, unitPrice: 2000, lineTotal: 2000 }],
        subtotal: 2000, discounts: [{ source: 'coupon', sourceId: code, label: code, reason: '10% off', amount: 200 }], discountTotal: 200, shipping: 0, total: 1800,
        shippingAddress: { name: 'C', line1: '1 Main St', city: 'Dublin', postalCode: 'D02 X285', country: 'IE' },
        cancelReason: 'customer asked', checkoutId, history: [], refunds: [], version: 3, createdAt: at, updatedAt: at,
      } as Order;
      const event = createEvent(OrderStatusChangedV1, { aggregateId: order.id, version: 3, source: 'pricing-tests', payload: { from: 'CONFIRMED', to: 'CANCELLED', reason: 'customer asked', actor: 'admin:x', order } });
      await bus.publish(event);
      await bus.publish(event); // redelivered
      await eventually(async () => expect(await storedUsage(prisma, code)).toMatchObject({ used: 0, consumedRows: 0, releasedRows: 1 }));
      // The customer may use it again; a second cancellation of the same checkout gives nothing more.
      await bus.publish(createEvent(OrderStatusChangedV1, { aggregateId: order.id, version: 4, source: 'pricing-tests', payload: { from: 'CONFIRMED', to: 'CANCELLED', reason: 'again', actor: 'admin:x', order } }));
      expect((await hold(base, code, { customerId: me })).status).toBe(201);
      await new Promise((r) => setTimeout(r, 500));
      expect(await storedUsage(prisma, code)).toMatchObject({ used: 0, held: 1 });
    } finally {
      redis.disconnect();
    }
  });
});

describe('idempotency', () => {
  it('replays a hold (one 201, then 200 with the same hold), counting it once, even when the replays race', async () => {
    const { code } = await createCoupon(base, { usageLimit: 5 });
    const body = { checkoutId: randomUUID(), customerId: randomUUID() };
    const answers = await Promise.all(Array.from({ length: 10 }, () => hold(base, code, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    for (const a of answers) expect(a.body).toMatchObject({ checkoutId: body.checkoutId, code, status: 'held' });
    expect(await storedUsage(prisma, code)).toMatchObject({ held: 1, heldRows: 1 });

    const reused = await hold(base, code, { checkoutId: body.checkoutId, customerId: randomUUID() });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('CONFLICT');
    const other = await createCoupon(base);
    expect((await hold(base, other.code, body)).status).toBe(409);
    expect(await storedUsage(prisma, other.code)).toMatchObject({ held: 0 });
  });

  it('consume and release are idempotent; a released hold cannot be consumed (409 COUPON_HOLD_RELEASED); an unknown one is 404', async () => {
    const { code } = await createCoupon(base, { usageLimit: 5 });
    const a = (await hold(base, code)).body.checkoutId as string;
    const bCustomer = randomUUID();
    const b = (await hold(base, code, { customerId: bCustomer })).body.checkoutId as string;
    const consumes = await Promise.all([consume(base, a), consume(base, a), consume(base, a)]);
    expect(consumes.map((r) => [r.status, r.body.status])).toEqual([
      [200, 'consumed'],
      [200, 'consumed'],
      [200, 'consumed'],
    ]);
    expect((await release(base, a)).body.status).toBe('consumed');
    expect((await release(base, b)).body.status).toBe('released');
    expect((await release(base, b)).body.status).toBe('released');
    const late = await consume(base, b);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'COUPON_HOLD_RELEASED', details: { checkoutId: b, code } });
    // The saga's replay of a released hold says so instead of holding again.
    const replay = await hold(base, code, { checkoutId: b, customerId: bCustomer });
    expect([replay.status, replay.body.status]).toEqual([200, 'released']);
    expect((await consume(base, randomUUID())).status).toBe(404);
    expect(await storedUsage(prisma, code)).toEqual({ used: 1, held: 0, consumedRows: 1, heldRows: 0, releasedRows: 1 });
  });
});

describe('refusals and the cart check', () => {
  it('400 COUPON_INVALID naming why: unknown, not started, expired; bad input 400 naming the field', async () => {
    const unknown = await hold(base, freshCode('none'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.reason).toBe('unknown');
    const later = await createCoupon(base, { startsAt: inMs(3_600_000) });
    expect((await hold(base, later.code)).body.error.details.reason).toBe('not_started');
    // A coupon whose window has closed already is refused when created; one that closes later expires.
    const closed = await api(base, '/api/admin/coupons', { method: 'POST', json: { code: freshCode('closed'), discount: { percentOff: 10 }, endsAt: inMs(-3_600_000) }, as: admin });
    expect(closed.status).toBe(400);
    expect(closed.body.error.details).toEqual([{ field: 'endsAt', reason: 'must be in the future (the coupon would never apply)' }]);
    const ended = await createCoupon(base, { startsAt: inMs(-7_200_000), endsAt: inMs(1_000) });
    clock.advance(1_000);
    const expired = await hold(base, ended.code);
    expect(expired.status).toBe(400);
    expect(expired.body.error).toMatchObject({ code: 'COUPON_INVALID', details: { reason: 'expired' } });
    expect(expired.body.error.message).toMatch(/expired/);
    const bad = await api(base, `/internal/pricing/coupons/${later.code}/holds`, { method: 'POST', json: { checkoutId: 'nope', customerId: 'x' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('checkoutId');
  });

  it('the check answers the discount, or why not (currency, used up, this customer has used it)', async () => {
    const { code } = await createCoupon(base, { discount: { amountOff: { amount: 500, currency: 'EUR' } }, usageLimit: 2, perCustomerLimit: 1 });
    const check = (json: object) => api(base, `/internal/pricing/coupons/${code}/check`, { method: 'POST', json, service: 'cart' });
    expect((await check({ currency: 'EUR' })).body).toEqual({ code, discount: { amountOff: { amount: 500, currency: 'EUR' } }, endsAt: null });
    expect((await check({ currency: 'USD' })).body.error.details).toEqual({ code, reason: 'currency' });
    const me = randomUUID();
    await hold(base, code, { customerId: me });
    expect((await check({ currency: 'EUR', customerId: me })).body.error.details.reason).toBe('customer_limit');
    await hold(base, code);
    expect((await check({ currency: 'EUR' })).body.error.details.reason).toBe('exhausted');
    // The check held nothing.
    expect(await storedUsage(prisma, code)).toMatchObject({ held: 2 });
  });
});

describe('expiry sweep', () => {
  it('releases holds of checkouts that died: their uses come back, and they can no longer be consumed', async () => {
    const { code } = await createCoupon(base, { usageLimit: 2 });
    const dying = await hold(base, code, { ttlSeconds: 60 });
    const living = await hold(base, code, { ttlSeconds: 3600 });
    expect((await hold(base, code)).status).toBe(409);
    clock.advance(61_000);
    await eventually(async () => expect(await storedUsage(prisma, code)).toMatchObject({ held: 1, heldRows: 1, releasedRows: 1 }));
    expect((await consume(base, dying.body.checkoutId)).body.error.code).toBe('COUPON_HOLD_RELEASED');
    expect((await consume(base, living.body.checkoutId)).body.status).toBe('consumed');
    expect((await hold(base, code)).status).toBe(201);
    expect(await storedUsage(prisma, code)).toMatchObject({ used: 1, held: 1 });
  });
});
