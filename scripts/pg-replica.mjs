// `npm run test:pg-replica`: makes a streaming replica of the local PostgreSQL cluster (Debian's
// pg_createcluster, its data directory replaced by a pg_basebackup of the primary), runs the
// read-replica tests of the catalog and search against it, and stops the replica at the end. Exit code = the tests' result.
//
// Needs root (pg_createcluster, files owned by the postgres user) and the primary on
// 127.0.0.1:PG_PRIMARY_PORT with trust auth for `postgres`, as on these machines.
//   PG_REPLICA_PORT     port of the replica cluster (default 5433)
//   PG_PRIMARY_PORT     port of the primary (default 5432)
//   PG_REPLICA_VERSION  PostgreSQL major version (default: the version of the `main` cluster)
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { platformEnv, root, say } from './lib/platform.mjs';

const CLUSTER = 'replica';
/**
 * The primary keeps the WAL the replica still needs while it is stopped mid-test (other tests'
 * CREATE DATABASE checkpoints recycle WAL within minutes here). Dropped at the end of every run:
 * a slot without its replica would keep WAL on the shared primary forever.
 */
const SLOT = 'shop_pg_replica';
/** The apps that read from the replica, each with its `test/*.pg-replica.ts` (vitest.pg-replica.config.ts). */
const PROJECTS = ['catalog', 'search'];
const port = Number(process.env.PG_REPLICA_PORT ?? 5433);
const primaryPort = Number(process.env.PG_PRIMARY_PORT ?? 5432);
const version = process.env.PG_REPLICA_VERSION ?? mainClusterVersion();
const bin = (tool) => `/usr/lib/postgresql/${version}/bin/${tool}`;
const dataDir = `/var/lib/postgresql/${version}/${CLUSTER}`;
const confDir = `/etc/postgresql/${version}/${CLUSTER}`;

function mainClusterVersion() {
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql').filter((v) => existsSync(`/etc/postgresql/${v}/main`)) : [];
  if (versions.length === 0) fail('no Debian PostgreSQL cluster "main" in /etc/postgresql (set PG_REPLICA_VERSION)');
  return versions.sort((a, b) => Number(b) - Number(a))[0];
}

function fail(message) {
  process.stderr.write(`pg-replica: ${message}\n`);
  process.exit(1);
}

/** Runs a command to its end; its output, or a thrown error with its stderr. */
function exec(command, args, { quiet = false } = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    const why = (result.stderr || result.stdout || String(result.error ?? '')).trim();
    if (quiet) throw new Error(why);
    throw new Error(`${command} ${args.join(' ')} failed: ${why}`);
  }
  return result.stdout.trim();
}

/** One value from psql (-At: unaligned, tuples only) against the primary or the replica. */
function sql(atPort, query, conninfo = '') {
  return exec('psql', [`host=127.0.0.1 port=${atPort} user=postgres dbname=postgres connect_timeout=3 ${conninfo}`, '-XAtc', query], { quiet: true });
}

function clusterExists() {
  return existsSync(confDir);
}

function clusterRunning() {
  return spawnSync('pg_ctlcluster', [version, CLUSTER, 'status'], { encoding: 'utf8' }).status === 0;
}

function pgCtl(action) {
  exec('pg_ctlcluster', ['--skip-systemctl-redirect', version, CLUSTER, action, ...(action === 'stop' ? ['-m', 'fast'] : [])]);
}

/**
 * The primary must accept a replication connection from loopback. wal_level and max_wal_senders
 * need a restart to change: never done here (other tests use the primary); the script stops and
 * says so. A missing pg_hba line is added and the configuration reloaded (no restart).
 */
