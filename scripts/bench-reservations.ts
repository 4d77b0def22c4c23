// npm run bench:reservations — the flash-sale engine against the textbook baseline, in one run.
//
// On a fresh database (created next to DATABASE_URL, dropped afterwards) it starts one built
// inventory process (apps/inventory/dist) with the benchmark-only baseline route enabled and one
// built gateway (apps/gateway/dist) that finds it through the instance registry (same REDIS_PREFIX
// and INVENTORY_PARTITIONS; INVENTORY_URL is the same process; rate limits off), both built first
// when missing, then, through HTTP with autocannon:
//   0. the ceiling: the closed-model load of 1. against a bare node:http server that parses the
//      body and answers 201 (scripts/lib/bare-http.mjs): what Node's HTTP stack allows here;
//   1. single hot SKU sell-out, closed model: stock 10,000, demand 5x (50,000 requests) from 200
//      concurrent connections, 10% of requests retried with an earlier key and the same body;
//      (a) the engine (POST /api/inventory/reservations), (b) the same engine through the gateway
//      with a registered customer's bearer token on every request, and (c) the naive baseline
//      (POST /api/inventory/naive/reservations: one transaction per request, SELECT ... FOR UPDATE);
//   2. open model: a fixed, even arrival rate (5,000 req/s for 10 s, scripts/lib/paced-load.ts, latencies
//      counted from each request's due instant) on a SKU with stock for every request, both targets;
//   the naive baseline's phases run last: each service's peak RSS (issue 12's memory goal) is read
//   before them, as the baseline route shares the inventory process and its backlog is its own;
// checks the invariants from the database (accepted = stock, one effect per key, onHand =
// available + reserved + committed, items = reserved), prints a table and the ratios, and
// writes the "Inventory reservations" section of docs/benchmarks.md and reports/bench/reservations.json
// (issue 12's goals as ratios of this run; exit code 1 when one is missed). Each target gets a short
// warm-up first. Knobs: BENCH_STOCK, BENCH_CONNECTIONS, BENCH_RATE, BENCH_OPEN_SECONDS, BENCH_NODE_ARGS,
// BENCH_CPU_PROF (a directory: CPU profiles of the inventory and gateway processes), BENCH_GIVE_UP_MINUTES.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { freePort } from '../libs/testing/src/built-service.js';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { dropDatabase } from '../libs/persistence/src/database-admin.js';
import { repoRoot } from '../libs/persistence/src/paths.js';
import { deleteKeysWithPrefix, keptNotes, minuteStamp, writeBenchJson, writeBenchmarkSection } from './lib/bench-report.js';
import { pacedLoad } from './lib/paced-load.js';
import { BENCH_ADMIN, ensureBenchSecrets, serviceCredential, signedIdentity } from './lib/bench-secrets.js';
import { withNativeMemoryDefaults } from './lib/apps.mjs';
import { benchDatabase, buildApps, giveUpAfter, memoryGoal, nodeFlagsOf, peakRssMb } from './lib/bench-process.js';

ensureBenchSecrets();
// Every process the bench starts, services and baselines alike, gets the services' malloc settings.
withNativeMemoryDefaults(process.env);

interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  max: number;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: Histogram;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface RequestContext {
  key?: string;
}
interface AutocannonRequest {
  setupRequest?: (req: { headers?: Record<string, string> }, context: RequestContext) => unknown;
  onResponse?: (status: number, body: string, context: RequestContext, headers: Record<string, string>) => void;
}
interface AutocannonClient {
  on(event: 'response', listener: (statusCode: number, bytes: number, responseTimeMs: number) => void): void;
}
interface AutocannonOptions {
  url: string;
  method: 'POST';
  connections: number;
  amount?: number;
  duration?: number;
  overallRate?: number;
  headers: Record<string, string>;
  body: string;
  requests: AutocannonRequest[];
  setupClient?: (client: AutocannonClient) => void;
}
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const root = repoRoot();
const env = process.env;
const STOCK = Number(env.BENCH_STOCK ?? 10_000);
const DEMAND = 5;
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 200);
const RETRY_SHARE = 0.1;
const OPEN_RATE = Number(env.BENCH_RATE ?? 5_000);
const OPEN_SECONDS = Number(env.BENCH_OPEN_SECONDS ?? 10);
const PARTITIONS = 64;
const serverUrl = env.TEST_DATABASE_URL ?? env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisPrefix = `bench-reservations:${process.pid}:${Date.now()}:`;
const ENGINE = '/api/inventory/reservations';
const NAIVE = '/api/inventory/naive/reservations';

