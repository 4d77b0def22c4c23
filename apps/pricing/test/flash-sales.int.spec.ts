import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdminFlashSalePage, FlashSale, FlashSaleAnswer, FlashSaleList } from '@shop/contracts';
import { createPrismaClient } from '@shop/persistence';
import { eventually, fetchJson, serviceHeaders, testEnv } from '@shop/testing';
import { FlashSaleRepository } from '../src/adapters/flash-sale.repository.js';
import { FlashSalePlatform, saleBody } from './flash-sales-harness.js';

/**
 * Flash sales against the real catalog and inventory processes, real Postgres and Redis; the
 * pricing service in this process with a clock the test pins to exact instants.
 */
const platform = new FlashSalePlatform();

beforeAll(async () => {
  await platform.start();
}, 120_000);
afterAll(async () => {
  await platform.stop();
});
afterEach(() => {
  platform.clock.release();
});

async function schedule(sku: string, overrides: Record<string, unknown> = {}): Promise<FlashSale> {
  const res = await platform.api('/api/admin/flash-sales', { method: 'POST', json: saleBody(sku, overrides) });
  expect(res.status, res.text).toBe(201);
  return FlashSale.parse(res.body);
}

async function engineLimit(sku: string) {
  return platform.inventoryApi(`/api/admin/inventory/${sku}/sale-limit`);
}

async function publicItem(id: string) {
  const res = await platform.api('/api/flash-sales');
  expect(res.status, res.text).toBe(200);
  return FlashSaleList.parse(res.body).items.find((i) => i.id === id);
}

