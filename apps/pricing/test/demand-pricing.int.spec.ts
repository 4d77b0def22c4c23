import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReservationCommittedV1, ReservationReservedV1, type Clock, type DemandPriceChange, type DemandRule } from '@shop/contracts';
import { createEvent, EventBus, streamKey } from '@shop/messaging';
import { createPrismaClient, type PrismaClient } from '@shop/persistence';
import { BuiltService, eventually, fetchJson, freePort, storeEnv, testEnv, type FetchJsonInit, type TestIdentity } from '@shop/testing';
import { startPricing, type RunningPricing } from '../src/pricing-app.js';
import { PricingEnv, pricingConfigFrom } from '../src/config.js';

/**
 * Demand pricing end to end on real parts: the built catalog (list prices), Postgres and Redis
 * streams. Committed-reservation events are published on inventory's stream, the rule is
 * evaluated at times a test clock sets, and its price is read as the quote reads it.
 */
const ADMIN: TestIdentity = { userId: '00000000-0000-4000-8000-00000000ad01', role: 'admin' };
const CUSTOMER: TestIdentity = { userId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', role: 'customer' };

class TestClock implements Clock {
  constructor(private at: number) {}
  now = () => new Date(this.at);
  advanceMinutes(m: number) {
    this.at += m * 60_000;
  }
}

const stores = storeEnv();
const clock = new TestClock(Date.parse('2026-12-05T10:00:00.000Z'));
let catalog: BuiltService;
let pricing: RunningPricing;
let prisma: PrismaClient;
let redis: Redis;
let bus: EventBus;

function api(path: string, init: FetchJsonInit & { as?: TestIdentity | null } = {}) {
  const { as, ...rest } = init;
  const caller = as === undefined ? ADMIN : as;
  return fetchJson(pricing.url + path, { ...rest, identity: caller ?? undefined });
}

async function createProduct(sku: string, amount: number) {
  const res = await fetchJson(`${catalog.url}/api/admin/products`, {
    method: 'POST',
    identity: ADMIN,
    json: { title: `Demand Tee ${sku}`, status: 'active', variants: [{ sku, attributes: { size: 'M' }, price: { amount, currency: 'EUR' } }] },
  });
  expect(res.status, res.text).toBe(201);
}

let skuCounter = 0;
const newSku = () => `DEM-${Date.now().toString(36).toUpperCase()}-${skuCounter++}`;

function ruleBody(sku: string, overrides: Record<string, unknown> = {}) {
  return { sku, floor: 1500, ceiling: 2200, stepPercent: 5, intervalMinutes: 15, raiseAbovePerHour: 30, lowerBelowPerHour: 10, ...overrides };
}

async function createRule(sku: string, overrides: Record<string, unknown> = {}): Promise<DemandRule> {
  const res = await api('/api/admin/demand-rules', { method: 'POST', json: ruleBody(sku, overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body as DemandRule;
}

/** Publishes committed reservations on inventory's stream, as inventory's outbox relay does. */
async function commit(items: { sku: string; quantity: number }[], at: Date) {
  const reservationId = `r0_${crypto.randomUUID()}`;
  const event = createEvent(ReservationCommittedV1, {
    aggregateId: reservationId,
    version: 3,
    payload: { reservationId, items, customerId: null },
    source: 'inventory',
    occurredAt: at,
  });
  await bus.publish(event);
  return event;
}

async function unitsRecorded(sku: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ units: bigint | null }[]>`SELECT sum(units) AS units FROM pricing.demand_sales_minute WHERE sku = ${sku}`;
  return Number(row?.units ?? 0);
}

async function changesOf(id: string): Promise<DemandPriceChange[]> {
  const res = await api(`/api/admin/demand-rules/${id}/changes`);
  expect(res.status).toBe(200);
  return res.body.items as DemandPriceChange[];
}

beforeAll(async () => {
  const catalogPort = await freePort();
  catalog = new BuiltService('catalog', catalogPort, { ...stores, CATALOG_PORT: String(catalogPort) });
  await catalog.start();
  const config = pricingConfigFrom(
    PricingEnv.parse({
      PRICING_PORT: 0,
      ...stores,
      CATALOG_URL: catalog.url,
      PRICING_QUOTE_SECRET: randomBytes(32).toString('hex'),
      // The test runs each evaluation pass itself, at the clock's time.
      DEMAND_EVALUATION_EVERY_MS: 3_600_000,
    }),
  );
  pricing = await startPricing(config, { clock, handleSignals: false });
  prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl, applicationName: 'pricing-test' });
  redis = new Redis(testEnv().redisUrl);
  bus = new EventBus({ redis, prefix: stores.REDIS_PREFIX });
});

afterAll(async () => {
  await pricing?.close();
  await catalog?.stop();
  await prisma?.$disconnect();
  redis?.disconnect();
});

describe('demand rules: admin routes', () => {
  it('refuse anonymous callers (401) and customers (403) on every route, and change nothing', async () => {
    const sku = newSku();
    const rule = await createRule(sku);
    const refusedSku = newSku();
    const attempts: [string, string, unknown][] = [
      ['POST', '/api/admin/demand-rules', ruleBody(refusedSku)],
      ['GET', '/api/admin/demand-rules', undefined],
      ['GET', `/api/admin/demand-rules/${rule.id}`, undefined],
      ['PATCH', `/api/admin/demand-rules/${rule.id}`, { enabled: false }],
      ['GET', `/api/admin/demand-rules/${rule.id}/changes`, undefined],
    ];
    for (const [method, path, json] of attempts) {
      expect((await api(path, { method, json, as: null })).status, `${method} ${path} anonymous`).toBe(401);
      expect((await api(path, { method, json, as: CUSTOMER })).status, `${method} ${path} customer`).toBe(403);
    }
    expect((await api(`/api/admin/demand-rules/${rule.id}`)).body.enabled).toBe(true);
    const skus = ((await api('/api/admin/demand-rules')).body.items as DemandRule[]).map((r) => r.sku);
    expect(skus).toContain(sku);
    expect(skus).not.toContain(refusedSku);
  });

  it('refuses bad input with 400 naming the field, and a second rule for a SKU with 409', async () => {
    const sku = newSku();
    const inverted = await api('/api/admin/demand-rules', { method: 'POST', json: ruleBody(sku, { floor: 3000, ceiling: 2000 }) });
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.details.map((d: { field: string }) => d.field)).toContain('ceiling');
    const fractional = await api('/api/admin/demand-rules', { method: 'POST', json: ruleBody(sku, { floor: 15.5, stepPercent: 80 }) });
    expect(fractional.status).toBe(400);
    expect(fractional.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['floor', 'stepPercent']));
    const badPatch = await api(`/api/admin/demand-rules/${crypto.randomUUID()}`, { method: 'PATCH', json: { enabled: 'no' } });
    expect(badPatch.status).toBe(400);
    expect((await api('/api/admin/demand-rules')).body.items.some((r: DemandRule) => r.sku === sku)).toBe(false);

    await createRule(sku);
    const twice = await api('/api/admin/demand-rules', { method: 'POST', json: ruleBody(sku) });
    expect(twice.status).toBe(409);
    expect((await api(`/api/admin/demand-rules/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await api('/api/admin/demand-rules/not-a-uuid')).status).toBe(400);
  });
});

describe('the benchmark baseline', () => {
  it('is not mounted unless PRICING_NAIVE_BASELINE=true', async () => {
    const res = await api('/api/pricing/naive/quote', { method: 'POST', json: { lines: [{ sku: newSku(), quantity: 1 }] }, as: null });
    expect(res.status).toBe(404);
  });
});

describe('demand pricing from committed reservations', () => {
  it('counts a committed reservation once however often it arrives, its lines of one SKU added up, and records nothing for the other events of the stream', async () => {
    const sku = newSku();
    await createProduct(sku, 1000);
    await createRule(sku);
    const at = new Date(clock.now().getTime() + 60_000);
    const twoLines = await commit([{ sku, quantity: 1 }, { sku, quantity: 2 }], at);
    await bus.publish(twoLines);
    // Not a committed reservation: no effect, and no processed-event row either.
    const made = createEvent(ReservationReservedV1, {
      aggregateId: `r0_${crypto.randomUUID()}`,
      version: 1,
      payload: { reservationId: `r0_${crypto.randomUUID()}`, items: [{ sku, quantity: 50 }], customerId: null, expiresAt: at.toISOString() },
      source: 'inventory',
    });
    await bus.publish(made);
    const marker = await commit([{ sku, quantity: 4 }], at);
    await eventually(async () => expect(await unitsRecorded(sku)).toBe(7));
    const recorded = await prisma.$queryRaw<{ event_id: string }[]>`
      SELECT event_id::text FROM messaging.processed_event WHERE event_id IN (${twoLines.eventId}::uuid, ${made.eventId}::uuid, ${marker.eventId}::uuid)`;
    expect(recorded.map((r) => r.event_id).sort()).toEqual([twoLines.eventId, marker.eventId].sort());
  });

  it('moves the price within its bounds, logs every change, evaluates once under concurrency, and obeys the kill switch', async () => {
    const sku = newSku();
    const other = newSku();
    await createProduct(sku, 2000);
    const rule = await createRule(sku, { ceiling: 2150 });
    expect(rule.currentPrice).toBeNull();
    // Pricing learns the list price from the catalog's events.
    await eventually(async () => expect((await pricing.quotes.prices([sku])).items).toHaveLength(1));

    // First evaluation, nothing sold: starts from the list price and lowers it one step.
    const [first] = await pricing.demand.evaluateDue().then((all) => all.filter((e) => e.ruleId === rule.id));
    expect(first?.decision).toMatchObject({ kind: 'evaluated', from: 2000, to: 1900, changed: true });
    expect((await pricing.demandPrices.currentFor([sku])).get(sku)?.amount).toBe(1900);

    // 12 units in the window (one event delivered twice, one for a SKU without a rule).
    const duplicate = await commit([{ sku, quantity: 2 }], new Date(clock.now().getTime() + 5 * 60_000));
    await bus.publish(duplicate);
    for (let i = 0; i < 5; i++) await commit([{ sku, quantity: 2 }, { sku: other, quantity: 7 }], new Date(clock.now().getTime() + (6 + i) * 60_000));
    await eventually(async () => expect(await unitsRecorded(sku)).toBe(12));
    expect(await unitsRecorded(other)).toBe(0);

    // Not due before its interval.
    clock.advanceMinutes(14);
    expect((await pricing.demand.evaluateDue()).filter((e) => e.ruleId === rule.id)).toEqual([]);

    // Due: 12 units over 15 minutes is 48/h, above 30/h. Five passes race; one evaluates.
    clock.advanceMinutes(1);
    const passes = await Promise.all(Array.from({ length: 5 }, () => pricing.demand.evaluateDue()));
    const raised = passes.flat().filter((e) => e.ruleId === rule.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]!.decision).toMatchObject({ from: 1900, to: 1995, sellThroughPerHour: 48, direction: 'raise' });
    let changes = await changesOf(rule.id);
    expect(changes.map((c) => [c.from, c.to])).toEqual([[1900, 1995], [2000, 1900]]);
    expect(changes[0]!.reason).toBe('sold 48/h over the last 15 min, above 30/h: +5% to 1,995');

    // Keep selling fast: the price climbs to the ceiling and stays there.
    for (let step = 0; step < 6; step++) {
      const before = await unitsRecorded(sku);
      await commit([{ sku, quantity: 20 }], new Date(clock.now().getTime() + 60_000));
      await eventually(async () => expect(await unitsRecorded(sku)).toBe(before + 20));
      clock.advanceMinutes(15);
      await pricing.demand.evaluateDue();
      const price = (await pricing.demandPrices.currentFor([sku])).get(sku)!.amount;
      expect(price).toBeGreaterThanOrEqual(1500);
      expect(price).toBeLessThanOrEqual(2150);
    }
    expect((await pricing.demandPrices.currentFor([sku])).get(sku)?.amount).toBe(2150);
    changes = await changesOf(rule.id);
    expect(changes[0]).toMatchObject({ from: 2095, to: 2150 });
    expect(changes[0]!.reason).toContain('capped at the ceiling');
    for (const c of changes) {
      expect(c.to).toBeGreaterThanOrEqual(1500);
      expect(c.to).toBeLessThanOrEqual(2150);
    }

    // Every change was announced through the outbox on events.pricing.
    await eventually(async () => {
      const entries = await redis.xrange(streamKey(stores.REDIS_PREFIX, 'events.pricing'), '-', '+');
      // Other suites of this run publish flash-sale events on the same stream: only price changes name SKUs.
      const mine = entries
        .map(([, fields]) => JSON.parse(fields[fields.indexOf('envelope') + 1]!))
        .filter((e) => e.eventType === 'pricing.price.changed.v1' && e.payload.skus.includes(sku));
      expect(mine.map((e) => e.eventType)).toEqual(changes.map(() => 'pricing.price.changed.v1'));
    });

    // Kill switch: the rule's price stops applying at once, logged; later passes leave it alone.
    const off = await api(`/api/admin/demand-rules/${rule.id}`, { method: 'PATCH', json: { enabled: false } });
    expect(off.status).toBe(200);
    expect(off.body.enabled).toBe(false);
    expect((await pricing.demandPrices.currentFor([sku])).has(sku)).toBe(false);
    const [killed] = await changesOf(rule.id);
    expect(killed).toMatchObject({ from: 2150, to: 2000, reason: 'kill switch: rule disabled by an admin, the list price applies' });
    const logged = (await changesOf(rule.id)).length;
    clock.advanceMinutes(30);
    expect((await pricing.demand.evaluateDue()).filter((e) => e.ruleId === rule.id)).toEqual([]);
    expect(await changesOf(rule.id)).toHaveLength(logged);

    // Re-enabled, it starts again from the list price at its next evaluation.
    const on = await api(`/api/admin/demand-rules/${rule.id}`, { method: 'PATCH', json: { enabled: true } });
    expect(on.body).toMatchObject({ enabled: true, currentPrice: null });
    const [again] = (await pricing.demand.evaluateDue()).filter((e) => e.ruleId === rule.id);
    expect(again?.decision).toMatchObject({ kind: 'evaluated', from: 2000 });
  });
});
