// npm run bench:gateway — what the gateway costs on the hottest path: a cached product read,
// measured directly against the catalog and through the gateway in one run, on this machine.
//
// It builds the catalog and the gateway (Nx cache makes that quick), on a fresh database
// (created next to DATABASE_URL, dropped afterwards: the shop's own data and admin stay untouched)
// starts both from dist/ on free ports with a fresh Redis prefix, creates one active product
// and warms its cache, then measures three ways to the same read: direct, through a bare
// node:http + undici proxy (scripts/lib/bare-proxy.mjs, the floor of proxying in Node) and
// through the gateway:
//   1. throughput: saturating autocannon load (BENCH_CONNECTIONS connections, BENCH_SECONDS
//      seconds), the three alternated twice;
//   2. CPU time per request of each process (Linux /proc), which other load on the machine
//      disturbs far less than throughput and latency;
//   3. latency at an even, light arrival rate (BENCH_RATE, default 200/s; scripts/lib/paced-load.ts),
//      so percentiles show service time, not queueing;
//   4. when valgrind is installed (BENCH_INSTRUCTIONS=0 skips it): instructions per request of the
//      bare proxy and of the gateway, each run again under callgrind (scripts/lib/instruction-count.ts),
//      the figure other load does not move, to tell a change's effect from this machine's noise.
// The gateway runs with its real edge: rate limiting counts every request in Redis (the limit is
// raised so it never refuses), no token (public read), access logs at BENCH_LOG_LEVEL (warn).
// Goals (issue 12): the gateway's CPU per request <= 1.3x the bare proxy's; p99 <= direct + 1 ms.
// Figures are printed and written to the "Gateway" section of docs/benchmarks.md and to
// reports/bench/gateway.json; the exit code is 1 when a goal is missed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { freePort } from '../libs/testing/src/built-service.js';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase } from '../libs/persistence/src/database-admin.js';
import { repoRoot } from '../libs/persistence/src/paths.js';
import { keptNotes, minuteStamp, writeBenchJson, writeBenchmarkSection } from './lib/bench-report.js';
import { benchDatabase, cpuSeconds, memoryGoal, nodeFlagsOf, peakRssMb, percentile, spawnBuiltService, waitReady } from './lib/bench-process.js';
import { pacedLoad } from './lib/paced-load.js';
import { BENCH_ADMIN, ensureBenchSecrets, signedIdentity } from './lib/bench-secrets.js';
import { withNativeMemoryDefaults } from './lib/apps.mjs';
import { callgrindAvailable, countInstructions, spawnUnderCallgrind, type InstructionCount } from './lib/instruction-count.js';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

ensureBenchSecrets();
// Every process the bench starts, services and baselines alike, gets the services' malloc settings.
withNativeMemoryDefaults(process.env);

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
type Autocannon = (options: { url: string; connections: number; duration?: number; amount?: number; overallRate?: number; pipelining?: number }) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const root = repoRoot();
const env = process.env;
const serverUrl = env.TEST_DATABASE_URL ?? env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
let databaseUrl = '';
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const connections = Number(env.BENCH_CONNECTIONS ?? 10);
const seconds = Number(env.BENCH_SECONDS ?? 10);
const logLevel = env.BENCH_LOG_LEVEL ?? 'warn';
/** A light, even arrival rate for the latency figures. */
const rate = Number(env.BENCH_RATE ?? 200);

const serviceEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ ...env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, LOG_LEVEL: logLevel, ...extra });

function start(name: string, port: number, extra: Record<string, string>): { child: ChildProcess; url: string } {
  const child = spawnBuiltService(root, name, serviceEnv(extra));
  return { child, url: `http://127.0.0.1:${port}` };
}

/** The gateway's environment in this bench, on `port`, in front of the catalog at `catalogUrl`. */
function gatewayEnv(port: number, catalogUrl: string, prefix: string): Record<string, string> {
  return {
    GATEWAY_PORT: String(port),
    CATALOG_URL: catalogUrl,
    REDIS_PREFIX: prefix,
    // Every request is still counted in Redis; the limit is only raised so none is refused.
    RATE_LIMIT_DEFAULT: '1000000000/60',
  };
}