describe('scheduling a flash sale', () => {
  it('answers 201 scheduled with the product and sets the engine’s sale limit: units, per customer, window', async () => {
    const sku = await platform.product(1990, 100);
    const sale = await schedule(sku, { units: 40, perCustomerLimit: 3 });
    expect(sale).toMatchObject({
      sku,
      status: 'scheduled',
      salePrice: { amount: 990, currency: 'EUR' },
      listPrice: { amount: 1990, currency: 'EUR' },
      unitsTotal: 40,
      unitsRemaining: 40,
      unitsSold: 0,
      perCustomerLimit: 3,
      cancelledAt: null,
    });
    expect(sale.title).toContain('Flash Tee');

    const limit = await engineLimit(sku);
    expect(limit.status, limit.text).toBe(200);
    expect(limit.body).toMatchObject({ sku, perCustomer: 3, units: 40, unitsTaken: 0, unitsRemaining: 40 });
    expect(Date.parse(limit.body.startsAt)).toBe(Date.parse(sale.startsAt));
    expect(Date.parse(limit.body.endsAt)).toBe(Date.parse(sale.endsAt));
    expect(await platform.eventCount(sale.id, 'pricing.flash-sale.scheduled.v1')).toBe(1);

    const one = await platform.api(`/api/admin/flash-sales/${sale.id}`);
    expect(one.status).toBe(200);
    expect(FlashSale.parse(one.body)).toMatchObject({ id: sale.id, status: 'scheduled' });
    const list = await platform.api('/api/admin/flash-sales');
    expect(list.body.items.map((s: FlashSale) => s.id)).toContain(sale.id);
  });

  it('refuses impossible terms with 400 naming the field, and stores nothing', async () => {
    const sku = await platform.product(1990, 20);
    const now = Date.now();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ sku: 'NO-SUCH-SKU-1' }, 'sku'],
      [{ endsAt: new Date(now + 1_800_000).toISOString() }, 'endsAt'],
      [{ startsAt: new Date(now - 60_000).toISOString() }, 'startsAt'],
      [{ salePrice: { amount: 0, currency: 'EUR' } }, 'salePrice.amount'],
      [{ salePrice: { amount: -5, currency: 'EUR' } }, 'salePrice.amount'],
      [{ salePrice: { amount: 990, currency: 'USD' } }, 'salePrice.currency'],
      [{ units: 21 }, 'units'],
      [{ units: 2.5 }, 'units'],
      [{ perCustomerLimit: 11 }, 'perCustomerLimit'],
      [{ extra: true }, 'extra'],
    ];
    for (const [overrides, field] of cases) {
      const res = await platform.api('/api/admin/flash-sales', { method: 'POST', json: saleBody(sku, overrides) });
      expect(res.status, `${JSON.stringify(overrides)}: ${res.text}`).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { field: string }) => d.field), JSON.stringify(overrides)).toContain(field);
    }
    const { rows } = await platform.db.query('SELECT id FROM pricing.flash_sale WHERE sku = $1', [sku]);
    expect(rows).toEqual([]);
    expect((await engineLimit(sku)).status).toBe(404);
  });

  it('refuses a sale of the same SKU whose window overlaps, and takes one that starts where the other ends', async () => {
    const sku = await platform.product(1990, 50);
    const first = await schedule(sku);
    const overlapping = await platform.api('/api/admin/flash-sales', {
      method: 'POST',
      json: saleBody(sku, { startsAt: new Date(Date.parse(first.endsAt) - 1000).toISOString(), endsAt: new Date(Date.parse(first.endsAt) + 3_600_000).toISOString() }),
    });
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.error.details).toEqual([{ field: 'startsAt', reason: `overlaps flash sale ${first.id} of the same SKU` }]);

    // Ten racing requests for the same window: exactly one wins (the check runs under a per-SKU lock).
    const racing = await Promise.all(
      Array.from({ length: 10 }, () =>
        platform.api('/api/admin/flash-sales', { method: 'POST', json: saleBody(sku, { startsAt: first.endsAt, endsAt: new Date(Date.parse(first.endsAt) + 3_600_000).toISOString() }) }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(400)]);
    // The engine keeps the earlier sale's limit until that one ends.
    expect((await engineLimit(sku)).body).toMatchObject({ units: first.unitsTotal, startsAt: first.startsAt });
  });

  it('changes and cancels only while scheduled; the engine’s limit follows, and cancel removes it', async () => {
    const sku = await platform.product(1990, 100);
    const sale = await schedule(sku);
    const patched = await platform.api(`/api/admin/flash-sales/${sale.id}`, { method: 'PATCH', json: { units: 25, perCustomerLimit: 5 } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ unitsTotal: 25, perCustomerLimit: 5, status: 'scheduled' });
    expect((await engineLimit(sku)).body).toMatchObject({ units: 25, perCustomer: 5 });

    const tooMany = await platform.api(`/api/admin/flash-sales/${sale.id}`, { method: 'PATCH', json: { units: 101 } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].field).toBe('units');

    const cancelled = await platform.api(`/api/admin/flash-sales/${sale.id}/cancel`, { method: 'POST' });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect(cancelled.body.cancelledAt).not.toBeNull();
    expect((await engineLimit(sku)).status).toBe(404);
    expect(await platform.eventCount(sale.id, 'pricing.flash-sale.cancelled.v1')).toBe(1);

    const again = await platform.api(`/api/admin/flash-sales/${sale.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('FLASH_SALE_NOT_SCHEDULED');
    expect((await platform.api(`/api/admin/flash-sales/${sale.id}`, { method: 'PATCH', json: { units: 3 } })).status).toBe(409);
    // Shoppers never see a cancelled sale.
    expect(await publicItem(sale.id)).toBeUndefined();
    expect((await platform.api(`/api/flash-sales/${sale.id}`)).status).toBe(404);

    const started = await schedule(sku);
    platform.clock.pin(new Date(started.startsAt));
    const late = await platform.api(`/api/admin/flash-sales/${started.id}`, { method: 'PATCH', json: { units: 3 } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('FLASH_SALE_NOT_SCHEDULED');
    expect((await platform.api(`/api/admin/flash-sales/${started.id}/cancel`, { method: 'POST' })).status).toBe(409);
  });

  it('repairs the engine’s limit when the process stopped between storing the sale and configuring inventory', async () => {
    const sku = await platform.product(1990, 30);
    const sale = await schedule(sku, { units: 12 });
    // The state a crash right after the commit leaves: stored, limit never applied.
    const removed = await platform.inventoryApi(`/api/admin/inventory/${sku}/sale-limit`, { method: 'DELETE' });
    expect([200, 204]).toContain(removed.status);
    await platform.db.query('UPDATE pricing.flash_sale SET limit_applied_version = NULL WHERE id = $1', [sale.id]);

    await eventually(async () => {
      const limit = await engineLimit(sku);
      expect(limit.status).toBe(200);
      expect(limit.body).toMatchObject({ units: 12, perCustomer: 2 });
    });
    await eventually(async () => {
      const { rows } = await platform.db.query('SELECT limit_applied_version FROM pricing.flash_sale WHERE id = $1', [sale.id]);
      expect(rows[0].limit_applied_version).toBe(1);
    });
  });
});

describe('the public view', () => {
  it('shows live units decreasing as shoppers hold them, then sold out with its event emitted once', async () => {
    const sku = await platform.product(2500, 50);
    const startsAt = Date.now() + 1500;
    const sale = await schedule(sku, { units: 3, perCustomerLimit: 1, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3_600_000).toISOString() });
    expect(await publicItem(sale.id)).toMatchObject({ status: 'scheduled', unitsRemaining: 3, unitsTotal: 3, listPrice: { amount: 2500 }, salePrice: { amount: 990 } });
    await sleep(Math.max(0, startsAt - Date.now() + 50));

    for (const remaining of [2, 1, 0]) {
      const hold = await platform.hold(sku, randomUUID());
      expect(hold.status, hold.text).toBe(201);
      await eventually(async () => expect((await publicItem(sale.id))?.unitsRemaining).toBe(remaining));
    }
    const one = await platform.api(`/api/flash-sales/${sale.id}`);
    expect(one.status).toBe(200);
    expect(FlashSaleAnswer.parse(one.body)).toMatchObject({ status: 'sold_out', unitsRemaining: 0 });
    expect((await platform.hold(sku, randomUUID())).status).toBe(409);

    await eventually(async () => expect(await platform.eventCount(sale.id, 'pricing.flash-sale.sold-out.v1')).toBe(1));
    await sleep(400); // several sweeps later
    expect(await platform.eventCount(sale.id, 'pricing.flash-sale.sold-out.v1')).toBe(1);
    const admin = await platform.api(`/api/admin/flash-sales/${sale.id}`);
    expect(admin.body).toMatchObject({ status: 'sold_out', unitsSold: 3, unitsRemaining: 0 });
  });

  it('answers the server time, live and upcoming sales before ended ones, and ended ones of the last day only', async () => {
    const sku = await platform.product(1990, 20);
    const soon = await schedule(sku, { units: 5 });
    const later = await schedule(sku, { units: 5, startsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(), endsAt: new Date(Date.now() + 4 * 3_600_000).toISOString() });
    const at = new Date(Date.parse(soon.startsAt) + 1000);
    platform.clock.pin(at);
    const res = await platform.api('/api/flash-sales');
    const list = FlashSaleList.parse(res.body);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(list.serverTime).toBe(at.toISOString());
    const mine = list.items.filter((i) => i.sku === sku);
    expect(mine.map((i) => [i.id, i.status])).toEqual([
      [soon.id, 'live'],
      [later.id, 'scheduled'],
    ]);
    platform.clock.pin(new Date(Date.parse(later.endsAt) + 3_600_000));
    const afterBoth = FlashSaleList.parse((await platform.api('/api/flash-sales')).body).items.filter((i) => i.sku === sku);
    expect(afterBoth.map((i) => [i.id, i.status])).toEqual([
      [later.id, 'ended'],
      [soon.id, 'ended'],
    ]);
    platform.clock.pin(new Date(Date.parse(later.endsAt) + 25 * 3_600_000));
    expect(FlashSaleList.parse((await platform.api('/api/flash-sales')).body).items.filter((i) => i.sku === sku)).toEqual([]);
  });
});

describe('life events at the exact instant', () => {
  it('emits started at the start’s millisecond and ended at the end’s, each once, and publishes them', async () => {
    const sku = await platform.product(1990, 20);
    const sale = await schedule(sku, { units: 5 });
    const startsAt = new Date(sale.startsAt);
    const endsAt = new Date(sale.endsAt);

    platform.clock.pin(new Date(startsAt.getTime() - 1));
    await sleep(300);
    expect(await platform.eventCount(sale.id, 'pricing.flash-sale.started.v1')).toBe(0);
    expect((await platform.api(`/api/flash-sales/${sale.id}`)).body.status).toBe('scheduled');

    platform.clock.pin(startsAt);
    expect((await platform.api(`/api/flash-sales/${sale.id}`)).body.status).toBe('live');
    await eventually(async () => expect(await platform.eventCount(sale.id, 'pricing.flash-sale.started.v1')).toBe(1));

    platform.clock.pin(new Date(endsAt.getTime() - 1));
    await sleep(300);
    expect(await platform.eventCount(sale.id, 'pricing.flash-sale.started.v1')).toBe(1);
    expect(await platform.eventCount(sale.id, 'pricing.flash-sale.ended.v1')).toBe(0);

    platform.clock.pin(endsAt);
    expect((await platform.api(`/api/flash-sales/${sale.id}`)).body.status).toBe('ended');
    await eventually(async () => expect(await platform.eventCount(sale.id, 'pricing.flash-sale.ended.v1')).toBe(1));
    await sleep(300);
    for (const type of ['scheduled', 'started', 'ended']) expect(await platform.eventCount(sale.id, `pricing.flash-sale.${type}.v1`), type).toBe(1);

    const { rows } = await platform.db.query<{ event_type: string; version: number; occurred: string; published: boolean }>(
      `SELECT event_type, (envelope->>'version')::int AS version, envelope->>'occurredAt' AS occurred, published_at IS NOT NULL AS published
         FROM messaging.outbox_event WHERE aggregate_id = $1 ORDER BY id`,
      [sale.id],
    );
    expect(rows.map((r) => [r.event_type, r.version, r.occurred])).toEqual([
      ['pricing.flash-sale.scheduled.v1', 1, expect.any(String)],
      ['pricing.flash-sale.started.v1', 2, startsAt.toISOString()],
      ['pricing.flash-sale.ended.v1', 3, endsAt.toISOString()],
    ]);
    await eventually(async () => {
      const { rows: published } = await platform.db.query('SELECT 1 FROM messaging.outbox_event WHERE aggregate_id = $1 AND published_at IS NULL', [sale.id]);
      expect(published).toEqual([]);
    });
  });
});

describe('the admin list in server pages', () => {
  it('walks every sale once, latest start first, by keyset pages; refuses a bad cursor or limit naming the field', async () => {
    const sku = await platform.product(1990, 60);
    const base = Date.now() + 10 * 3_600_000;
    const mine: FlashSale[] = [];
    for (let i = 0; i < 3; i++) {
      mine.push(await schedule(sku, { units: 2, startsAt: new Date(base + i * 3_600_000).toISOString(), endsAt: new Date(base + (i + 1) * 3_600_000).toISOString() }));
    }
    const seen: FlashSale[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await platform.api(`/api/admin/flash-sales?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status, res.text).toBe(200);
      const page = AdminFlashSalePage.parse(res.body);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 500);
    expect(cursor).toBeNull();
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    const { rows } = await platform.db.query<{ n: string }>('SELECT count(*) AS n FROM pricing.flash_sale');
    expect(seen.length).toBe(Number(rows[0]!.n));
    const order = seen.map((s) => [Date.parse(s.startsAt), s.id] as const);
    const sorted = [...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(order).toEqual(sorted);
    expect(seen.filter((s) => s.sku === sku).map((s) => s.id)).toEqual(mine.map((s) => s.id).reverse());

    const bad = await platform.api('/api/admin/flash-sales?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_CURSOR');
    const tooMany = await platform.api('/api/admin/flash-sales?limit=500');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].field).toBe('limit');
  });
});