interface SellOut {
  label: string;
  requests: number;
  acceptedFirst: number;
  replayed: number;
  refused: number;
  other: number;
  sellOutMs: number;
  acceptedPerSec: number;
  requestsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  keysWithTwoIds: number;
  batchAvg: number | undefined;
  commitMsAvg: number | undefined;
  /** CPU time of the answering process (inventory, or the ceiling's server) per request, µs (undefined off Linux). */
  cpuUsPerRequest: number | undefined;
  /** CPU time of the gateway process per request, µs (undefined off Linux or when not through it). */
  gatewayCpuUsPerRequest: number | undefined;
}

/** Where the sell-out's requests go: the inventory process itself or the gateway in front of it. */
interface Target {
  url: string;
  headers: Record<string, string>;
  /** The gateway's pid when the requests go through it, for its CPU time. */
  gatewayPid?: number;
  /** The process that answers, for its CPU time: the inventory process unless said otherwise (the ceiling's server). */
  answeringPid?: number;
}

interface OpenRun {
  label: string;
  achievedRate: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
}

function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function http(base: string, path: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

async function setStock(base: string, sku: string, onHand: number): Promise<void> {
  const path = `/api/admin/inventory/${sku}`;
  const res = await http(base, path, 'PUT', { onHand }, signedIdentity(BENCH_ADMIN, 'PUT', path));
  if (res.status !== 200) throw new Error(`setting stock of ${sku} failed: ${res.status} ${res.text}`);
}

async function batchMetrics(base: string): Promise<{ sum: number; count: number; commitSeconds: number }> {
  const text = (await http(base, '/metrics', 'GET')).text;
  const value = (name: string) => Number(text.split('\n').find((l) => l.startsWith(name))?.split(' ').at(-1) ?? 0);
  return { sum: value('inventory_batch_size_sum'), count: value('inventory_batch_size_count'), commitSeconds: value('inventory_batch_commit_seconds_sum') };
}

let servicePid: number | undefined;
/** Every process this run started, so that the 5-minute deadline can stop them too. */
const children: ChildProcess[] = [];

/** CPU milliseconds (user + system) a process used so far; undefined where /proc is missing. */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

const perRequestUs = (before: number | undefined, after: number | undefined, requests: number) =>
  before !== undefined && after !== undefined ? ((after - before) * 1000) / requests : undefined;

/**
 * The closed-model sell-out: `STOCK * DEMAND` requests from `CONNECTIONS` connections, 10% retried
 * keys. Stock and batch metrics always come from the inventory process at `base`.
 */
async function sellOut(base: string, target: Target, sku: string, label: string, stock = STOCK, demand = DEMAND): Promise<SellOut> {
  await setStock(base, sku, stock);
  const body = JSON.stringify({ items: [{ sku, quantity: 1 }] });
  const sent: string[] = [];
  const idsByKey = new Map<string, Set<string>>();
  const latencies: number[] = [];
  let seq = 0;
  let acceptedFirst = 0;
  let replayed = 0;
  let refused = 0;
  let other = 0;
  let soldOutAt = 0;
  const before = await batchMetrics(base);
  const answeringPid = target.answeringPid ?? servicePid;
  const cpuBefore = cpuMs(answeringPid);
  const gatewayCpuBefore = cpuMs(target.gatewayPid);
  const started = performance.now();
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    connections: CONNECTIONS,
    amount: stock * demand,
    headers: { ...target.headers, 'content-type': 'application/json' },
    body,
    requests: [
      {
        setupRequest: (req, context) => {
          const retry = sent.length > CONNECTIONS && Math.random() < RETRY_SHARE;
          const key = retry ? sent[Math.floor(Math.random() * sent.length)]! : `${label}-${seq++}`;
          if (!retry) sent.push(key);
          context.key = key;
          // Direct to the engine the bench is the checkout saga: a fresh payments credential per request.
          const credential = target.gatewayPid === undefined ? serviceCredential('payments') : {};
          return { ...req, headers: { ...req.headers, ...credential, 'idempotency-key': key } };
        },
        onResponse: (status, responseBody, context, headers) => {
          if (status === 201) {
            if (headers['idempotent-replayed'] === 'true') replayed++;
            else if (++acceptedFirst === stock) soldOutAt = performance.now();
            const id = (JSON.parse(responseBody) as { reservationId: string }).reservationId;
            const ids = idsByKey.get(context.key!) ?? new Set<string>();
            ids.add(id);
            idsByKey.set(context.key!, ids);
          } else if (status === 409) refused++;
          else other++;
        },
      },
    ],
    setupClient: (client) => client.on('response', (_status, _bytes, ms) => latencies.push(ms)),
  });
  const cpuAfter = cpuMs(answeringPid);
  const gatewayCpuAfter = cpuMs(target.gatewayPid);
  const after = await batchMetrics(base);
  const sellOutMs = (soldOutAt || performance.now()) - started;
  latencies.sort((a, b) => a - b);
  return {
    label,
    requests: result.requests.total,
    acceptedFirst,
    replayed,
    refused,
    other: other + result.errors + result.timeouts,
    sellOutMs,
    acceptedPerSec: acceptedFirst / (sellOutMs / 1000),
    requestsPerSec: result.requests.total / result.duration,
    p50: round1(percentile(latencies, 50)),
    p95: round1(percentile(latencies, 95)),
    p99: round1(percentile(latencies, 99)),
    keysWithTwoIds: [...idsByKey.values()].filter((s) => s.size > 1).length,
    batchAvg: after.count > before.count ? (after.sum - before.sum) / (after.count - before.count) : undefined,
    commitMsAvg: after.count > before.count ? ((after.commitSeconds - before.commitSeconds) * 1000) / (after.count - before.count) : undefined,
    cpuUsPerRequest: perRequestUs(cpuBefore, cpuAfter, result.requests.total),
    gatewayCpuUsPerRequest: perRequestUs(gatewayCpuBefore, gatewayCpuAfter, result.requests.total),
  };
}