/** The bare node:http + undici proxy (scripts/lib/bare-proxy.mjs) in front of `target`. */
function startBareProxy(port: number, target: string): { child: ChildProcess; url: string } {
  const profile = env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, join(root, 'scripts', 'lib', 'bare-proxy.mjs')], {
    cwd: root,
    env: { ...env, BARE_PROXY_TARGET: target, BARE_PROXY_PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

interface Run {
  rps: number;
  failures: number;
  /** CPU time (user + system) each watched process spent per request, in µs (Linux only). */
  cpuPerRequest: Record<string, number>;
}

/** One saturating autocannon run, with the CPU time the watched processes spent per request. */
async function measure(url: string, duration: number, watch: Record<string, ChildProcess> = {}): Promise<Run> {
  const cpuBefore = Object.fromEntries(Object.entries(watch).map(([name, p]) => [name, cpuSeconds(p.pid)]));
  const result = await autocannon({ url, connections, duration });
  const cpuPerRequest = Object.fromEntries(
    Object.entries(watch).map(([name, p]) => [name, ((cpuSeconds(p.pid) - (cpuBefore[name] ?? Number.NaN)) * 1e6) / result.requests.total]),
  );
  return { rps: result.requests.total / result.duration, failures: result.non2xx + result.errors, cpuPerRequest };
}

interface Latency {
  p50: number;
  p99: number;
  failures: number;
}

/** Latency at an even, light arrival rate (paced-load.ts), so percentiles show service time, not queueing. */
async function latencyAt(url: string, rate: number): Promise<Latency> {
  const run = await pacedLoad({ url, rate, seconds, connections });
  return { p50: percentile(run.samples, 50), p99: percentile(run.samples, 99), failures: run.failures };
}

/** Requests before counting (so the code is compiled as in a long run) and requests counted. */
const instructionWarmup = Number(env.BENCH_INSTRUCTIONS_WARMUP ?? 12000);
const instructionRequests = Number(env.BENCH_INSTRUCTIONS_REQUESTS ?? 3000);

/**
 * Starts `node <nodeArgs>` under callgrind (alone: the other copy of it has stopped), waits until
 * `url` answers, warms it up and counts the instructions of a fixed number of requests.
 */
async function instructionsOf(name: string, nodeArgs: string[], procEnv: NodeJS.ProcessEnv, url: string, dir: string): Promise<InstructionCount> {
  const outFile = join(dir, name);
  const log = openSync(join(dir, `${name}.log`), 'w');
  const child = spawnUnderCallgrind(nodeArgs, outFile, { cwd: root, env: procEnv, stdio: ['ignore', log, log] });
  try {
    // Under valgrind a start takes tens of seconds.
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`${name} under callgrind exited with ${child.exitCode} (see ${dir}/${name}.log)`);
      if (i > 600) throw new Error(`${name} under callgrind did not answer within 150 s`);
      const ok = await fetch(url).then((r) => r.text().then(() => r.ok), () => false);
      if (ok) break;
      await sleep(250);
    }
    await autocannon({ url, connections, amount: instructionWarmup });
    return await countInstructions(child.pid!, outFile, instructionRequests, async () => {
      const run = await autocannon({ url, connections, amount: instructionRequests });
      if (run.requests.total !== instructionRequests || run.non2xx + run.errors > 0) {
        throw new Error(`${name}: ${run.requests.total} requests, ${run.non2xx} non-2xx, ${run.errors} errors while counting`);
      }
    });
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    closeSync(log);
  }
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

async function main(): Promise<void> {
  console.log('» Building the catalog and the gateway');
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=@shop/catalog,@shop/gateway', '--outputStyle=static'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
  });
  if (build.status !== 0) throw new Error('build failed');
  console.log('» Creating and migrating the bench database');
  ({ databaseUrl } = await benchDatabase(serverUrl, 'bench_gateway'));

  const prefix = `bench:${Date.now().toString(36)}:`;
  const [catalogPort, gatewayPort, barePort] = [await freePort(), await freePort(), await freePort()];
  const catalog = start('catalog', catalogPort, { CATALOG_PORT: String(catalogPort), REDIS_PREFIX: prefix });
  const gateway = start('gateway', gatewayPort, gatewayEnv(gatewayPort, catalog.url, prefix));
  const bare = startBareProxy(barePort, catalog.url);
  const stop = () => {
    for (const p of [gateway, bare, catalog]) if (p.child.exitCode === null) p.child.kill('SIGTERM');
  };
  process.on('exit', stop);
  try {
    await waitReady(catalog.url, catalog.child, 'catalog');
    await waitReady(gateway.url, gateway.child, 'gateway');
    await waitReady(bare.url, bare.child, 'bare proxy');

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
    const targets = { direct: catalog.url + path, bare: bare.url + path, gateway: gateway.url + path };
    for (const url of Object.values(targets)) await fetch(url).then((r) => r.text());
    const cache = (await fetch(targets.direct)).headers.get('x-cache');
    if (cache !== 'HIT') throw new Error(`the product read is not served from the cache (x-cache: ${cache})`);

    console.log(`» Warming up (${connections} connections)`);
    for (const url of Object.values(targets)) await measure(url, 2);

    console.log(`» Throughput and CPU: ${seconds} s per run, direct, through the bare proxy and through the gateway, twice`);
    const runs: Record<'direct' | 'bare' | 'gateway', Run[]> = { direct: [], bare: [], gateway: [] };
    for (let round = 0; round < 2; round++) {
      runs.direct.push(await measure(targets.direct, seconds, { catalog: catalog.child }));
      runs.bare.push(await measure(targets.bare, seconds, { catalog: catalog.child, proxy: bare.child }));
      runs.gateway.push(await measure(targets.gateway, seconds, { catalog: catalog.child, proxy: gateway.child }));
    }
    const rps = (name: keyof typeof runs) => mean(runs[name].map((r) => r.rps));
    const cpu = (name: keyof typeof runs, process: string) => mean(runs[name].map((r) => r.cpuPerRequest[process] ?? Number.NaN));

    console.log(`» Latency at an even ${rate} requests/s, ${seconds} s per run`);
    const latency = { direct: await latencyAt(targets.direct, rate), bare: await latencyAt(targets.bare, rate), gateway: await latencyAt(targets.gateway, rate) };
    const failures = Object.values(runs).flat().reduce((s, r) => s + r.failures, 0) + Object.values(latency).reduce((s, l) => s + l.failures, 0);

    let instructions: { bare: InstructionCount; gateway: InstructionCount } | undefined;
    if (env.BENCH_INSTRUCTIONS !== '0' && callgrindAvailable()) {
      console.log(`» Instructions per request under callgrind: ${instructionWarmup} requests to warm up, ${instructionRequests} counted; the bare proxy, then the gateway`);
      const dir = mkdtempSync(join(tmpdir(), 'bench-gateway-callgrind-'));
      try {
        const [barePort2, gatewayPort2] = [await freePort(), await freePort()];
        const bareCount = await instructionsOf(
          'bare-proxy',
          [join(root, 'scripts', 'lib', 'bare-proxy.mjs')],
          { ...env, BARE_PROXY_TARGET: catalog.url, BARE_PROXY_PORT: String(barePort2) },
          `http://127.0.0.1:${barePort2}${path}`,
          dir,
        );
        const gatewayCount = await instructionsOf(
          'gateway',
          [...nodeFlagsOf('gateway'), join(root, 'apps', 'gateway', 'dist', 'main.js')],
          serviceEnv(gatewayEnv(gatewayPort2, catalog.url, prefix)),
          `http://127.0.0.1:${gatewayPort2}${path}`,
          dir,
        );
        instructions = { bare: bareCount, gateway: gatewayCount };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      console.log('» Instructions per request: skipped (BENCH_INSTRUCTIONS=0, or valgrind is not installed)');
    }

    const gatewayCpu = cpu('gateway', 'proxy');
    const bareCpu = cpu('bare', 'proxy');
    const cpuRatio = gatewayCpu / bareCpu;
    const addedP99 = latency.gateway.p99 - latency.direct.p99;
    const goals = [
      { goal: 'gateway CPU per proxied request <= 1.3x the bare node:http + undici proxy', figure: `${fmt(cpuRatio)}x (${fmt(gatewayCpu, 0)} vs ${fmt(bareCpu, 0)} µs)`, met: cpuRatio <= 1.3 },
      { goal: `added p99 over direct at ${rate} req/s <= 1 ms`, figure: `${fmt(addedP99, 3)} ms`, met: addedP99 <= 1 },
      memoryGoal({ catalog: peakRssMb(catalog.child.pid), gateway: peakRssMb(gateway.child.pid) }),
    ];
    const rows = [
      ['', 'direct (catalog)', 'bare proxy', 'gateway'],
      ['throughput, req/s (saturated)', fmt(rps('direct'), 0), fmt(rps('bare'), 0), fmt(rps('gateway'), 0)],
      ['throughput, % of direct', '100', fmt((rps('bare') / rps('direct')) * 100, 1), fmt((rps('gateway') / rps('direct')) * 100, 1)],
      [`p50 latency @ ${rate} req/s, ms`, fmt(latency.direct.p50, 3), fmt(latency.bare.p50, 3), fmt(latency.gateway.p50, 3)],
      [`p99 latency @ ${rate} req/s, ms`, fmt(latency.direct.p99, 3), fmt(latency.bare.p99, 3), fmt(latency.gateway.p99, 3)],
      ['CPU per request, µs: proxy', '—', fmt(bareCpu, 0), fmt(gatewayCpu, 0)],
      ['CPU per request, µs: catalog', fmt(cpu('direct', 'catalog'), 0), fmt(cpu('bare', 'catalog'), 0), fmt(cpu('gateway', 'catalog'), 0)],
      ...(instructions
        ? [
            ['instructions per request, thousands: proxy main thread', '—', fmt(instructions.bare.mainThread / 1000, 0), fmt(instructions.gateway.mainThread / 1000, 0)],
            ['instructions per request, thousands: proxy other threads', '—', fmt(instructions.bare.otherThreads / 1000, 0), fmt(instructions.gateway.otherThreads / 1000, 0)],
          ]
        : []),
    ];
    const table = rows.map((r, i) => `| ${r.join(' | ')} |${i === 0 ? `\n|${r.map(() => '---').join('|')}|` : ''}`).join('\n');
    const goalText = `Goals: ${goals.map((g) => `${g.goal}: ${g.figure} (${g.met ? 'met' : 'NOT met'})`).join('; ')}.`;
    const instructionText = instructions
      ? `Instructions (callgrind, user space; each proxy run again alone under valgrind, ${instructionRequests} requests counted after ${instructionWarmup}): ` +
        `the gateway's main thread runs ${fmt(instructions.gateway.mainThread / instructions.bare.mainThread)}x the bare proxy's instructions per request ` +
        `(${fmt(instructions.gateway.mainThread / 1000, 0)}k vs ${fmt(instructions.bare.mainThread / 1000, 0)}k). This ratio is not the goal (CPU time is), ` +
        'but other load does not move it: it tells a change from the noise. Other threads are V8\'s compiler and GC helpers, which under valgrind\'s ' +
        'slower clock still compile in the counted window, so they read higher than in a normal run.\n\n'
      : '';
    const cpuInfo = cpus();
    // Other work on the machine (a parallel build, another test run) moves these figures a lot.
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
    const machine = `${cpuInfo.length} × ${cpuInfo[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${load} (1/5/15 min) at the end`;
    console.log(`\n${table}\n\n${goalText}\n${instructionText}Failures (non-2xx or errors): ${failures}\nMachine: ${machine}\n`);

    writeBenchmarkSection(
      'gateway',
      (previous) =>
        `## Gateway — ${minuteStamp()} UTC\n\n` +
        `Cached product read (\`GET /api/products/:slug\`, x-cache HIT), ${connections} connections, ${seconds} s runs; ` +
        `machine: ${machine}; autocannon, catalog, proxies and Redis share the machine.\n\n${table}\n\n${goalText} ` +
        `Failures: ${failures}.\n\n` +
        instructionText +
        'Reading it: the bare proxy (scripts/lib/bare-proxy.mjs) is node:http + undici and nothing else; the gateway adds ' +
        'authentication, the rate limit counted in Redis, security headers, request ids, logs, metrics and the resilience policies. ' +
        'When load generator, proxy and catalog share the cores, saturated throughput through a proxy is bounded by catalog CPU / ' +
        '(catalog + proxy CPU), and latencies include waiting for a core; the CPU rows are the figures other load disturbs least.\n\n' +
        'Reproduce: `npm run bench:gateway` (BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_RATE, BENCH_LOG_LEVEL, BENCH_CPU_PROF=<dir>; ' +
        'BENCH_INSTRUCTIONS=0 skips the callgrind counts, BENCH_INSTRUCTIONS_WARMUP and BENCH_INSTRUCTIONS_REQUESTS size them; ' +
        'DATABASE_URL and REDIS_URL as for `npm start`).\n\n' +
        // Hand-written analysis between the notes markers survives a re-run.
        keptNotes('gateway', previous),
    );
    writeBenchJson('gateway', {
      at: new Date().toISOString(),
      machine,
      setup: { connections, seconds, rate },
      measured: {
        directRps: Math.round(rps('direct')),
        bareProxyRps: Math.round(rps('bare')),
        gatewayRps: Math.round(rps('gateway')),
        bareProxyCpuUsPerRequest: Math.round(bareCpu),
        gatewayCpuUsPerRequest: Math.round(gatewayCpu),
        catalogCpuUsPerRequest: Math.round(cpu('direct', 'catalog')),
        latencyMs: latency,
        ...(instructions ? { instructionsPerRequest: { ...instructions, mainThreadRatio: instructions.gateway.mainThread / instructions.bare.mainThread } } : {}),
        failures,
      },
      goals,
    });
    console.log('Wrote the "Gateway" section of docs/benchmarks.md and reports/bench/gateway.json');
    if (goals.some((g) => !g.met)) process.exitCode = 1;
  } finally {
    stop();
    await Promise.all([gateway, bare, catalog].map((p) => (p.child.exitCode === null ? once(p.child, 'exit') : undefined)));
    await dropDatabase(databaseUrl).catch(() => undefined);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(`bench:gateway failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
