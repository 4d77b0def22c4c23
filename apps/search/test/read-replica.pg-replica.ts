import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseName, withDatabaseName } from '@shop/persistence';
import { eventually, fetchJson, LoadWhileCut, testEnv, untilServing, type BuiltService } from '@shop/testing';
import { catalogAdmin, startCatalog, startTestSearch, uniqueSku, uniqueWord } from './search-harness.js';

/**
 * Search (postgres engine) with a real streaming replica (made by `npm run test:pg-replica`, which
 * sets DATABASE_REPLICA_URL): searches are served from it, and a replica that stops mid-load
 * leaves rotation without one error to a shopper.
 */
const replicaServer = process.env.DATABASE_REPLICA_URL;
if (!replicaServer) throw new Error('DATABASE_REPLICA_URL is unset: run these tests with `npm run test:pg-replica`, which starts the replica');
const version = process.env.PG_REPLICA_VERSION ?? '15';
const cluster = process.env.PG_REPLICA_CLUSTER ?? 'replica';

/** Not spawnSync: the load of the test keeps running while the replica shuts down. */
async function replicaCluster(action: 'start' | 'stop'): Promise<void> {
  await promisify(execFile)('pg_ctlcluster', ['--skip-systemctl-redirect', version, cluster, action, ...(action === 'stop' ? ['-m', 'fast'] : [])]);
}

/** A sample's value in the Prometheus text format (first series whose name and labels match). */
function sampleOf(metrics: string, name: string, labels = ''): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('search on a streaming read replica', () => {
  const env = testEnv();
  const prefix = `${env.redisPrefix}srch-replica:`;
  const word = uniqueWord();
  let catalog: BuiltService;
  let service: Awaited<ReturnType<typeof startTestSearch>>;
  // The search service runs in this process: `alive` is this process's.
  const self = { alive: true, name: 'search', tail: () => '', exitReason: () => 'running' };

  const metrics = async () => (await fetch(`${service.url}/metrics`)).text();
  const inRotation = async () => sampleOf(await metrics(), 'db_replica_in_rotation');
  const replicaReads = async () => sampleOf(await metrics(), 'db_replica_routed_reads_total', 'target="replica"') ?? 0;
  const untilRotation = (value: 0 | 1, what: string) => untilServing(self, async () => (await inRotation()) === value, 60_000, what);
  const searchStatus = async () => (await fetchJson(`${service.url}/api/search?q=${word}`)).status;

  beforeAll(async () => {
    catalog = await startCatalog(prefix);
    service = await startTestSearch({
      prefix,
      catalogUrl: catalog.url,
      env: {
        DATABASE_REPLICA_URL: withDatabaseName(replicaServer, databaseName(env.databaseUrl)),
        DATABASE_REPLICA_MAX_LAG_SECONDS: '2',
        DATABASE_REPLICA_PROBE_INTERVAL_MS: '200',
        // Searches read the replica only without the memory index (with it, a page's rows come from the primary).
        SEARCH_MEMORY_INDEX: 'false',
      },
    });
    await untilRotation(1, 'the replica in rotation after start');
  }, 90_000);
  afterAll(async () => {
    await service?.close();
    await catalog?.stop();
  });

  it('finds a new product through the replica once indexed and replicated', async () => {
    const sku = uniqueSku('RPL');
    const product = await catalogAdmin(catalog.url).create({
      title: `Replicated ${word} Hoodie`,
      variants: [{ sku: `${sku}-M`, attributes: { size: 'M' }, price: { amount: 4900, currency: 'EUR' } }],
    });
    const before = await replicaReads();
    await eventually(async () => {
      const res = await fetchJson(`${service.url}/api/search?q=${word}`);
      const ids = (res.body as { items: { id: string }[] }).items.map((i) => i.id);
      if (!ids.includes(product.id) || (await replicaReads()) <= before) throw new Error('not found on the replica yet');
    }, 100);
  }, 60_000);

  it('the replica stops mid-load: no search fails, it leaves rotation, and returns once started', async () => {
    const before = await replicaReads();
    const load = new LoadWhileCut(() => searchStatus(), 4);
    try {
      await untilServing(self, async () => load.served >= 20 && (await replicaReads()) > before, 20_000, 'searches served from the replica before the stop');
      await replicaCluster('stop');
      await untilRotation(0, 'the stopped replica out of rotation');
      const answered = load.answered;
      await untilServing(self, async () => load.answered >= answered + 40, 30_000, 'searches answered while the replica is down');
      await replicaCluster('start');
      await untilRotation(1, 'the replica back in rotation');
      const served = load.served;
      await untilServing(self, async () => load.served >= served + 20, 30_000, 'searches served after the replica returned');
    } finally {
      await load.stop();
      if (spawnSync('pg_ctlcluster', [version, cluster, 'status']).status !== 0) await replicaCluster('start');
    }
    expect(Object.fromEntries(load.statuses)).toEqual({ 200: load.answered });
  }, 180_000);
});