/**
 * Open model: requests arrive at an even fixed rate whatever the answers take (stock for all of
 * them), each latency counted from its due instant (scripts/lib/paced-load.ts; autocannon's
 * overallRate sends each second's requests in a burst at its start).
 */
async function openModel(base: string, path: string, sku: string, label: string): Promise<OpenRun> {
  await setStock(base, sku, Math.ceil(OPEN_RATE * OPEN_SECONDS * 1.2));
  const run = await pacedLoad({
    url: base + path,
    method: 'POST',
    rate: OPEN_RATE,
    seconds: OPEN_SECONDS,
    connections: CONNECTIONS,
    headers: { 'content-type': 'application/json' },
    headersFor: (i) => ({ ...serviceCredential('payments'), 'idempotency-key': `${label}-${i}` }),
    body: JSON.stringify({ items: [{ sku, quantity: 1 }] }),
  });
  const at = (p: number) => round1(percentile(run.samples, p));
  return { label, achievedRate: run.samples.length / run.seconds, p50: at(50), p90: at(90), p99: at(99), max: at(100), non2xx: run.failures };
}

interface Invariants {
  sku: string;
  onHand: number;
  reserved: number;
  committed: number;
  available: number;
  reservations: number;
  distinctKeys: number;
  itemUnits: number;
  ok: boolean;
  problems: string[];
}

