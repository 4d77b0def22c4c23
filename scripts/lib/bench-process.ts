// What a benchmark needs of the processes it runs: built services started from dist/, their
// readiness, their CPU time from /proc, a seeded PRNG and percentiles.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureDatabase, withMaintenanceClient } from '../../libs/persistence/src/database-admin.js';
import { quoteIdent, withDatabaseName } from '../../libs/persistence/src/database-url.js';
import { applyMigrations } from '../../libs/persistence/src/migrations/migrator.js';
import { migrationsDir } from '../../libs/persistence/src/paths.js';
import { apps } from './apps.mjs';

/**
 * Starts `apps/<name>/dist/main.js` with `env` and the node flags `npm start` gives it
 * (scripts/lib/apps.mjs); BENCH_CPU_PROF=<dir> makes it write a V8 CPU profile there when it stops.
 */
export function spawnBuiltService(root: string, name: string, env: NodeJS.ProcessEnv): ChildProcess {
  const profile = env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : [];
  return spawn(process.execPath, [...nodeFlagsOf(name), ...profile, join(root, 'apps', name, 'dist', 'main.js')], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** The node flags every launcher gives the app (scripts/lib/apps.mjs): a bench runs the services as `npm start` does. */
export function nodeFlagsOf(name: string): string[] {
  return [...(apps.find((a) => a.name === name)?.nodeFlags ?? [])];
}

/** Waits (up to a minute) until `<url>/health/ready` answers 2xx; fails at once when the process exits. */
export async function waitReady(url: string, child: ChildProcess, name: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${name} did not become ready`);
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds (user + system) a process has used so far, from /proc (NaN elsewhere). */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** The largest resident set (MB) a process has had so far: the kernel's high-water mark (VmHWM in /proc), NaN elsewhere. */
export function peakRssMb(pid: number | undefined): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Issue 12's memory goal for the services a bench ran: each one's peak RSS so far (read while they run) at most 300 MB. */
export function memoryGoal(peaks: Record<string, number>): { goal: string; figure: string; met: boolean } {
  const entries = Object.entries(peaks);
  return {
    goal: "every service's peak RSS during the bench <= 300 MB",
    figure: entries.map(([name, mb]) => `${name} ${Number.isFinite(mb) ? Math.round(mb) : 'n/a'} MB`).join(', '),
    met: entries.length > 0 && entries.every(([, mb]) => Number.isFinite(mb) && mb <= 300),
  };
}

/** The p-th percentile of ascending samples (nearest rank), NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** mulberry32: a small seeded PRNG, the same data on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Ends the run (exit 2) if it is still going after `minutes`, killing the processes it started;
 * so does Ctrl-C or a SIGTERM (exit 130), which would otherwise leave them running and loading the
 * machine (the list is read then, so processes pushed onto it later count). The run's database is
 * dropped by the next run of the bench (its owner is gone).
 */
export function giveUpAfter(minutes: number, children?: readonly ChildProcess[]): void {
  const deadline = setTimeout(() => {
    process.stderr.write(`[bench] still running after ${minutes} minutes: giving up\n`);
    for (const c of children ?? []) c.kill('SIGKILL');
    process.exit(2);
  }, minutes * 60_000 - 10_000);
  deadline.unref();
  // A bench that passes no list (bench:checkout) cleans up on these signals itself.
  if (!children) return;
  const interrupted = () => {
    process.stderr.write('[bench] interrupted: stopping the processes it started\n');
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
}

/** Builds the apps (`@shop/<name>`) the run starts; `onlyMissing`: only when one has no dist/main.js yet. */
export function buildApps(root: string, names: readonly string[], onlyMissing = false): void {
  if (onlyMissing && names.every((n) => existsSync(join(root, 'apps', n, 'dist', 'main.js')))) return;
  const projects = names.map((n) => `@shop/${n}`).join(',');
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', `--projects=${projects}`, '--outputStyle=static'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
  });
  if (build.status !== 0) throw new Error('the build failed');
}

/**
 * The bench process that made `<name>_<time>_<pid>`, or null when `datname` is not such a name.
 * A run ends by dropping its database, but the safety net (giveUpAfter) and a kill do not.
 */
export function benchDatabaseOwner(name: string, datname: string): number | null {
  const match = new RegExp(`^${name}_\\d+_(\\d+)$`).exec(datname);
  return match ? Number(match[1]) : null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops the databases earlier runs of this bench left behind (their process is gone); a run still going keeps its own. */
async function dropLeftoverBenchDatabases(serverUrl: string, name: string): Promise<string[]> {
  return withMaintenanceClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [`${name}_`]);
    const dropped: string[] = [];
    for (const { datname } of rows) {
      const owner = benchDatabaseOwner(name, datname);
      if (owner === null || owner === process.pid || isRunning(owner)) continue;
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
      dropped.push(datname);
    }
    return dropped;
  });
}

/** A database of its own for this run (`<name>_<time>_<pid>` on the server of `serverUrl`), migrated. */
export async function benchDatabase(serverUrl: string, name: string): Promise<{ databaseUrl: string; databaseName: string }> {
  const leftovers = await dropLeftoverBenchDatabases(serverUrl, name);
  if (leftovers.length > 0) process.stderr.write(`[bench] dropped ${leftovers.length} database(s) left by earlier runs: ${leftovers.join(', ')}\n`);
  const databaseName = `${name}_${Date.now()}_${process.pid}`;
  const databaseUrl = withDatabaseName(serverUrl, databaseName);
  await ensureDatabase(databaseUrl);
  await applyMigrations(databaseUrl, migrationsDir(), { log: () => undefined });
  return { databaseUrl, databaseName };
}
