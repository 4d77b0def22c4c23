import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, type RedisClient } from '@shop/messaging';
import { InstanceRegistry, PartitionRouter } from '@shop/partitioning';
import { reservationsByKey, testEnv } from '@shop/testing';
import { api, database, eventually, instanceIdsOwning, reserve, totalsOf, uniquePrefix, uniqueSku } from './inventory-harness.js';
import { InventoryProcess } from './inventory-processes.js';

const PARTITIONS = 16;

/**
 * Three inventory processes (the built app), routed on the client side by libs/partitioning's
 * router over the same registry the instances heartbeat into — what the gateway does.
 */
describe('three inventory instances routed by partition', () => {
  const prefix = uniquePrefix();
  const env = { REDIS_PREFIX: prefix, INVENTORY_PARTITIONS: String(PARTITIONS) };
  // Each owns three partitions at least, so every instance serves some of the SKUs below.
  const instances = instanceIdsOwning(PARTITIONS, 3, ['inv-a', 'inv-b', 'inv-c']).map((id) => new InventoryProcess(id, env));
  const db = database();
  let redis: RedisClient;
  let router: PartitionRouter;

  const urlFor = (sku: string): string => {
    const owner = router.instanceFor(sku);
    if (!owner) throw new Error('no live instance');
    return owner.url;
  };

  /** `count` random SKUs, and more until every instance owns at least two of them (random ones can all miss one). */
  function skusOnEveryInstance(count: number, tag: string): string[] {
    const skus = Array.from({ length: count }, () => uniqueSku(tag));
    const short = () => instances.some((i) => skus.filter((sku) => router.instanceFor(sku)?.id === i.instanceId).length < 2);
    while (short()) skus.push(uniqueSku(tag));
    return skus;
  }

  async function metric(url: string, name: string): Promise<number> {
    const text = (await api(url, '/metrics')).body as string;
    const line = text.split('\n').find((l) => l.startsWith(name));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  async function leaseOwners(): Promise<Map<number, string>> {
    const { rows } = await db.query<{ partition: number; owner: string }>(
      'SELECT partition, owner FROM inventory.partition_lease WHERE partition < $1 AND expires_at > now()',
      [PARTITIONS],
    );
    return new Map(rows.map((r) => [r.partition, r.owner]));
  }

  beforeAll(async () => {
    await Promise.all(instances.map((i) => i.start()));
    redis = createRedis(testEnv());
    router = new PartitionRouter({ source: new InstanceRegistry({ redis, prefix, heartbeatMs: 200, ttlMs: 800 }), partitions: PARTITIONS, refreshMs: 100 });
    await router.start();
    await eventually(async () => (await router.refresh()).instances.length === 3, 20_000, 'three live instances');
    await Promise.all(instances.map((i) => eventually(async () => (await api(i.url, '/health/ready')).status === 200, 20_000, `${i.instanceId} ready`)));
  }, 90_000);

  afterAll(async () => {
    await router?.stop();
    redis?.disconnect();
    await Promise.all(instances.map((i) => i.kill('SIGTERM')));
    await db.end();
  });

  it('serves each SKU on the one instance that holds its partition lease; a request sent elsewhere is forwarded once', async () => {
    // Instances that started together converge: each partition's lease ends with its assigned owner.
    await eventually(
      async () => {
        const owners = await leaseOwners();
        const leased = Array.from({ length: PARTITIONS }, (_, p) => p).every((p) => owners.get(p) === router.ownerOfPartition(p)?.id);
        // A lease is taken before its partition has loaded: until then the owner answers 503 (moving).
        const ready = (await Promise.all(instances.map((i) => metric(i.url, 'inventory_partitions_ready')))).reduce((a, b) => a + b, 0);
        return leased && ready === PARTITIONS;
      },
      20_000,
      'leases held and partitions loaded by the assigned instances',
    );
    expect(new Set((await leaseOwners()).values()).size).toBe(3);

    const skus = skusOnEveryInstance(24, 'CL');
    for (const sku of skus) {
      expect((await api(urlFor(sku), `/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: 5 } })).status).toBe(200);
      const res = await reserve(urlFor(sku), `cl-${sku}`, { items: [{ sku, quantity: 2 }] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.reservationId.startsWith(`r${router.partitionOf(sku)}_`)).toBe(true);
    }
    for (const i of instances) expect(await metric(i.url, 'inventory_forwarded_total')).toBe(0);

    // The wrong instance forwards to the owner: same answer, counted.
    const sku = skus[0]!;
    const wrong = instances.find((i) => i.url !== urlFor(sku))!;
    const replay = await reserve(wrong.url, `cl-${sku}`, { items: [{ sku, quantity: 2 }] });
    expect(replay.status).toBe(201);
    expect(await metric(wrong.url, 'inventory_forwarded_total')).toBe(1);
    expect(await totalsOf(db, sku)).toMatchObject({ reserved: 2 });

    // A multi-SKU reservation whose SKUs live on different instances is all or nothing.
    const a = skus.find((s) => urlFor(s) === instances[0]!.url)!;
    const b = skus.find((s) => urlFor(s) === instances[1]!.url)!;
    const across = await reserve(urlFor(a), `cl-across-${a}`, { items: [{ sku: a, quantity: 1 }, { sku: b, quantity: 1 }] });
    expect(across.status).toBe(201);
    const tooMuch = await reserve(urlFor(a), `cl-across-2-${a}`, { items: [{ sku: a, quantity: 1 }, { sku: b, quantity: 5 }] });
    expect(tooMuch.status).toBe(409);
    expect(await totalsOf(db, a)).toMatchObject({ reserved: 3 });
    expect(await totalsOf(db, b)).toMatchObject({ reserved: 3 });
    expect((await api(urlFor(a), `/api/inventory/reservations/${across.body.reservationId}`, { method: 'DELETE' })).status).toBe(200);
    expect(await totalsOf(db, b)).toMatchObject({ reserved: 2, heldItems: 2 });
  });

  it("a customer's request sent to another instance is forwarded with its signed identity: bounds and ownership hold on the owner", async () => {
    const ann = { userId: randomUUID(), role: 'customer' as const };
    const mallory = { userId: randomUUID(), role: 'customer' as const };
    const a = uniqueSku('FWD');
    const b = uniqueSku('FWD');
    for (const sku of [a, b]) expect((await api(urlFor(sku), `/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: 50 } })).status).toBe(200);
    const wrong = instances.find((i) => i.url !== urlFor(a))!;
    // Across partitions, through a non-owner: the body's customerId is ignored, the hold is Ann's.
    const held = await reserve(wrong.url, `fwd-${a}`, { items: [{ sku: a, quantity: 2 }, { sku: b, quantity: 1 }], customerId: mallory.userId }, ann);
    expect(held.status).toBe(201);
    const { rows } = await db.query<{ customer_id: string }>('SELECT customer_id FROM inventory.reservation WHERE id = $1', [held.body.reservationId]);
    expect(rows[0]?.customer_id).toBe(ann.userId);
    expect((await reserve(wrong.url, `fwd-big-${a}`, { items: [{ sku: a, quantity: 20 }] }, ann)).status).toBe(409);
    const path = `/api/inventory/reservations/${held.body.reservationId}`;
    const elsewhere = instances.find((i) => i.url !== urlFor(a))!.url;
    expect((await api(elsewhere, path, { method: 'DELETE', caller: mallory })).status).toBe(404);
    expect(await totalsOf(db, a)).toMatchObject({ reserved: 2, heldItems: 2 });
    expect((await api(elsewhere, path, { method: 'DELETE', caller: ann })).status).toBe(200);
    expect(await totalsOf(db, a)).toMatchObject({ reserved: 0, heldItems: 0 });
    expect(await totalsOf(db, b)).toMatchObject({ reserved: 0, heldItems: 0 });
  });

  it('kill -9 of an instance mid-load: its partitions move, no acknowledged reservation is lost, nothing is oversold', async () => {
    const skus = skusOnEveryInstance(30, 'KL');
    const stock = 40;
    for (const sku of skus) expect((await api(urlFor(sku), `/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: stock } })).status).toBe(200);
    const victim = instances[1]!;
    const victimPartitions = new Set(router.partitionsOwnedBy(victim.instanceId));
    const victimSkus = skus.filter((s) => victimPartitions.has(router.partitionOf(s)));
    expect(victimSkus.length).toBeGreaterThan(0);

    const acknowledged = new Map<string, { reservationId: string; sku: string; quantity: number; at: number }>();
    let killedAt = Number.POSITIVE_INFINITY;
    let stop = false;
    let seq = 0;
    const client = async (): Promise<void> => {
      while (!stop) {
        const sku = skus[seq % skus.length]!;
        const key = `kill-${seq++}`;
        const body = { items: [{ sku, quantity: 1 + (seq % 2) }] };
        // Retry the same key until a definite answer: 503s and dropped connections happen while partitions move.
        for (let attempt = 0; attempt < 200 && !stop; attempt++) {
          const res = await reserve(urlFor(sku), key, body).catch(() => ({ status: 0, body: {} as { reservationId?: string } }));
          const { status } = res;
          const answer = res.body as { reservationId?: string };
          if (status === 201) {
            acknowledged.set(key, { reservationId: answer.reservationId!, sku, quantity: body.items[0]!.quantity, at: Date.now() });
            break;
          }
          if (status === 409) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const clients = Array.from({ length: 24 }, () => client());
    await eventually(async () => acknowledged.size >= 150, 30_000, 'load before the kill');
    await victim.kill('SIGKILL');
    killedAt = Date.now();
    // The survivors take the victim's partitions over (registry TTL, then its lease expires).
    await eventually(
      async () => {
        const owners = await leaseOwners();
        return [...victimPartitions].every((p) => owners.has(p) && owners.get(p) !== victim.instanceId);
      },
      30_000,
      'the victim partitions to move',
    );
    await eventually(
      async () => [...acknowledged.values()].filter((a) => a.at > killedAt && victimSkus.includes(a.sku)).length >= 20,
      30_000,
      'reservations on the moved partitions',
    );
    stop = true;
    await Promise.all(clients);

    // Nothing acknowledged was lost: each is in the database, held, under its key.
    const byKey = await reservationsByKey(db, acknowledged.keys());
    for (const [key, ack] of acknowledged) {
      expect(byKey.get(key)?.id, key).toBe(ack.reservationId);
      expect(byKey.get(key)?.status).toBe('held');
    }
    // Nothing oversold, and the stock rows agree with the reservation items.
    for (const sku of skus) {
      const t = await totalsOf(db, sku);
      const mine = [...acknowledged.values()].filter((a) => a.sku === sku).reduce((n, a) => n + a.quantity, 0);
      expect(t.reserved).toBe(t.heldItems);
      expect(t.reserved).toBeLessThanOrEqual(stock);
      // Reservations acknowledged to us are all there; a few more may exist whose answer was lost with the victim.
      expect(t.reserved).toBeGreaterThanOrEqual(mine);
    }
    // The survivors carry on serving every SKU.
    for (const sku of victimSkus.slice(0, 3)) expect((await api(urlFor(sku), `/api/inventory/${sku}`)).status).toBe(200);
  }, 120_000);
});
