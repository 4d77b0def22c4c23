// npm run bench:gateway — what the gateway costs on the hottest path: a cached product read,
// measured directly against the catalog and through the gateway in one run, on this machine.
//
// It builds the catalog and the gateway (Nx cache makes that quick), migrates DATABASE_URL,
// starts both from dist/ on free ports with a fresh Redis prefix, creates one active product
// and warms its cache, then runs autocannon:
//   1. throughput: saturating load (BENCH_CONNECTIONS connections, BENCH_SECONDS seconds),
//      direct and through the gateway, alternated twice;
//   2. latency: a fixed request rate (BENCH_RATE, default 10% of the direct throughput), so
//      percentiles show service time, not queueing;
//   3. CPU time per request of each process (Linux /proc), which other load on the machine
//      disturbs far less than throughput and latency.
// The gateway runs with its real edge: rate limiting counts every request in Redis (the limit is
// raised so it never refuses), no token (public read), access logs at BENCH_LOG_LEVEL (warn).
// Figures are printed and written to the "Gateway" section of docs/benchmarks.md (other sections are kept).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { freePort } from '../libs/testing/src/built-service.js';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureDatabase } from '../libs/persistence/src/database-admin.js';
import { applyMigrations } from '../libs/persistence/src/migrations/migrator.js';
import { migrationsDir, repoRoot } from '../libs/persistence/src/paths.js';
import { minuteStamp, writeBenchmarkSection } from './lib/bench-report.js';
import { BENCH_ADMIN, ensureBenchSecrets, signedIdentity } from './lib/bench-secrets.js';

ensureBenchSecrets();

interface AutocannonResult {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  duration: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void;
  then: Promise<AutocannonResult>['then'];
}
type Autocannon = (options: { url: string; connections: number; duration: number; overallRate?: number; pipelining?: number }) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const root = repoRoot();
const env = process.env;
const databaseUrl = env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/shop';
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const connections = Number(env.BENCH_CONNECTIONS ?? 10);
const seconds = Number(env.BENCH_SECONDS ?? 10);
const logLevel = env.BENCH_LOG_LEVEL ?? 'warn';

