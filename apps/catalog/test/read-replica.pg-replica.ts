import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseName, withDatabaseName } from '@shop/persistence';
import { BuiltServiceSet, LoadWhileCut, testEnv, untilServing, type BuiltService } from '@shop/testing';
import { api, createProduct } from './catalog-harness.js';

/**
 * The built catalog with a real streaming replica (made by `npm run test:pg-replica`, which sets
 * DATABASE_REPLICA_URL): public reads are served from it, the admin reads its writes at once, and
 * a replica that stops or falls behind leaves rotation without one error to a shopper.
 */
const replicaServer = process.env.DATABASE_REPLICA_URL;
if (!replicaServer) throw new Error('DATABASE_REPLICA_URL is unset: run these tests with `npm run test:pg-replica`, which starts the replica');
const version = process.env.PG_REPLICA_VERSION ?? '15';
const cluster = process.env.PG_REPLICA_CLUSTER ?? 'replica';
const MAX_LAG_SECONDS = 2;

/** Not spawnSync: the load of the test keeps running while the replica shuts down. */
async function replicaCluster(action: 'start' | 'stop'): Promise<void> {
  await promisify(execFile)('pg_ctlcluster', ['--skip-systemctl-redirect', version, cluster, action, ...(action === 'stop' ? ['-m', 'fast'] : [])]);
}

/** Starts the replica unless it runs (pg_ctlcluster status: 0 running, 3 stopped). */
async function replicaRunning(): Promise<void> {
  if (spawnSync('pg_ctlcluster', [version, cluster, 'status']).status !== 0) await replicaCluster('start');
}