describe('stopping a live sale (the emergency stop)', () => {
  /** A stop by this admin (the gateway's identity headers of an admin with this user id). */
  function stopAs(id: string, admin: string) {
    return fetchJson(`${platform.url}/api/admin/flash-sales/${id}/stop`, { method: 'POST', identity: { userId: admin, role: 'admin' } });
  }

  async function quotedLine(sku: string) {
    const res = await platform.api('/api/pricing/quote', { method: 'POST', anonymous: true, json: { lines: [{ sku, quantity: 1 }] } });
    expect(res.status, res.text).toBe(200);
    return res.body.lines[0] as { unitPrice: { amount: number }; priceSource: string; flashSaleId?: string };
  }

  it('ends it at that instant: ended with who and when, list price quoted, the engine’s limit removed, ended emitted once', async () => {
    const sku = await platform.product(1990, 30);
    const sale = await schedule(sku, { units: 8 });
    const stopAt = new Date(Date.parse(sale.startsAt) + 60_000);
    platform.clock.pin(stopAt);
    expect((await platform.api(`/api/admin/flash-sales/${sale.id}`)).body.status).toBe('live');
    expect(await quotedLine(sku)).toMatchObject({ unitPrice: { amount: 990 }, priceSource: 'flash_sale', flashSaleId: sale.id });
    expect((await engineLimit(sku)).status).toBe(200);

    const admin = randomUUID();
    const stopped = await stopAs(sale.id, admin);
    expect(stopped.status, stopped.text).toBe(200);
    expect(FlashSale.parse(stopped.body)).toMatchObject({
      status: 'ended',
      stoppedAt: stopAt.toISOString(),
      stoppedBy: admin,
      endsAt: stopAt.toISOString(),
      plannedEndsAt: sale.endsAt,
      cancelledAt: null,
    });
    // From that instant: the list price, and no limit of the sale left in the engine.
    expect(await quotedLine(sku)).toMatchObject({ unitPrice: { amount: 1990 }, priceSource: 'list' });
    expect((await quotedLine(sku)).flashSaleId).toBeUndefined();
    expect((await engineLimit(sku)).status).toBe(404);
    expect((await platform.api(`/api/flash-sales/${sale.id}`)).body).toMatchObject({ status: 'ended', endsAt: stopAt.toISOString() });

    // Stopping twice is one stop: the same answer, no second event, the sweep adds none either.
    const again = await stopAs(sale.id, randomUUID());
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ status: 'ended', stoppedAt: stopAt.toISOString(), stoppedBy: admin });
    await sleep(300);
    const { rows } = await platform.db.query<{ event_type: string; version: number; occurred: string }>(
      `SELECT event_type, (envelope->>'version')::int AS version, envelope->>'occurredAt' AS occurred
         FROM messaging.outbox_event WHERE aggregate_id = $1 ORDER BY id`,
      [sale.id],
    );
    // The sweep may have recorded the start before the stop or the stop records it: once either way, first.
    expect(rows.map((r) => [r.event_type, r.version, r.occurred])).toEqual([
      ['pricing.flash-sale.scheduled.v1', 1, expect.any(String)],
      ['pricing.flash-sale.started.v1', 2, sale.startsAt],
      ['pricing.flash-sale.ended.v1', 3, stopAt.toISOString()],
    ]);
  });

  it('stops a sale whose start the sweep has not recorded yet, emitting started then ended', async () => {
    const sku = await platform.product(1990, 30);
    const sale = await schedule(sku, { units: 4 });
    // The sweep may not have run at the new instant: stop in the same breath as the clock moves.
    await platform.db.query('UPDATE pricing.flash_sale SET started_at = NULL WHERE id = $1', [sale.id]);
    platform.clock.pin(new Date(sale.startsAt));
    const stopped = await platform.api(`/api/admin/flash-sales/${sale.id}/stop`, { method: 'POST' });
    expect(stopped.status, stopped.text).toBe(200);
    await sleep(300);
    expect(await platform.eventCount(sale.id, 'pricing.flash-sale.started.v1')).toBe(1);
    expect(await platform.eventCount(sale.id, 'pricing.flash-sale.ended.v1')).toBe(1);
  });

  it('refuses a sale that is not open with 409 FLASH_SALE_NOT_LIVE and changes nothing; an unknown id is 404', async () => {
    const sku = await platform.product(1990, 30);
    const sale = await schedule(sku, { units: 4 });
    const early = await platform.api(`/api/admin/flash-sales/${sale.id}/stop`, { method: 'POST' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'FLASH_SALE_NOT_LIVE', details: { status: 'scheduled' } });
    expect((await platform.api(`/api/admin/flash-sales/${sale.id}`)).body).toMatchObject({ status: 'scheduled', stoppedAt: null, endsAt: sale.endsAt });
    expect((await engineLimit(sku)).status).toBe(200);

    platform.clock.pin(new Date(sale.endsAt));
    const late = await platform.api(`/api/admin/flash-sales/${sale.id}/stop`, { method: 'POST' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'FLASH_SALE_NOT_LIVE', details: { status: 'ended' } });
    platform.clock.release();

    const other = await schedule(sku, { units: 2, startsAt: sale.endsAt, endsAt: new Date(Date.parse(sale.endsAt) + 3_600_000).toISOString() });
    expect((await platform.api(`/api/admin/flash-sales/${other.id}/cancel`, { method: 'POST' })).status).toBe(200);
    platform.clock.pin(new Date(Date.parse(other.startsAt) + 1000));
    expect((await platform.api(`/api/admin/flash-sales/${other.id}/stop`, { method: 'POST' })).body.error).toMatchObject({ code: 'FLASH_SALE_NOT_LIVE', details: { status: 'cancelled' } });
    expect((await platform.api(`/api/admin/flash-sales/${randomUUID()}/stop`, { method: 'POST' })).status).toBe(404);
    for (const id of [sale.id, other.id]) expect((await platform.api(`/api/admin/flash-sales/${id}`)).body.stoppedAt).toBeNull();
  });

  it('removes the engine’s limit later when inventory refused at the stop (the sweep retries)', async () => {
    const sku = await platform.product(1990, 30);
    const sale = await schedule(sku, { units: 6 });
    platform.clock.pin(new Date(Date.parse(sale.startsAt) + 1000));
    expect((await platform.api(`/api/admin/flash-sales/${sale.id}/stop`, { method: 'POST' })).status).toBe(200);
    // The state a failed removal leaves: stopped, its limit still in the engine and marked applied.
    const applied = await platform.inventoryApi(`/api/admin/inventory/${sku}/sale-limit`, {
      method: 'PUT',
      json: { perCustomer: 2, units: 6, startsAt: sale.startsAt, endsAt: sale.endsAt },
    });
    expect(applied.status, applied.text).toBe(200);
    await platform.db.query('UPDATE pricing.flash_sale SET limit_applied_version = version WHERE id = $1', [sale.id]);
    await eventually(async () => expect((await engineLimit(sku)).status).toBe(404));
    await eventually(async () => {
      const { rows } = await platform.db.query('SELECT limit_applied_version FROM pricing.flash_sale WHERE id = $1', [sale.id]);
      expect(rows[0].limit_applied_version).toBeNull();
    });
  });
});

