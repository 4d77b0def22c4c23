// `npm run test:redis-cluster`: starts a real local Redis Cluster (Debian's redis-server in cluster
// mode, 3 masters + 3 replicas on 127.0.0.1:7101-7106, data under tmp/redis-cluster), runs the
// Redis-heavy test files against it (REDIS_CLUSTER_NODES set), then the failover test (a master is
// failed over while events are published and jobs enqueued), and stops the cluster again.
// Exit code: the tests' result. The Redis on 6379 is never touched.
//
//   npm run test:redis-cluster            start, test, stop
//   npm run test:redis-cluster -- --keep  leave the cluster running afterwards (a rerun reuses it)
//   npm run test:redis-cluster -- --start only start it (then run single files with the env printed)
//   npm run test:redis-cluster -- --stop  only stop it
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { platformEnv, root, say } from './lib/platform.mjs';

const HOST = '127.0.0.1';
const PORTS = [7101, 7102, 7103, 7104, 7105, 7106];
const dir = join(root, 'tmp', 'redis-cluster');
const keep = process.argv.includes('--keep');

/** The test files run against the cluster, per project (paths relative to the project). */
const SUITES = [
  // streams, consumer groups, dead letters, idempotent consumers, outbox relay, BullMQ
  { project: 'libs/messaging', files: ['test/stream-consumer.int.spec.ts', 'test/processed-events.int.spec.ts', 'test/outbox-relay.int.spec.ts', 'test/job-queues.int.spec.ts'] },
  // the partition (instance) registry and routing over it
  { project: 'libs/partitioning', files: ['test/instance-registry.int.spec.ts', 'test/partition-routing.int.spec.ts'] },
  { project: 'apps/cart', files: ['test/cart-api.int.spec.ts'] },
  // analytics' aggregates (one {analytics} tag) fed from streams
  { project: 'apps/analytics', files: ['test/analytics-figures.int.spec.ts'] },
  // rate limits; the operations routes read dead letters by SCAN over every master
  { project: 'apps/gateway', files: ['test/rate-limiter.int.spec.ts', 'test/rate-limits.int.spec.ts', 'test/operations-dead-letters.int.spec.ts'] },
  // a master fails over while events are published and jobs enqueued (only ever run here)
  { project: 'libs/messaging', files: [], config: 'vitest.redis-cluster.config.ts' },
];

function cli(port, ...args) {
  return spawnSync('redis-cli', ['-h', HOST, '-p', String(port), ...args], { encoding: 'utf8' });
}

function clusterInfo(port) {
  const result = cli(port, 'CLUSTER', 'INFO');
  return result.status === 0 ? result.stdout : '';
}

const stateOk = (port) => /cluster_state:ok/.test(clusterInfo(port));
const knowsAll = (port) => new RegExp(`cluster_known_nodes:${PORTS.length}\\b`).test(clusterInfo(port));

async function waitFor(what, test, seconds = 30) {
  for (let i = 0; i < seconds * 10; i++) {
    if (test()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Idempotent: a healthy cluster on these ports is reused; anything else is stopped and made anew. */
async function startCluster() {
  if (PORTS.every((port) => stateOk(port) && knowsAll(port))) {
    say(`Redis Cluster already up on ${HOST}:${PORTS[0]}-${PORTS.at(-1)}`);
    return;
  }
  stopCluster();
  say(`Starting a Redis Cluster (3 masters + 3 replicas) on ${HOST}:${PORTS[0]}-${PORTS.at(-1)} in tmp/redis-cluster`);
  for (const port of PORTS) {
    const nodeDir = join(dir, String(port));
    mkdirSync(nodeDir, { recursive: true });
    const started = spawnSync('redis-server', [
      '--bind', HOST, '--port', String(port), '--dir', nodeDir,
      '--cluster-enabled', 'yes', '--cluster-config-file', join(nodeDir, 'nodes.conf'),
      // Failures are noticed within 2 s; a master without replicas keeps serving its slots.
      '--cluster-node-timeout', '2000',
      '--save', '', '--appendonly', 'no',
      '--daemonize', 'yes', '--pidfile', join(nodeDir, 'redis.pid'), '--logfile', join(nodeDir, 'redis.log'),
    ], { encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`redis-server on ${port} did not start: ${started.stderr}`);
  }
  for (const port of PORTS) await waitFor(`redis-server on ${port}`, () => cli(port, 'PING').stdout.trim() === 'PONG');
  const created = spawnSync('redis-cli', ['--cluster', 'create', ...PORTS.map((p) => `${HOST}:${p}`), '--cluster-replicas', '1', '--cluster-yes'], { encoding: 'utf8' });
  if (created.status !== 0) throw new Error(`redis-cli --cluster create failed:\n${created.stdout}${created.stderr}`);
  await waitFor('cluster_state:ok on every node', () => PORTS.every((port) => stateOk(port) && knowsAll(port)), 60);
  say('Redis Cluster is up (cluster_state:ok)');
}

/** Kills the servers this script started (by their pid files) and removes their data. */
function stopCluster() {
  for (const port of PORTS) {
    const pidFile = join(dir, String(port), 'redis.pid');
    if (!existsSync(pidFile)) continue;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    try {
      if (pid > 0) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

const env = platformEnv({
  REDIS_URL: `redis://${HOST}:${PORTS[0]}`,
  REDIS_CLUSTER_NODES: PORTS.map((port) => `${HOST}:${port}`).join(','),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});

if (process.argv.includes('--stop')) {
  stopCluster();
  say('Redis Cluster stopped');
  process.exit(0);
}
if (process.argv.includes('--start')) {
  await startCluster();
  process.stdout.write(`REDIS_URL=${env.REDIS_URL} REDIS_CLUSTER_NODES=${env.REDIS_CLUSTER_NODES}\n`);
  process.exit(0);
}

let failed = 0;
try {
  await startCluster();
  for (const suite of SUITES) {
    const args = ['vitest', 'run', ...(suite.config ? ['--config', suite.config] : []), ...suite.files];
    say(`${suite.project}: ${suite.config ? `vitest --config ${suite.config}` : suite.files.join(' ')} (on the cluster)`);
    const result = spawnSync('npx', args, { cwd: join(root, suite.project), env, stdio: 'inherit' });
    if (result.status !== 0) {
      failed += 1;
      process.stderr.write(`\x1b[31m✗ ${suite.project} failed on the Redis Cluster\x1b[0m\n`);
    }
  }
} catch (error) {
  failed += 1;
  process.stderr.write(`\x1b[31m✗ ${error instanceof Error ? error.message : String(error)}\x1b[0m\n`);
} finally {
  if (keep) say('Leaving the Redis Cluster running (--keep); a plain rerun stops it afterwards');
  else {
    stopCluster();
    say('Redis Cluster stopped');
  }
}
process.stdout.write(failed === 0 ? '\nredis-cluster: every suite passed\n' : `\nredis-cluster: ${failed} suite(s) failed\n`);
process.exit(failed === 0 ? 0 : 1);