/** One statement on the replica's maintenance database (replay control is cluster-wide). */
async function onReplica(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: replicaServer });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A sample's value in the Prometheus text format (first series whose name and labels match). */
function sampleOf(metrics: string, name: string, labels = ''): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('catalog on a streaming read replica', () => {
  const env = testEnv();
  // The run's own database, as replicated to the replica's server.
  const replicaUrl = withDatabaseName(replicaServer, databaseName(env.databaseUrl));
  const services = new BuiltServiceSet({ REDIS_PREFIX: `${env.redisPrefix}replica:` });
  let catalog: BuiltService;
  /** Measures the lag once a minute: the replica stays in its rotation until a read fails there. */
  let slowProbe: BuiltService;

  const metrics = async (service = catalog) => (await fetch(`${service.url}/metrics`)).text();
  const inRotation = async (service = catalog) => sampleOf(await metrics(service), 'db_replica_in_rotation');
  const replicaReads = async () => sampleOf(await metrics(), 'db_replica_routed_reads_total', 'target="replica"') ?? 0;
  const untilRotation = (value: 0 | 1, what: string) => untilServing(catalog, async () => (await inRotation()) === value, 60_000, what);

  beforeAll(async () => {
    const replicaEnv = { DATABASE_REPLICA_URL: replicaUrl, DATABASE_REPLICA_MAX_LAG_SECONDS: String(MAX_LAG_SECONDS) };
    [catalog, slowProbe] = await Promise.all([
      services.start('catalog', 'CATALOG_PORT', { ...replicaEnv, DATABASE_REPLICA_PROBE_INTERVAL_MS: '200' }),
      services.start('catalog', 'CATALOG_PORT', { ...replicaEnv, DATABASE_REPLICA_PROBE_INTERVAL_MS: '60000' }),
    ]);
    await untilRotation(1, 'the replica in rotation after start');
    await untilServing(slowProbe, async () => (await inRotation(slowProbe)) === 1, 30_000, 'the replica in rotation after start');
  }, 90_000);
  afterAll(() => services.stopAll());

  it('serves a new product to the public from the replica once replicated; the admin reads it at once', async () => {
    const product = await createProduct(catalog.url);
    // Read-your-writes: the admin's read goes to the primary, right after the write.
    const admin = await api(catalog.url, `/api/admin/products/${product.id}`);
    expect(admin.status).toBe(200);
    expect((admin.body as { id: string }).id).toBe(product.id);

    const before = await replicaReads();
    await untilServing(
      catalog,
      async () => {
        const page = await api(catalog.url, '/api/products?limit=100');
        return page.status === 200 && (page.body as { items: { id: string }[] }).items.some((p) => p.id === product.id) && (await replicaReads()) > before;
      },
      30_000,
      'the product listed from the replica',
    );
    const page = await api(catalog.url, `/api/products/${product.slug}`);
    expect(page.status).toBe(200);
    // The replica's server itself shows the catalog's connections to this run's database.
    const client = new pg.Client({ connectionString: replicaUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'catalog-replica' AND datname = current_database()",
      );
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  }, 60_000);

  it('the replica stops mid-load: no reader sees an error, it leaves rotation, and returns once started', async () => {
    const product = await createProduct(catalog.url);
    const read = async (i: number): Promise<number> => {
      if (i % 3 === 0) return (await api(catalog.url, '/api/categories')).status;
      if (i % 3 === 1) return (await api(catalog.url, '/api/products?limit=5')).status;
      return (await api(catalog.url, `/api/products/${product.id}`)).status;
    };
    const before = await replicaReads();
    const load = new LoadWhileCut(read, 4);
    try {
      // The load really is on the replica when it stops.
      await untilServing(catalog, async () => load.served >= 20 && (await replicaReads()) > before, 20_000, 'the load served from the replica before the stop');
      await replicaCluster('stop');
      await untilRotation(0, 'the stopped replica out of rotation');
      // The slow-probing catalog still has the replica in rotation: its next read fails there and is retried on the primary.
      expect(await inRotation(slowProbe)).toBe(1);
      const fallback = await api(slowProbe.url, '/api/products?limit=5');
      expect(fallback.status).toBe(200);
      expect(sampleOf(await metrics(slowProbe), 'db_replica_routed_reads_total', 'target="primary_fallback"')).toBe(1);
      expect(await inRotation(slowProbe)).toBe(0);
      const answered = load.answered;
      await untilServing(catalog, async () => load.answered >= answered + 40, 30_000, 'reads answered while the replica is down');
      await replicaCluster('start');
      await untilRotation(1, 'the replica back in rotation');
      const served = load.served;
      await untilServing(catalog, async () => load.served >= served + 20, 30_000, 'reads served after the replica returned');
    } finally {
      await load.stop();
      await replicaRunning();
    }
    expect(Object.fromEntries(load.statuses)).toEqual({ 200: load.answered });
    expect(catalog.alive).toBe(true);
  }, 180_000);

  it('a replica that falls behind leaves rotation once its lag passes the limit, and returns when it catches up', async () => {
    await untilRotation(1, 'the replica in rotation');
    await onReplica('SELECT pg_wal_replay_pause()');
    try {
      // A write the paused replica cannot replay: its lag grows from here.
      const product = await createProduct(catalog.url);
      // Read-your-writes while it is still within the limit: the public read waits for the
      // replica to replay the write, so it goes to the primary and finds the product.
      expect((await api(catalog.url, `/api/products/${product.id}`)).status).toBe(200);
      await untilRotation(0, 'the lagging replica out of rotation');
      expect(sampleOf(await metrics(), 'db_replica_lag_seconds')).toBeGreaterThan(MAX_LAG_SECONDS);
      // Shoppers read the primary meanwhile, and see the writes the replica lacks.
      const listed = await api(catalog.url, '/api/products?limit=100');
      expect(listed.status).toBe(200);
      expect((listed.body as { items: { id: string }[] }).items.map((p) => p.id)).toContain(product.id);
    } finally {
      await onReplica('SELECT pg_wal_replay_resume()');
    }
    await untilRotation(1, 'the replica back in rotation once it replayed');
    expect(sampleOf(await metrics(), 'db_replica_lag_seconds')).toBeLessThanOrEqual(MAX_LAG_SECONDS);
  }, 120_000);
});
