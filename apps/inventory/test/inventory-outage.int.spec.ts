import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { partitionOf } from '@shop/partitioning';
import { BuiltService, DependencyRelays, dropLinkUnderLoad, freePort, LoadWhileCut, testEnv, untilServing } from '@shop/testing';
import { api, instanceIdsOwning, partitionsOwnedBy, reserve, setStock, TEST_ENV, uniquePrefix, uniqueSku } from './inventory-harness.js';

/**
 * The built inventory runs as its own process behind TCP relays to Postgres and Redis; each link
 * is cut while reservations are in flight (the batch sessions hold connections across batches),
 * then restored. The process must survive (a crash ends it, and the test sees that) and serve
 * again without a restart.
 */
describe('inventory process: a dropped dependency link mid-load', () => {
  const relays = new DependencyRelays(testEnv());
  const prefix = uniquePrefix();
  const partitions = Number(TEST_ENV.INVENTORY_PARTITIONS);
  // The peer of the last test takes a share of the partitions (the split follows from the ids).
  const [inventoryId, peerId] = instanceIdsOwning(partitions, 1, ['outage', 'outage-peer']) as [string, string];
  let inventory: BuiltService;
  let peer: BuiltService | undefined;
  const skus = Array.from({ length: 12 }, () => uniqueSku('OUT'));

  beforeAll(async () => {
    const urls = await relays.start();
    const port = await freePort();
    inventory = new BuiltService('inventory', port, {
      ...TEST_ENV,
      DATABASE_URL: urls.databaseUrl,
      // Short, so the silent-link test below sees its statements time out soon.
      DATABASE_QUERY_TIMEOUT_MS: '1500',
      REDIS_URL: urls.redisUrl,
      REDIS_PREFIX: prefix,
      INSTANCE_ID: inventoryId,
      INVENTORY_PORT: String(port),
      INVENTORY_PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    await inventory.start();
    await untilServing(inventory, async () => (await api(inventory.url, '/health/ready')).status === 200, 30_000, 'ready');
    for (const sku of skus) await setStock(inventory.url, sku, 1_000_000);
  }, 60_000);

  // A failed test must not leave the next one without its links.
  afterEach(async () => {
    await relays.restore();
  });
  afterAll(async () => {
    await relays.restore();
    await peer?.stop();
    await inventory?.stop();
    await relays.cut();
  });

  const reservations = (tag: string) => (i: number) =>
    reserve(inventory.url, `${tag}-${i}-${Math.random()}`, { items: [{ sku: skus[i % skus.length], quantity: 1 }] }).then((r) => r.status);

  it('Postgres link drops under load: answers 503, stays alive, serves again once the link heals', async () => {
    const load = new LoadWhileCut(reservations('pg'), 8);
    await untilServing(inventory, async () => load.count(201) >= 20, 20_000, 'reservations under load');
    await relays.postgres.cut();
    await untilServing(inventory, async () => (await api(inventory.url, '/health/ready')).status === 503, 20_000, 'not ready');
    await untilServing(inventory, async () => load.count(503) >= 5, 20_000, '503 answers while Postgres is away');
    const during = await reserve(inventory.url, `pg-during-${Math.random()}`, { items: [{ sku: skus[0], quantity: 1 }] });
    expect(during.status).toBe(503);
    // A partition whose session broke reloads its snapshot and says so; otherwise the database is named.
    expect(['DEPENDENCY_UNAVAILABLE', 'PARTITION_UNAVAILABLE']).toContain(during.body.error.code);

    await relays.postgres.restore();
    const servedBefore = load.count(201);
    await untilServing(inventory, async () => load.count(201) > servedBefore + 20, 30_000, 'reservations after Postgres came back');
    await load.stop();
    await untilServing(inventory, async () => (await api(inventory.url, '/health/ready')).status === 200, 30_000, 'ready again');
    expect(inventory.alive).toBe(true);
    expect([...load.statuses.keys()].filter((s) => s >= 500 && s !== 503)).toEqual([]);
  }, 90_000);

  it('Postgres link goes silent under load (no reset): statements time out, answers 503, serves again once the link returns', async () => {
    const load = new LoadWhileCut(reservations('silent'), 8);
    await untilServing(inventory, async () => load.count(201) >= 20, 20_000, 'reservations under load');
    relays.postgres.stall();
    // Nothing tells the process the link is gone: only its statement timeout turns the commits in
    // flight, and the requests waiting behind them, into answers.
    await untilServing(inventory, async () => load.count(503) >= 5, 30_000, '503 answers while the link is silent');
    await untilServing(inventory, async () => (await api(inventory.url, '/health/ready')).status === 503, 30_000, 'not ready');

    await relays.postgres.restore();
    const servedBefore = load.count(201);
    await untilServing(inventory, async () => load.count(201) > servedBefore + 20, 30_000, 'reservations after the link came back');
    await load.stop();
    await untilServing(inventory, async () => (await api(inventory.url, '/health/ready')).status === 200, 30_000, 'ready again');
    expect(inventory.alive).toBe(true);
    expect([...load.statuses.keys()].filter((s) => s >= 500 && s !== 503)).toEqual([]);
  }, 120_000);

  it('Redis link drops under load: reservations go on, the process stays alive and is ready again after', async () => {
    const load = new LoadWhileCut(reservations('rd'), 8);
    await untilServing(inventory, async () => load.count(201) >= 20, 20_000, 'reservations under load');
    await relays.redis.cut();
    await untilServing(inventory, async () => (await api(inventory.url, '/health/ready')).status === 503, 20_000, 'not ready');
    const servedDuring = load.count(201);
    // Reservations need only Postgres: they go on while Redis is away.
    await untilServing(inventory, async () => load.count(201) > servedDuring + 20, 20_000, 'reservations while Redis is away');

    await relays.redis.restore();
    await untilServing(inventory, async () => (await api(inventory.url, '/health/ready')).status === 200, 30_000, 'ready again');
    const servedAfter = load.count(201);
    await untilServing(inventory, async () => load.count(201) > servedAfter + 20, 30_000, 'reservations after Redis came back');
    await load.stop();
    expect(inventory.alive).toBe(true);
  }, 90_000);

  it('the link to a peer instance drops under load: forwarded requests fail cleanly, both live, forwarding resumes after', async () => {
    // A second instance takes some of the partitions; it is reached through a relay, so requests sent
    // to the first instance for the second one's SKUs are forwarded over a link the test can cut.
    // A SKU on the peer's partitions is added if none of the random ones landed there (else nothing
    // would ever be forwarded: ≈ 1.4 % of runs with random ids and SKUs).
    const port = await freePort();
    const peerPartitions = partitionsOwnedBy(partitions, [inventoryId, peerId], peerId);
    while (!skus.some((sku) => peerPartitions.includes(partitionOf(sku, partitions)))) {
      const sku = uniqueSku('OUT');
      await setStock(inventory.url, sku, 1_000_000);
      skus.push(sku);
    }
    const peerUrl = await relays.relayUpstream('peer', `http://127.0.0.1:${port}`);
    peer = new BuiltService('inventory', port, {
      ...TEST_ENV,
      DATABASE_URL: testEnv().databaseUrl,
      REDIS_URL: testEnv().redisUrl,
      REDIS_PREFIX: prefix,
      INSTANCE_ID: peerId,
      INVENTORY_PORT: String(port),
      INVENTORY_PUBLIC_URL: peerUrl,
    });
    await peer.start();
    await untilServing(peer, async () => (await api(peer!.url, '/health/ready')).status === 200, 30_000, 'the peer ready');
    // Ready is not yet serving partitions: the drill starts once the first instance has forwarded
    // at least one request to the peer (the rebalance and its routing take a while on a busy machine).
    let probe = 0;
    await untilServing(
      inventory,
      async () => {
        await Promise.all(skus.map(() => reservations('probe')(probe++)));
        return forwardedTotal(await api(inventory.url, '/metrics')) > 0;
      },
      60_000,
      'a request forwarded to the peer',
    );
    const statuses = await dropLinkUnderLoad({
      service: inventory,
      link: relays.upstreams.get('peer')!,
      request: reservations('peer'),
      concurrency: 6,
      notReadyWhileCut: false,
    });
    expect(inventory.alive).toBe(true);
    expect(peer.alive).toBe(true);
    expect(statuses.get(500) ?? 0).toBe(0);
    // Requests were forwarded to the peer, and the cut was felt by those (refused, not crashed).
    expect(forwardedTotal(await api(inventory.url, '/metrics'))).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((s) => s !== 201)).not.toHaveLength(0);
  }, 90_000);
});

function forwardedTotal(metrics: { body: unknown }): number {
  return Number(/^inventory_forwarded_total(?:\{[^}]*\})? (\d+)/m.exec(String(metrics.body))?.[1] ?? 0);
}