function ensurePrimaryAllowsReplication() {
  const walLevel = sql(primaryPort, 'SHOW wal_level');
  const senders = Number(sql(primaryPort, 'SHOW max_wal_senders'));
  if (!['replica', 'logical'].includes(walLevel) || senders < 1) {
    fail(`the primary has wal_level=${walLevel}, max_wal_senders=${senders}: streaming needs wal_level=replica and max_wal_senders>0, which takes a restart of the primary (not done by this script)`);
  }
  const identify = () => sql(primaryPort, 'IDENTIFY_SYSTEM', 'replication=true');
  try {
    identify();
    return;
  } catch (err) {
    if (!/pg_hba\.conf/.test(String(err))) throw err;
  }
  const hbaFile = sql(primaryPort, 'SHOW hba_file');
  const line = 'host replication postgres 127.0.0.1/32 trust';
  say(`The primary refuses replication connections: adding "${line}" to ${hbaFile} and reloading its configuration (no restart)`);
  appendFileSync(hbaFile, `\n# Added by scripts/pg-replica.mjs: the local read replica streams from here.\n${line}\n`);
  sql(primaryPort, 'SELECT pg_reload_conf()');
  for (let i = 0; i < 20; i++) {
    try {
      identify();
      return;
    } catch {
      spawnSync('sleep', ['0.25']);
    }
  }
  fail(`the primary still refuses replication connections after adding the pg_hba line; see ${hbaFile}`);
}

/** Whether the existing replica cluster was made from this primary (same system identifier) on our port and can still catch up. */
function replicaFitsPrimary() {
  if (!existsSync(join(dataDir, 'standby.signal'))) return false;
  if (!readFileSync(join(dataDir, 'postgresql.auto.conf'), 'utf8').includes(`primary_slot_name = '${SLOT}'`)) return false;
  const conf = readFileSync(join(confDir, 'postgresql.conf'), 'utf8');
  if (!new RegExp(`^port\\s*=\\s*${port}\\b`, 'm').test(conf)) return false;
  const control = exec(bin('pg_controldata'), [dataDir]);
  const replicaId = /Database system identifier:\s*(\d+)/.exec(control)?.[1];
  if (replicaId !== sql(primaryPort, 'SELECT system_identifier FROM pg_control_system()')) return false;
  // The primary must still have the WAL from the replica's last restart point on (it recycles old segments).
  const redoFile = /Latest checkpoint's REDO WAL file:\s*([0-9A-F]{24})/.exec(control)?.[1];
  return !!redoFile && sql(primaryPort, `SELECT count(*) FROM pg_ls_waldir() WHERE name = '${redoFile}'`) === '1';
}

/**
 * Streaming, and replayed what the primary had written when the wait began. (The WAL receiver
 * says "streaming" for a moment even when the primary no longer has the WAL it asks for.)
 */
async function untilStreaming(timeoutMs) {
  const target = sql(primaryPort, 'SELECT pg_current_wal_lsn()');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const caughtUp = sql(port, `SELECT (SELECT status FROM pg_stat_wal_receiver) = 'streaming' AND pg_last_wal_replay_lsn() >= '${target}'::pg_lsn`);
      if (caughtUp === 't') return true;
    } catch {
      // still starting
    }
    await sleep(250);
  }
  return false;
}

function slotExists() {
  return sql(primaryPort, `SELECT count(*) FROM pg_replication_slots WHERE slot_name = '${SLOT}'`) === '1';
}

function dropSlot() {
  if (slotExists()) sql(primaryPort, `SELECT pg_drop_replication_slot('${SLOT}')`);
}