function start(name: string, port: number, extra: Record<string, string>): { child: ChildProcess; url: string } {
  const child = spawn(process.execPath, [join(root, 'apps', name, 'dist', 'main.js')], {
    cwd: root,
    env: { ...env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, LOG_LEVEL: logLevel, ...extra },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not become ready`);
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /** CPU time (user + system) each watched process spent per request, in µs (Linux only). */
  cpuPerRequest: Record<string, number>;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds a process has used so far, from /proc (NaN elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One autocannon run; latencies are taken from every response (sub-millisecond precision). */
async function measure(url: string, options: { duration: number; overallRate?: number }, watch: Record<string, ChildProcess> = {}): Promise<Run> {
  const samples: number[] = [];
  const cpuBefore = Object.fromEntries(Object.entries(watch).map(([name, p]) => [name, cpuSeconds(p.pid)]));
  const instance = autocannon({ url, connections, duration: options.duration, overallRate: options.overallRate });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) samples.push(ms);
  });
  const result = await instance;
  samples.sort((a, b) => a - b);
  const cpuPerRequest = Object.fromEntries(
    Object.entries(watch).map(([name, p]) => [name, ((cpuSeconds(p.pid) - (cpuBefore[name] ?? Number.NaN)) * 1e6) / result.requests.total]),
  );
  return {
    rps: result.requests.total / result.duration,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    failures: result.non2xx + result.errors,
    cpuPerRequest,
  };
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);


async function main(): Promise<void> {
  console.log('» Building the catalog and the gateway');
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=@shop/catalog,@shop/gateway', '--outputStyle=static'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
  });
  if (build.status !== 0) throw new Error('build failed');
  console.log('» Migrating the database');
  await ensureDatabase(databaseUrl);
  await applyMigrations(databaseUrl, migrationsDir(), { log: () => undefined });

  const prefix = `bench:${Date.now().toString(36)}:`;
  const catalogPort = await freePort();
  const gatewayPort = await freePort();
  const catalog = start('catalog', catalogPort, { CATALOG_PORT: String(catalogPort), REDIS_PREFIX: prefix });
  const gateway = start('gateway', gatewayPort, {
    GATEWAY_PORT: String(gatewayPort),
    CATALOG_URL: catalog.url,
    REDIS_PREFIX: prefix,
    // Every request is still counted in Redis; the limit is only raised so none is refused.
    RATE_LIMIT_DEFAULT: '1000000000/60',
  });
  const stop = () => {
    for (const p of [gateway, catalog]) if (p.child.exitCode === null) p.child.kill('SIGTERM');
  };
  process.on('exit', stop);
  try {
    await waitReady(catalog.url);
    await waitReady(gateway.url);

    const tag = Date.now().toString(36);
    const created = await fetch(`${catalog.url}/api/admin/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedIdentity(BENCH_ADMIN, 'POST', '/api/admin/products') },
      body: JSON.stringify({
        title: `Bench Tee ${tag}`,
        status: 'active',
        variants: [{ sku: `BENCH-${tag.toUpperCase()}`, attributes: { size: 'M' }, price: { amount: 1999, currency: 'EUR' } }],
      }),
    });
    if (created.status !== 201) throw new Error(`could not create the bench product: ${created.status} ${await created.text()}`);
    const { slug } = (await created.json()) as { slug: string };
    const path = `/api/products/${slug}`;
    for (const base of [catalog.url, gateway.url]) await fetch(base + path).then((r) => r.text());
    const cache = (await fetch(catalog.url + path)).headers.get('x-cache');
    if (cache !== 'HIT') throw new Error(`the product read is not served from the cache (x-cache: ${cache})`);

    console.log(`» Warming up (${connections} connections)`);
    await measure(catalog.url + path, { duration: 2 });
    await measure(gateway.url + path, { duration: 2 });

    console.log(`» Throughput: ${seconds} s per run, direct and through the gateway, twice`);
    const direct: Run[] = [];
    const proxied: Run[] = [];
    for (let round = 0; round < 2; round++) {
      direct.push(await measure(catalog.url + path, { duration: seconds }, { catalog: catalog.child }));
      proxied.push(await measure(gateway.url + path, { duration: seconds }, { catalog: catalog.child, gateway: gateway.child }));
    }
    const mean = (runs: Run[]) => runs.reduce((s, r) => s + r.rps, 0) / runs.length;
    const directRps = mean(direct);
    const gatewayRps = mean(proxied);

    const rate = Number(env.BENCH_RATE ?? Math.max(100, Math.round((directRps * 0.1) / 100) * 100));
    console.log(`» Latency at a fixed ${rate} requests/s, ${seconds} s per run`);
    const directLatency = await measure(catalog.url + path, { duration: seconds, overallRate: rate });
    const gatewayLatency = await measure(gateway.url + path, { duration: seconds, overallRate: rate });
    const failures = [...direct, ...proxied, directLatency, gatewayLatency].reduce((s, r) => s + r.failures, 0);

    const cpu = (runs: Run[], name: string) => runs.reduce((sum, r) => sum + (r.cpuPerRequest[name] ?? Number.NaN), 0) / runs.length;
    const addedP50 = gatewayLatency.p50 - directLatency.p50;
    const addedP99 = gatewayLatency.p99 - directLatency.p99;
    const ratio = gatewayRps / directRps;
    const rows = [
      ['', 'direct (catalog)', 'through gateway', 'gateway adds / keeps'],
      ['throughput, req/s (saturated)', fmt(directRps, 0), fmt(gatewayRps, 0), `${fmt(ratio * 100, 1)} % of direct`],
      [`p50 latency @ ${rate} req/s, ms`, fmt(directLatency.p50, 3), fmt(gatewayLatency.p50, 3), `+${fmt(addedP50, 3)} ms`],
      [`p99 latency @ ${rate} req/s, ms`, fmt(directLatency.p99, 3), fmt(gatewayLatency.p99, 3), `+${fmt(addedP99, 3)} ms`],
      ['CPU per request, µs (catalog + gateway)', fmt(cpu(direct, 'catalog'), 0), `${fmt(cpu(proxied, 'catalog'), 0)} + ${fmt(cpu(proxied, 'gateway'), 0)}`, `+${fmt(cpu(proxied, 'gateway'), 0)} µs`],
    ];
    const table = rows.map((r, i) => `| ${r.join(' | ')} |${i === 0 ? `\n|${r.map(() => '---').join('|')}|` : ''}`).join('\n');
    const goals = `Goals: adds ≤ 1 ms at p99 (${addedP99 <= 1 ? 'met' : 'NOT met'}), keeps ≥ 70 % of direct throughput (${ratio >= 0.7 ? 'met' : 'NOT met'}).`;
    const cpuInfo = cpus();
    // Other work on the machine (a parallel build, another test run) moves these figures a lot.
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
    const machine = `${cpuInfo.length} × ${cpuInfo[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${load} (1/5/15 min) at the end`;
    console.log(`\n${table}\n\n${goals}\nFailures (non-2xx or errors): ${failures}\nMachine: ${machine}\n`);

    writeBenchmarkSection(
      'gateway',
      () =>
        `## Gateway — ${minuteStamp()} UTC\n\n` +
        `Cached product read (\`GET /api/products/:slug\`, x-cache HIT), ${connections} connections, ${seconds} s runs; ` +
        `machine: ${machine}; autocannon, catalog, gateway and Redis share the machine.\n\n${table}\n\n${goals} ` +
        `Failures: ${failures}.\n\n` +
        'Reading it: when load generator, gateway and catalog share the cores, every request through the gateway costs ' +
        'gateway + catalog CPU, so saturated throughput through it is bounded by catalog CPU / (catalog + gateway CPU), and ' +
        'latencies include waiting for a core; the CPU row is the figure other load on the machine disturbs least.\n\n' +
        'Reproduce: `npm run bench:gateway` (BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_RATE, BENCH_LOG_LEVEL; ' +
        'DATABASE_URL and REDIS_URL as for `npm start`).',
    );
    console.log('Wrote the "Gateway" section of docs/benchmarks.md');
  } finally {
    stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench:gateway failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