async function invariants(db: pg.Pool, sku: string, run: SellOut): Promise<Invariants> {
  const { rows } = await db.query<{ on_hand: number; reserved: number; committed: number; reservations: string; keys: string; units: string }>(
    `SELECT s.on_hand, s.reserved, s.committed,
       (SELECT count(*) FROM inventory.reservation_item i WHERE i.sku = s.sku) AS reservations,
       (SELECT count(DISTINCT r.idempotency_key) FROM inventory.reservation r JOIN inventory.reservation_item i ON i.reservation_id = r.id WHERE i.sku = s.sku) AS keys,
       (SELECT coalesce(sum(quantity), 0) FROM inventory.reservation_item i WHERE i.sku = s.sku AND i.status = 'held') AS units
     FROM inventory.stock s WHERE s.sku = $1`,
    [sku],
  );
  const r = rows[0]!;
  const available = r.on_hand - r.reserved - r.committed;
  const problems: string[] = [];
  if (run.acceptedFirst !== STOCK) problems.push(`accepted ${run.acceptedFirst} != stock ${STOCK}`);
  if (Number(r.reservations) !== STOCK) problems.push(`reservations in the database ${r.reservations} != stock ${STOCK}`);
  if (Number(r.keys) !== Number(r.reservations)) problems.push(`keys ${r.keys} != reservations ${r.reservations} (a key with two effects)`);
  if (run.keysWithTwoIds > 0) problems.push(`${run.keysWithTwoIds} keys answered with two reservation ids`);
  if (r.on_hand !== available + r.reserved + r.committed || available < 0) problems.push('onHand != available + reserved + committed');
  if (Number(r.units) !== r.reserved) problems.push(`held item units ${r.units} != reserved ${r.reserved}`);
  if (run.other > 0) problems.push(`${run.other} answers neither 201 nor 409`);
  return {
    sku,
    onHand: r.on_hand,
    reserved: r.reserved,
    committed: r.committed,
    available,
    reservations: Number(r.reservations),
    distinctKeys: Number(r.keys),
    itemUnits: Number(r.units),
    ok: problems.length === 0,
    problems,
  };
}

/**
 * BENCH_CPU_PROF=<dir>: the inventory and gateway processes write V8 CPU profiles there
 * (<dir>/inventory, <dir>/gateway) when they exit; open them in Chrome DevTools or speedscope.
 */