describe('authorization', () => {
  it('admin routes: 401 anonymous, 403 a customer or another service; the public list needs nobody', async () => {
    const id = randomUUID();
    const routes: Array<[string, string, unknown]> = [
      ['POST', '/api/admin/flash-sales', saleBody('ANY-1')],
      ['GET', '/api/admin/flash-sales', undefined],
      ['GET', `/api/admin/flash-sales/${id}`, undefined],
      ['PATCH', `/api/admin/flash-sales/${id}`, { units: 2 }],
      ['POST', `/api/admin/flash-sales/${id}/cancel`, undefined],
      ['POST', `/api/admin/flash-sales/${id}/stop`, undefined],
    ];
    for (const [method, path, json] of routes) {
      expect((await platform.api(path, { method, json, anonymous: true })).status, `${method} ${path} anonymous`).toBe(401);
      expect((await platform.api(path, { method, json, user: randomUUID() })).status, `${method} ${path} customer`).toBe(403);
      expect((await platform.api(path, { method, json, anonymous: true, headers: serviceHeaders('cart') })).status, `${method} ${path} service`).toBe(401);
    }
    expect((await platform.api('/api/flash-sales', { anonymous: true })).status).toBe(200);
    expect((await platform.api(`/api/flash-sales/${id}`, { anonymous: true })).status).toBe(404);
  });
});