function createReplica() {
  if (clusterExists()) {
    say(`Dropping the stale replica cluster ${version}/${CLUSTER}`);
    exec('pg_dropcluster', ['--stop', version, CLUSTER]);
  }
  say(`Creating the replica cluster ${version}/${CLUSTER} on port ${port} from a base backup of port ${primaryPort}`);
  exec('pg_createcluster', [version, CLUSTER, '-p', String(port), '--start-conf', 'manual']);
  // Our own cluster, loopback only, like the primary here: trust for local tests.
  writeFileSync(join(confDir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { mode: 0o700 });
  exec('chown', ['postgres:postgres', dataDir]);
  dropSlot();
  // -R: standby.signal, primary_conninfo and primary_slot_name; -C -S: the slot, created with the
  // backup; -X stream: the WAL of the backup's own duration; -c fast: no wait for a checkpoint.
  exec('runuser', ['-u', 'postgres', '--', bin('pg_basebackup'), '-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', dataDir, '-R', '-C', '-S', SLOT, '-X', 'stream', '-c', 'fast']);
}

async function ensureReplicaStreaming() {
  ensurePrimaryAllowsReplication();
  if (clusterExists() && replicaFitsPrimary()) {
    // Its slot was dropped after the last run: a new one keeps WAL from now on.
    if (!slotExists()) sql(primaryPort, `SELECT pg_create_physical_replication_slot('${SLOT}', true)`);
    if (!clusterRunning()) pgCtl('start');
    // WAL it missed while stopped may be gone from the primary: then it cannot catch up and is made anew.
    if (await untilStreaming(15_000)) return say(`Reusing the replica ${version}/${CLUSTER} on port ${port}: streaming`);
    say('The existing replica does not stream');
  }
  createReplica();
  pgCtl('start');
  if (!(await untilStreaming(60_000))) throw new Error(`the new replica on port ${port} does not stream; see /var/log/postgresql/postgresql-${version}-${CLUSTER}.log`);
  say(`Replica ${version}/${CLUSTER} on port ${port}: streaming`);
}

/** Runs a command with inherited output; resolves to its exit code (signals reach it as well as us). */
function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
}

if (process.getuid?.() !== 0) fail('must run as root (pg_createcluster and pg_ctlcluster of the replica cluster)');
// An interrupted run still stops the replica (below): the children get the signal themselves.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => undefined);

let exitCode = 1;
let summary = '';
try {
  await ensureReplicaStreaming();
  const env = platformEnv({
    DATABASE_REPLICA_URL: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    PG_REPLICA_VERSION: version,
    PG_REPLICA_CLUSTER: CLUSTER,
    TEST_RESULTS_DIR: join(root, 'tmp', 'pg-replica-results'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  rmSync(env.TEST_RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(env.TEST_RESULTS_DIR, { recursive: true });
  say('Building the catalog and search (the tests run the built catalog)');
  exitCode = await run('npx', ['nx', 'run-many', '-t', 'build', '-p', ...PROJECTS.map((p) => `@shop/${p}`), '--outputStyle=static'], { cwd: root, env });
  if (exitCode === 0) {
    let passed = 0;
    let failed = 0;
    for (const project of PROJECTS) {
      say(`Read-replica tests of ${project}`);
      const code = await run('npx', ['vitest', 'run', '--config', 'vitest.pg-replica.config.ts'], { cwd: join(root, 'apps', project), env });
      if (code !== 0) exitCode = code;
      const report = join(env.TEST_RESULTS_DIR, `apps-${project}.json`);
      if (!existsSync(report)) {
        failed += 1;
        continue;
      }
      const { numPassedTests, numFailedTests, numFailedTestSuites } = JSON.parse(readFileSync(report, 'utf8'));
      passed += numPassedTests;
      // A file that failed in its setup fails no test of its own: it still counts as one failure.
      failed += Math.max(numFailedTests, numFailedTestSuites);
    }
    summary = `pg-replica: ${passed} passed, ${failed} failed`;
  }
} catch (err) {
  process.stderr.write(`pg-replica: ${err instanceof Error ? err.message : String(err)}\n`);
  exitCode = 1;
} finally {
  if (clusterExists() && clusterRunning()) {
    say(`Stopping the replica ${version}/${CLUSTER}`);
    try {
      pgCtl('stop');
    } catch (err) {
      process.stderr.write(`pg-replica: could not stop the replica: ${String(err)}\n`);
      exitCode = 1;
    }
  }
  try {
    dropSlot();
  } catch (err) {
    process.stderr.write(`pg-replica: could not drop the replication slot ${SLOT} on the primary (drop it by hand: it keeps WAL): ${String(err)}\n`);
    exitCode = 1;
  }
}
// The tests' count is the last line, after the replica stopped.
if (summary) process.stdout.write(`\n${summary}\n`);
process.exit(exitCode);