function profileArgs(name: string): string[] {
  return env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(env.BENCH_CPU_PROF, name)}`] : [];
}

function startInventory(port: number, databaseUrl: string): ChildProcess {
  // BENCH_NODE_ARGS: extra Node flags for the inventory process, e.g. "--max-semi-space-size=32".
  const nodeArgs = (env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeFlagsOf('inventory'), ...nodeArgs, ...profileArgs('inventory'), join(root, 'apps', 'inventory', 'dist', 'main.js')], {
    cwd: root,
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      INVENTORY_PORT: String(port),
      INVENTORY_PARTITIONS: String(PARTITIONS),
      INVENTORY_NAIVE_BASELINE: 'true',
      // Through the gateway one registered bench customer stands for every shopper: lift the
      // per-customer hold bounds so the bench measures reservations, not refusals.
      CUSTOMER_HOLD_UNITS_PER_SKU: '1000000000',
      CUSTOMER_HOLD_UNITS_TOTAL: '1000000000',
      LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * The gateway in front of the same inventory process: it finds it through the instance registry
 * (same REDIS_PREFIX and INVENTORY_PARTITIONS); INVENTORY_URL, its fallback, is that process too.
 * Rate limits are off: the bench would otherwise measure 429s.
 */
function startGateway(port: number, databaseUrl: string, inventoryBase: string): ChildProcess {
  return spawn(process.execPath, [...nodeFlagsOf('gateway'), ...profileArgs('gateway'), join(root, 'apps', 'gateway', 'dist', 'main.js')], {
    cwd: root,
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      GATEWAY_PORT: String(port),
      INVENTORY_PARTITIONS: String(PARTITIONS),
      INVENTORY_URL: inventoryBase,
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Waits until the gateway has seeded its first admin (it does so just after listening), then registers a customer. */
async function customerToken(gateway: string, child: ChildProcess): Promise<string> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error('the gateway exited during start');
    const login = await http(gateway, '/api/auth/login', 'POST', { email: 'admin@example.com', password: process.env.ADMIN_PASSWORD }).catch(() => undefined);
    if (login?.status === 200) {
      const reg = await http(gateway, '/api/auth/register', 'POST', { email: `bench-${process.pid}-${Date.now()}@example.com`, password: 'correct horse battery staple' });
      if (reg.status !== 201) throw new Error(`registering the bench customer failed: ${reg.status} ${reg.text}`);
      return (JSON.parse(reg.text) as { accessToken: string }).accessToken;
    }
    await sleep(100);
  }
  throw new Error('the seeded admin could not log in to the gateway');
}

async function waitReady(base: string, child: ChildProcess, name = 'inventory'): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the ${name} process exited during start`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the ${name} process did not become ready`);
}

const f0 = (n: number) => Math.round(n).toLocaleString('en');
const f1 = (n: number) => n.toFixed(1);
const opt = (n: number | undefined, digits = 1) => (n === undefined ? 'n/a' : n.toFixed(digits));
/** A run's CPU per request as a multiple of the ceiling's, e.g. "3.1x". */
const cpuMultiple = (run: SellOut, ceiling: SellOut) =>
  run.cpuUsPerRequest !== undefined && ceiling.cpuUsPerRequest ? `${(run.cpuUsPerRequest / ceiling.cpuUsPerRequest).toFixed(1)}x` : 'n/a';

interface Goal {
  goal: string;
  figure: string;
  met: boolean;
}

/** Issue 12's goals, each a ratio measured in this run. */
function goalsOf(ceiling: SellOut, engine: SellOut, gateway: SellOut, naive: SellOut, openEngine: OpenRun, openNaive: OpenRun, checks: Invariants[]): Goal[] {
  const ofCeiling = (r: SellOut) => r.requestsPerSec / ceiling.requestsPerSec;
  const throughputRatio = engine.acceptedPerSec / naive.acceptedPerSec;
  const openP99Ratio = openNaive.p99 / openEngine.p99;
  const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
  return [
    { goal: 'engine direct >= 50 % of the bare node:http ceiling (answers/s, same load)', figure: pct(ofCeiling(engine)), met: ofCeiling(engine) >= 0.5 },
    { goal: 'engine through the gateway >= 30 % of the ceiling', figure: pct(ofCeiling(gateway)), met: ofCeiling(gateway) >= 0.3 },
    { goal: ">= 20x the naive baseline's accepted/s", figure: `${throughputRatio.toFixed(1)}x`, met: throughputRatio >= 20 },
    { goal: `>= 20x lower p99 than the baseline at ${OPEN_RATE} req/s arrival`, figure: `${openP99Ratio.toFixed(1)}x`, met: openP99Ratio >= 20 },
    { goal: 'invariants hold after every sell-out', figure: checks.every((c) => c.ok) ? 'all hold' : 'FAILED', met: checks.every((c) => c.ok) },
  ];
}

function mb(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value)) : 'n/a';
}

/** Peak RSS (MB): of the services through the engine's phases (the goal's figures), and at the end. */
interface MemoryPeaks {
  inventory: number;
  gateway: number;
  /** Inventory's peak after the naive baseline's phases, which run in the same process. */
  inventoryWithNaive: number;
  gatewayAtEnd: number;
}

function report(ceiling: SellOut, engine: SellOut, gateway: SellOut, naive: SellOut, openEngine: OpenRun, openNaive: OpenRun, checks: Invariants[], goals: Goal[], meta: string, memory: MemoryPeaks): string {
  const throughputRatio = engine.acceptedPerSec / naive.acceptedPerSec;
  const p99Ratio = naive.p99 / engine.p99;
  const gatewayRatio = gateway.acceptedPerSec / engine.acceptedPerSec;
  const answers = (r: SellOut) => `${f0(r.acceptedFirst)} / ${f0(r.replayed)} / ${f0(r.refused)} / ${r.other}`;
  const lines = [
    `Single hot SKU: stock ${f0(STOCK)}, ${f0(STOCK * DEMAND)} requests (${DEMAND}x demand) from ${CONNECTIONS} concurrent connections, ` +
      `${RETRY_SHARE * 100}% of them retries of an earlier key with the same body; one inventory process, reached directly or through one ` +
      'gateway process (which finds it through the instance registry; a registered customer\'s bearer token on every request; ' +
      `RATE_LIMIT_ENABLED=false for the bench). ${meta}`,
    '',
    `The ceiling: the same load (requests, body, connections) against a bare node:http server that parses the body and answers 201 ` +
      `(scripts/lib/bare-http.mjs): ${f0(ceiling.requestsPerSec)} answers/s, p50 / p95 / p99 ${ceiling.p50} / ${ceiling.p95} / ${ceiling.p99} ms, ` +
      `${opt(ceiling.cpuUsPerRequest, 0)} µs of its process's CPU per request (the inventory process: ${cpuMultiple(engine, ceiling)} that directly, ` +
      `${cpuMultiple(gateway, ceiling)} through the gateway). ` +
      `The engine answers ${((engine.requestsPerSec / ceiling.requestsPerSec) * 100).toFixed(1)} % of that directly and ` +
      `${((gateway.requestsPerSec / ceiling.requestsPerSec) * 100).toFixed(1)} % through the gateway.`,
    '',
    '| sell-out (closed model) | engine, direct | engine, through the gateway | naive baseline, direct | ratios |',
    '|---|---|---|---|---|',
    `| accepted reservations/s (until sold out) | ${f0(engine.acceptedPerSec)} | ${f0(gateway.acceptedPerSec)} | ${f0(naive.acceptedPerSec)} | ` +
      `engine/naive ${f1(throughputRatio)}x; gateway/direct ${gatewayRatio.toFixed(2)} |`,
    `| time to sell ${f0(STOCK)} units, ms | ${f0(engine.sellOutMs)} | ${f0(gateway.sellOutMs)} | ${f0(naive.sellOutMs)} | |`,
    `| all answers/s (whole run) | ${f0(engine.requestsPerSec)} | ${f0(gateway.requestsPerSec)} | ${f0(naive.requestsPerSec)} | |`,
    `| latency p50 / p95 / p99, ms | ${engine.p50} / ${engine.p95} / ${engine.p99} | ${gateway.p50} / ${gateway.p95} / ${gateway.p99} | ` +
      `${naive.p50} / ${naive.p95} / ${naive.p99} | p99 ${f1(p99Ratio)}x lower than naive; gateway/direct p99 ${(gateway.p99 / engine.p99).toFixed(2)} |`,
    `| mean batch size (commands per transaction) / mean commit, ms | ${opt(engine.batchAvg)} / ${opt(engine.commitMsAvg)} | ` +
      `${opt(gateway.batchAvg)} / ${opt(gateway.commitMsAvg)} | 1 / n/a | |`,
    `| inventory process CPU per request, µs | ${opt(engine.cpuUsPerRequest, 0)} | ${opt(gateway.cpuUsPerRequest, 0)} | ${opt(naive.cpuUsPerRequest, 0)} | |`,
    `| gateway process CPU per request, µs | | ${opt(gateway.gatewayCpuUsPerRequest, 0)} | | |`,
    `| answers: accepted / replayed / refused (409) / other | ${answers(engine)} | ${answers(gateway)} | ${answers(naive)} | |`,
    '',
    `| open model: ${f0(OPEN_RATE)} req/s arrival for ${OPEN_SECONDS} s | engine | naive baseline |`,
    '|---|---|---|',
    `| achieved rate, req/s | ${f0(openEngine.achievedRate)} | ${f0(openNaive.achievedRate)} |`,
    `| latency p50 / p90 / p99 / max, ms (from each request's due instant) | ${openEngine.p50} / ${openEngine.p90} / ${openEngine.p99} / ${openEngine.max} | ${openNaive.p50} / ${openNaive.p90} / ${openNaive.p99} / ${openNaive.max} |`,
    `| non-2xx answers | ${openEngine.non2xx} | ${openNaive.non2xx} |`,
    '',
    'Invariants, from the database after each sell-out:',
    '',
    ...checks.map(
      (c) =>
        `- ${c.sku}: ${c.ok ? 'OK' : `FAILED (${c.problems.join('; ')})`} — reservations ${f0(c.reservations)} (distinct keys ${f0(c.distinctKeys)}), ` +
        `onHand ${f0(c.onHand)} = available ${f0(c.available)} + reserved ${f0(c.reserved)} + committed ${f0(c.committed)}; held item units ${f0(c.itemUnits)}.`,
    ),
    '',
    `Goals (issue 12, ratios in this run): ${goals.map((g) => `${g.goal}: ${g.figure} (${g.met ? 'met' : 'NOT met'})`).join('; ')}.`,
    '',
    `Peak RSS (the kernel's VmHWM): the goal's figures are read after the engine's phases (ceiling, sell-outs direct and through the gateway, ` +
      `open model), before the naive baseline runs. The naive route is benchmark-only and runs in the same inventory process; ` +
      `after its phases inventory had peaked at ${mb(memory.inventoryWithNaive)} MB (its open-model run queues the requests it cannot serve) ` +
      `and the gateway, idle then, at ${mb(memory.gatewayAtEnd)} MB.`,
    '',
    'Reproduce: `npm run bench:reservations` (needs PostgreSQL and Redis as for `npm start`; builds the inventory and gateway apps when missing; ' +
      'BENCH_STOCK, BENCH_CONNECTIONS, BENCH_RATE, BENCH_OPEN_SECONDS; BENCH_CPU_PROF=<dir> writes CPU profiles of the inventory and gateway processes; BENCH_GIVE_UP_MINUTES, 5 by default). autocannon, the gateway, the inventory process and PostgreSQL share the machine.',
  ];
  return lines.join('\n');
}



