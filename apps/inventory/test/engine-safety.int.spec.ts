import { afterEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { endpointOf, TcpProxy, testEnv } from '@shop/testing';
import { api, database, eventually, reserve, setStock, startTestInventory, totalsOf, uniqueSku } from './inventory-harness.js';

async function metric(url: string, line: string): Promise<number> {
  const text = (await api(url, '/metrics')).body as string;
  const found = text.split('\n').find((l) => l.startsWith(line));
  return found ? Number(found.split(' ').at(-1)) : 0;
}

/** Waits until a statement of the inventory service is blocked on a lock. */
async function blockedStatements(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'inventory' AND wait_event_type = 'Lock'`,
  );
  return Number(rows[0]!.n);
}

describe('engine safety', () => {
  let inv: Awaited<ReturnType<typeof startTestInventory>> | undefined;
  const db = database();

  afterEach(async () => {
    // Cleared first: a close that outlives its hook must not clear the next test's instance.
    const running = inv;
    inv = undefined;
    await running?.service.close();
  });

  it('backpressure: a full mailbox refuses at once with 503 OVERLOADED and Retry-After; queued requests still succeed', async () => {
    // No expiry sweep: the partition's snapshot also holds other tests' holds (one database per
    // run), and one falling due mid-drill queues an expiry, which no batch may follow in the
    // pipeline; the second reservation would wait behind it (CI runs failed so).
    inv = await startTestInventory({ env: { MAILBOX_LIMIT: '5', EXPIRY_SWEEP_MS: '3600000' } });
    const sku = uniqueSku();
    await setStock(inv.url, sku, 100);
    const partition = inv.service.ownership.partitionOf(sku);
    // Stall the partition's commits: hold its lease row locked from another transaction.
    const blocker = await db.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT * FROM inventory.partition_lease WHERE partition = $1 FOR UPDATE', [partition]);
      const actor = inv.service.manager.actor(partition)!;
      const first = reserve(inv.url, `bp-0-${sku}`, { items: [{ sku, quantity: 1 }] });
      // The first batch sent (not only a statement blocked: a lease renewal blocks on the row too,
      // and a second request sent before the first batch left would join it in one batch).
      await eventually(async () => actor.inFlight === 1 && (await blockedStatements(db)) > 0, 10_000, 'the first batch to block');
      // A second batch follows the first on its connection (the pipeline holds two)...
      const second = reserve(inv.url, `bp-1-${sku}`, { items: [{ sku, quantity: 1 }] });
      await eventually(async () => actor.inFlight === 2, 10_000, 'two batches in flight');
      const inFlight = Promise.all([first, second]);
      // ...then the mailbox fills up.
      const queued = Array.from({ length: 5 }, (_, i) => reserve(inv!.url, `bp-q${i}-${sku}`, { items: [{ sku, quantity: 1 }] }));
      await eventually(async () => actor.depth === 5, 10_000, 'five queued commands');
      const refused = await Promise.all(Array.from({ length: 3 }, (_, i) => reserve(inv!.url, `bp-x${i}-${sku}`, { items: [{ sku, quantity: 1 }] })));
      for (const r of refused) {
        expect(r.status).toBe(503);
        expect(r.body.error.code).toBe('OVERLOADED');
        expect(r.headers.get('retry-after')).toBe('1');
      }
      await blocker.query('ROLLBACK');
      const done = [...(await inFlight), ...(await Promise.all(queued))];
      expect(done.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201, 201]);
    } finally {
      // Never back to the pool still holding the lock (the next tests' partitions would stall on it).
      await blocker.query('ROLLBACK').catch(() => undefined);
      blocker.release();
    }
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 7, heldItems: 7 });
    expect(await metric(inv.url, 'inventory_refusals_total{reason="overloaded"')).toBe(3);
  });

  it('fencing: when another owner holds the lease the stale actor never commits (503), and serves again once the lease is free', async () => {
    inv = await startTestInventory();
    const sku = uniqueSku();
    await setStock(inv.url, sku, 10);
    const partition = inv.service.ownership.partitionOf(sku);
    // Another instance takes the partition over (a split brain the router did not prevent).
    await db.query(`UPDATE inventory.partition_lease SET owner = 'thief', token = token + 1, expires_at = now() + interval '1 hour' WHERE partition = $1`, [partition]);
    await db.query(`UPDATE inventory.stock SET on_hand = on_hand + 5, version = version + 1 WHERE sku = $1`, [sku]);

    const refused = await reserve(inv.url, `fence-1-${sku}`, { items: [{ sku, quantity: 1 }] });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('PARTITION_UNAVAILABLE');
    expect(await totalsOf(db, sku)).toMatchObject({ onHand: 15, reserved: 0, heldItems: 0 });
    expect((await db.query('SELECT 1 FROM inventory.reservation WHERE idempotency_key = $1', [`fence-1-${sku}`])).rowCount).toBe(0);
    expect(await metric(inv.url, 'inventory_batch_conflicts_total{reason="fenced"')).toBe(1);

    // The thief goes away: the actor takes the lease back, reloads (sees the thief's +5) and serves.
    await db.query(`UPDATE inventory.partition_lease SET expires_at = now() WHERE partition = $1`, [partition]);
    let answer = await reserve(inv.url, `fence-2-${sku}`, { items: [{ sku, quantity: 12 }] });
    for (let i = 0; i < 100 && answer.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 50));
      answer = await reserve(inv.url, `fence-2-${sku}`, { items: [{ sku, quantity: 12 }] });
    }
    expect(answer.status).toBe(201);
    expect(await totalsOf(db, sku)).toMatchObject({ onHand: 15, reserved: 12, heldItems: 12 });
    expect((await db.query('SELECT owner FROM inventory.partition_lease WHERE partition = $1', [partition])).rows[0].owner).toBe(inv.service.instanceId);
  });

  it('fencing: a commit under a stale token fails, the actor re-takes the free lease, reloads and decides again', async () => {
    inv = await startTestInventory();
    const sku = uniqueSku();
    await setStock(inv.url, sku, 10);
    const partition = inv.service.ownership.partitionOf(sku);
    const before = inv.service.manager.actor(partition)!.leaseToken!;
    // Someone held the partition meanwhile (token moved on), reserved 8 units, and let the lease lapse.
    await db.query(`UPDATE inventory.partition_lease SET owner = 'other', token = token + 1, expires_at = now() WHERE partition = $1`, [partition]);
    await db.query(`UPDATE inventory.stock SET reserved = reserved + 8, version = version + 1 WHERE sku = $1`, [sku]);

    // The actor's snapshot still says 10 available; the fenced commit makes it reload and see 2.
    const big = await reserve(inv.url, `stale-1-${sku}`, { items: [{ sku, quantity: 3 }] });
    expect(big.status).toBe(409);
    expect(big.body.error.code).toBe('OUT_OF_STOCK');
    const small = await reserve(inv.url, `stale-2-${sku}`, { items: [{ sku, quantity: 2 }] });
    expect(small.status).toBe(201);
    expect(await totalsOf(db, sku)).toMatchObject({ onHand: 10, reserved: 10 });
    expect(inv.service.manager.actor(partition)!.leaseToken).toBeGreaterThan(before + 1);
    expect(await metric(inv.url, 'inventory_batch_conflicts_total{reason="fenced"')).toBe(1);
    expect(await metric(inv.url, 'inventory_batch_retries_total')).toBeGreaterThanOrEqual(1);
  });

  it('a database that diverged from the snapshot (rows changed behind its back) makes the batch fail whole, reload and retry', async () => {
    inv = await startTestInventory();
    const sku = uniqueSku();
    await setStock(inv.url, sku, 5);
    // A version bump behind the engine's back (a manual fix in the database, say).
    await db.query(`UPDATE inventory.stock SET on_hand = 4, version = version + 1 WHERE sku = $1`, [sku]);
    const res = await reserve(inv.url, `div-${sku}`, { items: [{ sku, quantity: 5 }] });
    expect(res.status).toBe(409);
    expect(await metric(inv.url, 'inventory_batch_conflicts_total{reason="diverged"')).toBe(1);
    expect((await reserve(inv.url, `div-2-${sku}`, { items: [{ sku, quantity: 4 }] })).status).toBe(201);
    expect(await totalsOf(db, sku)).toMatchObject({ onHand: 4, reserved: 4 });
  });

  it('under load, refused batches (rows changed behind its back, a stale lease) are undone with those sent after them and decided again', async () => {
    inv = await startTestInventory();
    const sku = uniqueSku();
    await setStock(inv.url, sku, 300);
    const partition = inv.service.ownership.partitionOf(sku);
    let stop = false;
    const meddler = (async () => {
      for (let i = 0; !stop; i++) {
        // Another writer adds a unit (version bump), or takes the lease and lets it lapse.
        if (i % 3 === 2) await db.query(`UPDATE inventory.partition_lease SET owner = 'other', token = token + 1, expires_at = now() WHERE partition = $1`, [partition]);
        else await db.query('UPDATE inventory.stock SET on_hand = on_hand + 1, version = version + 1 WHERE sku = $1', [sku]);
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const accepted = new Map<string, string>();
    let n = 0;
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        for (let i = 0; i < 10; i++) {
          const key = `meddle-${sku}-${n++}`;
          for (let attempt = 0; attempt < 50; attempt++) {
            const res = await reserve(inv!.url, key, { items: [{ sku, quantity: 1 }] });
            if (res.status === 201) accepted.set(key, res.body.reservationId);
            if (res.status !== 503) break;
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      }),
    );
    stop = true;
    await meddler;
    // The engine trusts its snapshot until a write of its own is refused: changes made behind its
    // back after its last write show up at its next one (here: setting the count the database has).
    const onHand = (await totalsOf(db, sku)).onHand;
    expect((await api(inv.url, `/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand } })).status).toBe(200);
    // Sell what is left, then everything must be sold exactly once.
    for (let i = 0; ; i++) {
      const key = `meddle-${sku}-tail-${i}`;
      const res = await reserve(inv.url, key, { items: [{ sku, quantity: 1 }] });
      if (res.status !== 201) break;
      accepted.set(key, res.body.reservationId);
    }
    const { rows } = await db.query<{ id: string; idempotency_key: string }>(
      `SELECT r.id, r.idempotency_key FROM inventory.reservation r WHERE r.idempotency_key LIKE $1`,
      [`meddle-${sku}-%`],
    );
    expect(new Map(rows.map((r) => [r.idempotency_key, r.id]))).toEqual(accepted);
    const t = await totalsOf(db, sku);
    expect(t.reserved).toBe(accepted.size);
    expect(t.heldItems).toBe(t.reserved);
    expect(t.onHand - t.reserved).toBeGreaterThanOrEqual(0);
    expect(accepted.size).toBe(t.onHand);
    expect(await metric(inv.url, 'inventory_batch_conflicts_total{reason="fenced"')).toBeGreaterThan(0);
    expect(await metric(inv.url, 'inventory_batch_conflicts_total{reason="diverged"')).toBeGreaterThan(0);
  });

  it('Postgres down: reservations answer 503 with Retry-After; the same process serves again when it is back', async () => {
    const env = testEnv();
    const pgEnd = endpointOf(env.databaseUrl, 5432);
    const proxy = new TcpProxy(pgEnd.host, pgEnd.port);
    await proxy.start();
    try {
      inv = await startTestInventory({ env: { DATABASE_URL: proxy.urlFor(env.databaseUrl) } });
      const sku = uniqueSku();
      await setStock(inv.url, sku, 5);
      await proxy.cut();
      const down = await reserve(inv.url, `pgdown-${sku}`, { items: [{ sku, quantity: 1 }] });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBeTruthy();
      await proxy.restore();
      let status = 0;
      for (let i = 0; i < 100 && status !== 201; i++) {
        status = (await reserve(inv.url, `pgdown-${sku}`, { items: [{ sku, quantity: 1 }] })).status;
        if (status !== 201) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(201);
      expect(await totalsOf(db, sku)).toMatchObject({ reserved: 1, heldItems: 1 });
    } finally {
      await inv?.service.close();
      inv = undefined;
      await proxy.cut();
    }
  });
});