describe('FlashSalePrices (what a quote reads)', () => {
  it('answers the sales of the SKUs whose window contains the instant or opens later, not cancelled ones', async () => {
    const sku = await platform.product(1990, 40);
    const first = await schedule(sku, { units: 5 });
    const second = await schedule(sku, { units: 5, startsAt: first.endsAt, endsAt: new Date(Date.parse(first.endsAt) + 3_600_000).toISOString() });
    const third = await schedule(sku, { units: 5, startsAt: second.endsAt, endsAt: new Date(Date.parse(second.endsAt) + 3_600_000).toISOString() });
    expect((await platform.api(`/api/admin/flash-sales/${third.id}/cancel`, { method: 'POST' })).status).toBe(200);

    const prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl, applicationName: 'pricing-tests', poolMax: 2 });
    try {
      const prices = new FlashSaleRepository(prisma);
      const before = await prices.forSkus([sku, 'OTHER-1'], new Date(Date.parse(first.startsAt) - 1));
      expect(before.map((p) => p.flashSaleId)).toEqual([first.id, second.id]);
      expect(before[0]).toEqual({ flashSaleId: first.id, sku, price: { amount: 990, currency: 'EUR' }, startsAt: new Date(first.startsAt), endsAt: new Date(first.endsAt) });
      expect((await prices.forSkus([sku], new Date(first.endsAt))).map((p) => p.flashSaleId)).toEqual([second.id]);
      expect(await prices.forSkus([sku], new Date(second.endsAt))).toEqual([]);
      expect(await prices.forSkus([], new Date())).toEqual([]);
    } finally {
      await prisma.$disconnect();
    }
  });
});