async function main(): Promise<void> {
  // The naive baseline alone takes minutes on a loaded machine: BENCH_GIVE_UP_MINUTES raises the safety net.
  giveUpAfter(Number(env.BENCH_GIVE_UP_MINUTES ?? 5), children);
  buildApps(root, ['inventory', 'gateway'], true);
  const { databaseUrl } = await benchDatabase(serverUrl, 'bench_reservations');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = startInventory(port, databaseUrl);
  children.push(child);
  servicePid = child.pid;
  let gatewayChild: ChildProcess | undefined;
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await waitReady(base, child);
    const gatewayPort = await freePort();
    const gatewayBase = `http://127.0.0.1:${gatewayPort}`;
    gatewayChild = startGateway(gatewayPort, databaseUrl, base);
    children.push(gatewayChild);
    await waitReady(gatewayBase, gatewayChild, 'gateway');
    const token = await customerToken(gatewayBase, gatewayChild);
    const barePort = await freePort();
    const bareBase = `http://127.0.0.1:${barePort}`;
    const bareChild = spawn(process.execPath, [join(root, 'scripts', 'lib', 'bare-http.mjs')], { env: { ...env, BARE_HTTP_PORT: String(barePort) }, stdio: 'inherit' });
    children.push(bareChild);
    await waitReady(bareBase, bareChild, 'bare node:http server');
    const direct = (path: string): Target => ({ url: base + path, headers: {} });
    const throughGateway: Target = { url: gatewayBase + ENGINE, headers: { authorization: `Bearer ${token}` }, gatewayPid: gatewayChild.pid };
    const meta = `Machine: ${cpus().length} x ${cpus()[0]?.model.trim()}, Node ${process.version}, load average before the run ${loadavg()[0]!.toFixed(2)}.`;
    log(meta);
    log('warm-up');
    const bare: Target = { url: bareBase + ENGINE, headers: {}, answeringPid: bareChild.pid };
    await sellOut(base, bare, 'WARM-CEILING', 'warm-ceiling', 2_000, 2);
    await sellOut(base, direct(ENGINE), 'WARM-ENGINE', 'warm-engine', 2_000, 2);
    await sellOut(base, throughGateway, 'WARM-GATEWAY', 'warm-gateway', 2_000, 2);
    await sellOut(base, direct(NAIVE), 'WARM-NAIVE', 'warm-naive', 1_000, 2);
    log('the same load against a bare node:http server (the ceiling)');
    const ceiling = await sellOut(base, bare, 'CEILING', 'ceiling');
    log(`  ${f0(ceiling.requestsPerSec)} answers/s`);
    log('sell-out: engine');
    const engine = await sellOut(base, direct(ENGINE), 'HOT-ENGINE', 'engine');
    log(`  ${f0(engine.acceptedPerSec)} accepted/s, p99 ${engine.p99} ms`);
    log('sell-out: engine through the gateway (RATE_LIMIT_ENABLED=false)');
    const gateway = await sellOut(base, throughGateway, 'HOT-GATEWAY', 'gateway');
    log(`  ${f0(gateway.acceptedPerSec)} accepted/s, p99 ${gateway.p99} ms`);
    log(`open model at ${OPEN_RATE} req/s: engine`);
    const openEngine = await openModel(base, ENGINE, 'OPEN-ENGINE', 'open-engine');
    // The service's memory is read before the naive phases: the baseline route (benchmark-only) runs
    // in the same process, and its open-model backlog is the baseline's, reported apart below.
    const servicePeaks = { inventory: peakRssMb(child.pid), gateway: peakRssMb(gatewayChild.pid) };
    log(`  peak RSS so far: inventory ${mb(servicePeaks.inventory)} MB, gateway ${mb(servicePeaks.gateway)} MB`);
    log('sell-out: naive baseline');
    const naive = await sellOut(base, direct(NAIVE), 'HOT-NAIVE', 'naive');
    log(`  ${f0(naive.acceptedPerSec)} accepted/s, p99 ${naive.p99} ms`);
    const checks = [await invariants(db, 'HOT-ENGINE', engine), await invariants(db, 'HOT-GATEWAY', gateway), await invariants(db, 'HOT-NAIVE', naive)];
    log(`open model at ${OPEN_RATE} req/s: naive baseline`);
    const openNaive = await openModel(base, NAIVE, 'OPEN-NAIVE', 'open-naive');
    const memory: MemoryPeaks = { ...servicePeaks, inventoryWithNaive: peakRssMb(child.pid), gatewayAtEnd: peakRssMb(gatewayChild.pid) };
    const goals = [...goalsOf(ceiling, engine, gateway, naive, openEngine, openNaive, checks), memoryGoal(servicePeaks)];
    const text = report(ceiling, engine, gateway, naive, openEngine, openNaive, checks, goals, meta, memory);
    process.stdout.write(`\n${text}\n\n`);
    writeBenchmarkSection('inventory-reservations', (previous) => `## Inventory reservations — ${minuteStamp()} UTC\n\n${text}\n\n${keptNotes('inventory-reservations', previous)}`);
    writeBenchJson('reservations', {
      at: new Date().toISOString(),
      machine: meta,
      setup: { stock: STOCK, demand: DEMAND, connections: CONNECTIONS, openRate: OPEN_RATE, openSeconds: OPEN_SECONDS },
      measured: { ceiling, engine, gateway, naive, openEngine, openNaive, invariants: checks, peakRssMb: memory },
      goals,
    });
    log('wrote the "Inventory reservations" section of docs/benchmarks.md and reports/bench/reservations.json');
    if (goals.some((g) => !g.met)) process.exitCode = 1;
  } finally {
    await db.end();
    // The gateway first: it must not keep talking to an inventory process that is going away.
    for (const proc of [gatewayChild, child]) {
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) continue;
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null || proc.signalCode !== null ? r(undefined) : proc.once('exit', r)));
    }
    // The bare server holds nothing: it just goes.
    for (const proc of children) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await dropDatabase(databaseUrl).catch(() => undefined);
    await deleteKeysWithPrefix(redisUrl, redisPrefix).catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench] failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
