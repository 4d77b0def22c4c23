// npm run bench:checkout — checkouts per second end to end, with the simulated card provider.
//
// On a fresh database (created next to DATABASE_URL, dropped afterwards) and a Redis prefix of its
// own, it starts the built catalog, inventory, pricing, cart, orders and payments (built first when
// missing), seeds products, stock and customers' carts through their APIs, then drives
// POST /api/checkout (closed model; each request a new Idempotency-Key, tok_approve or — for
// BENCH_DECLINE_SHARE of them — tok_decline) twice: lightly (BENCH_LIGHT_CONCURRENCY clients for
// BENCH_LIGHT_SECONDS: the latencies of an idle system) and saturated (BENCH_CONCURRENCY clients
// for BENCH_SECONDS: the throughput), waits for every saga to settle after each, and reports:
//   - checkouts/s end to end: settled sagas / (last settle − first request);
//   - p50/p99 of the 202 answers, and of the end-to-end completion (settled − accepted);
//   - CPU per checkout of each process (from /proc), hence the machine's ceiling;
//   - background CPU with no load (BENCH_IDLE_SECONDS after seeding): what of that figure the
//     services spend whether or not anyone buys;
//   - the invariants, from the services' own tables: every captured charge has a CONFIRMED
//     order and every CONFIRMED order a captured charge; every cancelled checkout released its
//     reservation; nothing left held; committed stock = units of confirmed orders; no saga dead
//     or stuck.
// Goals (issue 12): CPU per settled checkout, summed over every process and its Postgres backends,
// <= 8 ms; saturated checkouts/s >= 10x BASELINE_PER_SECOND (the figure this bench measured on
// this machine before issue 12's work: the old code cannot run in the same run, so the ratio is
// against that recorded figure, and CPU per checkout, which other load disturbs least, is the
// goal to trust); invariants as before.
// It writes the "Checkout" section of docs/benchmarks.md and reports/bench/checkout.json, and
// stops by itself within 5 minutes.
// Knobs: BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_LIGHT_SECONDS, BENCH_LIGHT_CONCURRENCY,
// BENCH_IDLE_SECONDS, BENCH_CUSTOMERS, BENCH_SKUS, BENCH_DECLINE_SHARE,
// BENCH_PROVIDER_LATENCY_MS, BENCH_SAGA_CONCURRENCY, BENCH_LOG_LEVEL,
// BENCH_CPU_PROF=<dir> (each service writes a V8 CPU profile there when it stops).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { freePort } from '../libs/testing/src/built-service.js';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Pool } from 'undici';
import { dropDatabase } from '../libs/persistence/src/database-admin.js';
import { repoRoot } from '../libs/persistence/src/paths.js';
import { deleteKeysWithPrefix, keptNotes, minuteStamp, writeBenchJson, writeBenchmarkSection } from './lib/bench-report.js';
import { BENCH_ADMIN, ensureBenchSecrets, signedIdentity } from './lib/bench-secrets.js';
import { withNativeMemoryDefaults } from './lib/apps.mjs';
import { benchDatabase, buildApps, giveUpAfter, memoryGoal, nodeFlagsOf, peakRssMb } from './lib/bench-process.js';

ensureBenchSecrets();
// Every process the bench starts, services and baselines alike, gets the services' malloc settings.
withNativeMemoryDefaults(process.env);

const root = repoRoot();
const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 30);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 48);
const LIGHT_SECONDS = Number(env.BENCH_LIGHT_SECONDS ?? 8);
/** The idle measurement's length (background CPU with no load), after seeding. */
const IDLE_SECONDS = Number(env.BENCH_IDLE_SECONDS ?? 10);
const LIGHT_CONCURRENCY = Number(env.BENCH_LIGHT_CONCURRENCY ?? 1);
// Every checkout takes a cart of its own: a completed checkout empties its cart (clear_cart), so a
// reused cart would be refused CART_EMPTY and its cheap refusal counted as load.
const CUSTOMERS = Number(env.BENCH_CUSTOMERS ?? 2_000);
const SKUS = Number(env.BENCH_SKUS ?? 200);
const DECLINE_SHARE = Number(env.BENCH_DECLINE_SHARE ?? 0.05);
const LATENCY_MS = Number(env.BENCH_PROVIDER_LATENCY_MS ?? 50);
const SAGA_CONCURRENCY = Number(env.BENCH_SAGA_CONCURRENCY ?? 256);
const LOG_LEVEL = env.BENCH_LOG_LEVEL ?? 'warn';
const PARTITIONS = 64;
/** Checkouts/s saturated, `npm run bench:checkout` on this machine on 2026-12-05 before issue 12's work (45.1 ms CPU each). */
const BASELINE_PER_SECOND = 41;
const GOAL_SPEEDUP = 10;
const GOAL_CPU_MS = 8;
const STOCK_PER_SKU = 1_000_000;
const serverUrl = env.TEST_DATABASE_URL ?? env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADDRESS = { name: 'Bench Shopper', line1: '1 Load Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

/** CPU time (user + system) of a process so far, in ms; 0 when it is gone. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** The CPU so far of the apps and of Redis (Postgres backends: see BackendSampler). */
function cpuSnapshot(apps: Record<string, App>): Map<string, Map<number, number>> {
  const snapshot = new Map<string, Map<number, number>>();
  for (const [name, app] of Object.entries(apps)) if (app.child.pid) snapshot.set(name, new Map([[app.child.pid, cpuMs(app.child.pid)]]));
  const redisPid = spawnSync('pgrep', ['-x', 'redis-server'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  if (redisPid) snapshot.set('redis', new Map([[Number(redisPid), cpuMs(Number(redisPid))]]));
  return snapshot;
}

/**
 * Postgres backends come and go (pools close idle connections): sample them while the run goes,
 * keeping each backend's first and last CPU reading, by the application_name its service set.
 */
class BackendSampler {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, { ms: number; app: string }>();
  private timer?: NodeJS.Timeout;
  private started = false;

  constructor(
    private readonly db: pg.Pool,
    private readonly database: string,
  ) {}

  async sample(): Promise<void> {
    const { rows } = await this.db.query<{ pid: number; app: string }>(
      'SELECT pid, application_name AS app FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [this.database],
    );
    for (const { pid, app } of rows) {
      const ms = cpuMs(pid);
      if (ms === 0) continue;
      // Backends first seen after the start are new: all their CPU counts.
      if (!this.first.has(pid)) this.first.set(pid, this.started ? 0 : ms);
      this.last.set(pid, { ms, app: app || 'other' });
    }
  }

  async start(): Promise<void> {
    await this.sample();
    this.started = true;
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 250);
  }

  /** CPU ms per application name since the start. */
  async stop(): Promise<Map<string, number>> {
    clearInterval(this.timer);
    await this.sample();
    const byApp = new Map<string, number>();
    for (const [pid, { ms, app }] of this.last) byApp.set(app, (byApp.get(app) ?? 0) + ms - (this.first.get(pid) ?? 0));
    return byApp;
  }
}

/** Commits and row writes in the bench database (Postgres's cumulative statistics), by table. */
interface WriteCounts {
  commits: number;
  tables: Map<string, { inserted: number; updated: number; hot: number; deleted: number }>;
}

async function writeCounts(db: pg.Pool): Promise<WriteCounts> {
  const [{ rows: [database] }, { rows }] = await Promise.all([
    db.query<{ commits: string }>('SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()'),
    db.query<{ name: string; inserted: string; updated: string; hot: string; deleted: string }>(
      `SELECT schemaname || '.' || relname AS name, n_tup_ins AS inserted, n_tup_upd AS updated, n_tup_hot_upd AS hot, n_tup_del AS deleted FROM pg_stat_user_tables`,
    ),
  ]);
  return {
    commits: Number(database?.commits ?? 0),
    tables: new Map(rows.map((r) => [r.name, { inserted: Number(r.inserted), updated: Number(r.updated), hot: Number(r.hot), deleted: Number(r.deleted) }])),
  };
}

interface WritesPerCheckout {
  commits: number;
  rowWrites: number;
  /** Tables with at least 0.1 row writes per checkout, most written first. */
  tables: Array<{ table: string; inserted: number; updated: number; hot: number; deleted: number }>;
}

function writesPerCheckout(before: WriteCounts, after: WriteCounts, checkouts: number): WritesPerCheckout {
  const per = (n: number) => Number((n / Math.max(1, checkouts)).toFixed(2));
  const tables = [...after.tables].map(([table, a]) => {
    const b = before.tables.get(table) ?? { inserted: 0, updated: 0, hot: 0, deleted: 0 };
    return { table, inserted: per(a.inserted - b.inserted), updated: per(a.updated - b.updated), hot: per(a.hot - b.hot), deleted: per(a.deleted - b.deleted) };
  });
  const written = (t: WritesPerCheckout['tables'][number]) => t.inserted + t.updated + t.deleted;
  return {
    commits: per(after.commits - before.commits),
    rowWrites: Number(tables.reduce((sum, t) => sum + written(t), 0).toFixed(1)),
    tables: tables.filter((t) => written(t) >= 0.1).sort((x, y) => written(y) - written(x)),
  };
}

/**
 * CPU ms of each process (between two snapshots) and of each service's Postgres backends, divided
 * by `per` (settled checkouts, or seconds), largest first.
 */
function cpuShares(before: Map<string, Map<number, number>>, after: Map<string, Map<number, number>>, postgres: Map<string, number>, per: number): Array<[string, number]> {
  const divisor = Math.max(1, per);
  const out: Array<[string, number]> = [];
  for (const [name, pids] of after) {
    let ms = 0;
    const all = new Set([...pids.keys(), ...(before.get(name)?.keys() ?? [])]);
    for (const pid of all) ms += Math.max(0, (pids.get(pid) ?? cpuMs(pid)) - (before.get(name)?.get(pid) ?? 0));
    out.push([name, ms / divisor]);
  }
  for (const [app, ms] of postgres) out.push([`postgres for ${app}`, ms / divisor]);
  return out.sort((a, b) => b[1] - a[1]);
}

/** A figure list as JSON: its total, then each figure. */
function figuresJson(figures: Array<[string, number]>): Record<string, number> {
  return { total: Number(totalOf(figures).toFixed(1)), ...Object.fromEntries(figures.map(([name, ms]) => [name, Number(ms.toFixed(2))])) };
}

/**
 * CPU each process and its Postgres backends spend with no load (ms per second): outbox relay polls,
 * partition-router refreshes, lease renewals, stream consumers' reads and the like. The saturated
 * phase's per-checkout figures include it, divided by the checkouts of each second.
 */
async function idleCpu(apps: Record<string, App>, db: pg.Pool, database: string): Promise<Array<[string, number]>> {
  await sleep(3_000); // what seeding set off (events relayed and consumed) settles first
  const before = cpuSnapshot(apps);
  const backends = new BackendSampler(db, database);
  await backends.start();
  await sleep(IDLE_SECONDS * 1000);
  const postgres = await backends.stop();
  return cpuShares(before, cpuSnapshot(apps), postgres, IDLE_SECONDS).filter(([, ms]) => ms > 0);
}

interface App {
  name: string;
  url: string;
  child: ChildProcess;
  output: string[];
}

function startApp(name: string, port: number, extra: Record<string, string>, common: Record<string, string>): App {
  const profile = env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...nodeFlagsOf(name), ...profile, join(root, 'apps', name, 'dist', 'main.js')], {
    cwd: root,
    env: { ...process.env, ...common, ...extra, LOG_LEVEL: LOG_LEVEL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (d: Buffer) => {
    output.push(String(d));
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, url: `http://127.0.0.1:${port}`, child, output };
}

async function waitFor(app: App, path = '/health/live', timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (app.child.exitCode !== null) throw new Error(`${app.name} exited: ${app.output.join('').slice(-2000)}`);
    try {
      if ((await fetch(app.url + path)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${app.name} did not answer ${path}: ${app.output.join('').slice(-2000)}`);
}

async function stopApp(app: App): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((r) => app.child.once('exit', r));
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function json(base: string, path: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

interface Seeded {
  skus: string[];
  carts: Array<{ customer: string; cartId: string; units: Array<{ sku: string; quantity: number }> }>;
}

async function seed(apps: Record<string, App>): Promise<Seeded> {
  const skus: string[] = [];
  const perProduct = 4;
  const tag = Date.now().toString(36).toUpperCase();
  const products = Array.from({ length: Math.ceil(SKUS / perProduct) }, (_, i) => i);
  await inParallel(products, 16, async (p) => {
    const variants = Array.from({ length: perProduct }, (_, v) => ({
      sku: `BENCH-${tag}-${p}-${v}`,
      attributes: { size: `S${v}` },
      price: { amount: 1000 + ((p * 7 + v * 13) % 9000), currency: 'EUR' },
    }));
    const res = await json(
      apps.catalog!.url,
      '/api/admin/products',
      'POST',
      { title: `Bench Product ${tag} ${p}`, status: 'active', variants },
      signedIdentity(BENCH_ADMIN, 'POST', '/api/admin/products'),
    );
    if (res.status !== 201) throw new Error(`seeding a product failed: ${res.status} ${JSON.stringify(res.body)}`);
    skus.push(...variants.map((v) => v.sku));
  });
  await inParallel(skus, 16, async (sku) => {
    for (let i = 0; i < 50; i++) {
      const path = `/api/admin/inventory/${sku}`;
      const res = await json(apps.inventory!.url, path, 'PUT', { onHand: STOCK_PER_SKU }, signedIdentity(BENCH_ADMIN, 'PUT', path));
      if (res.status === 200) return;
      if (res.status !== 503) throw new Error(`seeding stock failed: ${res.status} ${JSON.stringify(res.body)}`);
      await sleep(200);
    }
    throw new Error(`stock of ${sku} could not be set`);
  });
  // Pricing learns the products from the catalog's events: checkouts start once it quotes them all.
  for (let from = 0; from < skus.length; from += 100) {
    const lines = skus.slice(from, from + 100).map((sku) => ({ sku, quantity: 1 }));
    for (let i = 0; ; i++) {
      const shopper = { userId: randomUUID(), role: 'customer' as const };
      const res = await json(apps.pricing!.url, '/api/pricing/quote', 'POST', { lines }, signedIdentity(shopper, 'POST', '/api/pricing/quote'));
      if (res.status === 200) break;
      if (i >= 100) throw new Error(`pricing does not quote the seeded SKUs: ${res.status} ${JSON.stringify(res.body)}`);
      await sleep(200);
    }
  }
  const carts: Seeded['carts'] = [];
  await inParallel(
    Array.from({ length: CUSTOMERS }, (_, i) => i),
    16,
    async (i) => {
      const customer = randomUUID();
      const me = { userId: customer, role: 'customer' as const };
      const created = await json(apps.cart!.url, '/api/carts', 'POST', undefined, signedIdentity(me, 'POST', '/api/carts'));
      if (created.status !== 201) throw new Error(`seeding a cart failed: ${created.status}`);
      const cartId = created.body!.id as string;
      const lines = 1 + (i % 2);
      const units: Array<{ sku: string; quantity: number }> = [];
      for (let l = 0; l < lines; l++) {
        const sku = skus[(i * 3 + l * 101) % skus.length]!;
        const quantity = 1 + ((i + l) % 2);
        const itemsPath = `/api/carts/${cartId}/items`;
        const added = await json(apps.cart!.url, itemsPath, 'POST', { sku, quantity }, signedIdentity(me, 'POST', itemsPath));
        if (added.status !== 200) throw new Error(`seeding a cart line failed: ${added.status} ${JSON.stringify(added.body)}`);
        units.push({ sku, quantity });
      }
      carts.push({ customer, cartId, units });
    },
  );
  return { skus, carts };
}

interface DriveResult {
  accepted: string[];
  refused: Record<string, number>;
  acceptedLatencies: number[];
  firstRequestAt: number;
  lastRequestAt: number;
  declinesAsked: number;
  /** Every seeded cart was checked out before the time was up (the phase ended early). */
  cartsRanOut?: boolean;
  /** Carts this phase took. */
  sent?: number;
}

/** Closed model: `clients` clients, each sending the next checkout as soon as its answer came, for `seconds`. */
async function drive(payments: App, seeded: Seeded, clients: number, seconds: number, offset: number): Promise<DriveResult> {
  const pool = new Pool(payments.url, { connections: clients, pipelining: 1 });
  const result: DriveResult = { accepted: [], refused: {}, acceptedLatencies: [], firstRequestAt: Date.now(), lastRequestAt: 0, declinesAsked: 0 };
  const stopAt = performance.now() + seconds * 1000;
  let n = offset;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < stopAt) {
        const i = n++;
        if (i >= seeded.carts.length) {
          result.cartsRanOut = true;
          break;
        }
        const cart = seeded.carts[i % seeded.carts.length]!;
        const decline = (i * 7919) % 1000 < DECLINE_SHARE * 1000;
        if (decline) result.declinesAsked++;
        const body = JSON.stringify({ cartId: cart.cartId, shippingAddress: ADDRESS, payment: { method: 'card', token: decline ? 'tok_decline' : 'tok_approve' } });
        const started = performance.now();
        try {
          const res = await pool.request({
            method: 'POST',
            path: '/api/checkout',
            headers: {
              'content-type': 'application/json',
              // Signed per request as the gateway does (part of what a checkout costs).
              ...signedIdentity({ userId: cart.customer, role: 'customer' }, 'POST', '/api/checkout'),
              'idempotency-key': randomUUID(),
            },
            body,
          });
          const text = await res.body.text();
          const ms = performance.now() - started;
          if (res.statusCode === 202) {
            result.accepted.push((JSON.parse(text) as { checkoutId: string }).checkoutId);
            result.acceptedLatencies.push(ms);
          } else {
            const code = `${res.statusCode} ${(JSON.parse(text) as { error?: { code?: string } }).error?.code ?? ''}`.trim();
            result.refused[code] = (result.refused[code] ?? 0) + 1;
          }
        } catch (err) {
          const code = err instanceof Error ? err.name : 'error';
          result.refused[code] = (result.refused[code] ?? 0) + 1;
        }
      }
    }),
  );
  result.lastRequestAt = Date.now();
  result.sent = Math.min(n, seeded.carts.length) - offset;
  await pool.close();
  return result;
}

/** Waits until no saga is in progress (or `maxMs`); answers how long it took. */
async function waitForSagas(db: pg.Pool, maxMs: number): Promise<number> {
  const started = Date.now();
  let last = -1;
  while (Date.now() - started < maxMs) {
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM payments.checkout WHERE state IN ('preparing', 'running', 'compensating')");
    const inProgress = rows[0]!.n;
    if (inProgress === 0) break;
    if (inProgress !== last) log(`  ${inProgress} sagas still running`);
    last = inProgress;
    await sleep(500);
  }
  return Date.now() - started;
}

interface Phase {
  clients: number;
  seconds: number;
  drive: DriveResult;
  completed: number;
  cancelled: number;
  rejected: number;
  unsettled: number;
  /** Settled sagas ÷ (first request → last settle), per second. */
  perSecond: number;
  completion: number[];
}

async function phaseOf(db: pg.Pool, drive: DriveResult, clients: number, seconds: number): Promise<Phase> {
  const { rows } = await db.query<{ state: string; ms: number; settled_at: Date }>(
    `SELECT state, extract(epoch FROM (updated_at - created_at)) * 1000 AS ms, updated_at AS settled_at
     FROM payments.checkout WHERE id = ANY($1::uuid[])`,
    [drive.accepted],
  );
  const settled = rows.filter((r) => r.state === 'completed' || r.state === 'cancelled' || r.state === 'rejected');
  const lastSettle = Math.max(...settled.map((r) => r.settled_at.getTime()));
  return {
    clients,
    seconds,
    drive,
    completed: rows.filter((r) => r.state === 'completed').length,
    cancelled: rows.filter((r) => r.state === 'cancelled').length,
    rejected: rows.filter((r) => r.state === 'rejected').length,
    unsettled: rows.length - settled.length,
    perSecond: settled.length / ((lastSettle - drive.firstRequestAt) / 1000),
    completion: settled.map((r) => Number(r.ms)).sort((a, b) => a - b),
  };
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

async function invariants(db: pg.Pool): Promise<Check[]> {
  const q = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;
  const checks: Check[] = [];
  const add = (name: string, bad: number, detail = `${bad} violations`) => checks.push({ name, ok: bad === 0, detail });
  add(
    'every captured payment has a CONFIRMED order',
    await q(`SELECT count(*)::int AS n FROM payments.sim_charge ch
             JOIN payments.checkout c ON ch.idempotency_key = c.id || ':authorize'
             LEFT JOIN orders."order" o ON o.checkout_id = c.id
             WHERE ch.status = 'captured' AND (o.status IS DISTINCT FROM 'CONFIRMED')`),
  );
  add(
    'every CONFIRMED order has a captured payment',
    await q(`SELECT count(*)::int AS n FROM orders."order" o
             LEFT JOIN payments.sim_charge ch ON ch.idempotency_key = o.checkout_id || ':authorize'
             WHERE o.status = 'CONFIRMED' AND (ch.status IS DISTINCT FROM 'captured' OR ch.captured_amount <> o.total)`),
  );
  add(
    'every cancelled checkout released its reservation and cancelled its order',
    await q(`SELECT count(*)::int AS n FROM payments.checkout c
             LEFT JOIN inventory.reservation r ON r.id = c.reservation_id
             LEFT JOIN orders."order" o ON o.checkout_id = c.id
             WHERE c.state = 'cancelled' AND ((c.reservation_id IS NOT NULL AND r.status NOT IN ('released', 'expired')) OR o.status IS DISTINCT FROM 'CANCELLED')`),
  );
  add('no cancelled checkout was charged', await q(`SELECT count(*)::int AS n FROM payments.checkout c JOIN payments.sim_charge ch ON ch.idempotency_key = c.id || ':authorize' WHERE c.state = 'cancelled' AND ch.status NOT IN ('declined', 'voided')`));
  add('one order per checkout', await q(`SELECT count(*)::int AS n FROM (SELECT checkout_id FROM orders."order" GROUP BY checkout_id HAVING count(*) > 1) d`));
  add('nothing left reserved', await q(`SELECT count(*)::int AS n FROM inventory.reservation_item WHERE status = 'held'`));
  add(
    'committed stock = units of CONFIRMED orders',
    await q(`SELECT abs((SELECT coalesce(sum(committed), 0) FROM inventory.stock) - (SELECT coalesce(sum(l.quantity), 0) FROM orders.order_line l JOIN orders."order" o ON o.id = l.order_id WHERE o.status = 'CONFIRMED'))::int AS n`),
  );
  add('on hand = available + reserved + committed (no negative)', await q(`SELECT count(*)::int AS n FROM inventory.stock WHERE reserved < 0 OR committed < 0 OR on_hand < reserved + committed`));
  const stuck = await db.query<{ state: string; step: string | null; n: number; error: string | null }>(
    `SELECT c.state, c.current_step AS step, count(*)::int AS n, max(s.last_error) AS error
     FROM payments.checkout c LEFT JOIN payments.checkout_step s ON s.checkout_id = c.id AND s.step = c.current_step
     WHERE c.state NOT IN ('completed', 'cancelled', 'rejected') GROUP BY 1, 2`,
  );
  add(
    'no saga dead or unsettled',
    stuck.rows.reduce((sum, r) => sum + r.n, 0),
    stuck.rows.map((r) => `${r.n} ${r.state} at ${r.step ?? '-'}${r.error ? `: ${r.error.slice(0, 160)}` : ''}`).join('; '),
  );
  return checks;
}

interface Goal {
  goal: string;
  figure: string;
  met: boolean;
}

const totalOf = (cpu: Array<[string, number]>) => cpu.reduce((sum, [, ms]) => sum + ms, 0);

/** Issue 12's checkout goals, as this run measured them. */
function goalsOf(load: Phase, checks: Check[], cpu: Array<[string, number]>): Goal[] {
  const totalCpu = totalOf(cpu);
  const speedup = load.perSecond / BASELINE_PER_SECOND;
  const failed = checks.filter((c) => !c.ok);
  return [
    { goal: `CPU per settled checkout (every process and its Postgres backends) <= ${GOAL_CPU_MS} ms`, figure: `${f1(totalCpu)} ms`, met: totalCpu <= GOAL_CPU_MS },
    {
      goal: `checkouts/s saturated >= ${GOAL_SPEEDUP}x the ${BASELINE_PER_SECOND}/s this bench measured before issue 12's work`,
      figure: `${f1(speedup)}x (${f0(load.perSecond)}/s)`,
      met: speedup >= GOAL_SPEEDUP,
    },
    { goal: 'invariants hold', figure: failed.length === 0 ? 'all hold' : `${failed.length} failed`, met: failed.length === 0 },
  ];
}

function report(light: Phase, load: Phase, drainMs: number, checks: Check[], cpu: Array<[string, number]>, idle: Array<[string, number]>, writes: WritesPerCheckout, meta: string, goals: Goal[]): string {
  const accepted = (p: Phase) => [...p.drive.acceptedLatencies].sort((a, b) => a - b);
  const refused = Object.entries(load.drive.refused).map(([code, n]) => `${code}: ${n}`).join(', ') || 'none';
  const totalCpu = totalOf(cpu);
  const col = (p: Phase) => [
    `${f0(p.perSecond)}`,
    `${f0(p.drive.accepted.length)}`,
    `${f0(p.completed)} / ${f0(p.cancelled)} / ${f0(p.rejected)} (${p.drive.declinesAsked} declines asked)`,
    `${f1(percentile(accepted(p), 50))} / ${f1(percentile(accepted(p), 99))}`,
    `${f1(percentile(p.completion, 50))} / ${f1(percentile(p.completion, 99))}`,
  ];
  const [l, h] = [col(light), col(load)];
  const lines = [
    meta,
    '',
    `POST /api/checkout straight to payments (closed model: each client sends its next checkout when the previous answer came), each a new ` +
      `Idempotency-Key; simulated provider latency ${LATENCY_MS} ms per call, ${Math.round(DECLINE_SHARE * 100)} % tok_decline; ${CUSTOMERS} customers' ` +
      `carts of 1–2 lines over ${SKUS} SKUs; every service one process (payments saga concurrency ${SAGA_CONCURRENCY}); catalog, inventory, pricing, cart, ` +
      `orders, payments, PostgreSQL, Redis and the driver share the machine. Light load first, then saturation.`,
    '',
    `| | light: ${light.clients} clients, ${light.seconds} s | saturated: ${load.clients} clients, ${load.seconds} s |`,
    '|---|---|---|',
    `| **checkouts/s end to end** (settled sagas ÷ first request → last settle) | ${l[0]} | **${h[0]}** |`,
    `| checkouts accepted (202) | ${l[1]} | ${h[1]} |`,
    `| settled: CONFIRMED / CANCELLED / refused | ${l[2]} | ${h[2]} |`,
    `| 202 answer p50 / p99, ms | ${l[3]} | ${h[3]} |`,
    `| end to end, accepted → settled, p50 / p99, ms | ${l[4]} | ${h[4]} |`,
    '',
    `Refused or failed requests while saturated: ${refused}. Drain after the last request: ${f1(drainMs / 1000)} s.` +
      (load.drive.cartsRanOut ? ` Every seeded cart was checked out before the ${load.seconds} s were up (BENCH_CUSTOMERS=${CUSTOMERS}): the phase ended early.` : ''),
    '',
    `CPU per settled checkout, saturated phase (ms; /proc of each process and of the Postgres backends of the bench database by application_name; Redis is shared with ` +
      `anything else running): ${cpu.map(([name, ms]) => `${name} ${f1(ms)}`).join(', ')} — total ${f1(totalCpu)} ms, so ${cpus().length} cores cap ` +
      `this deployment at ≈ ${f0((cpus().length * 1000) / totalCpu)} checkouts/s.`,
    '',
    `Background CPU with no load (ms per second, ${IDLE_SECONDS} s after seeding, before the light phase): ` +
      `${idle.map(([name, ms]) => `${name} ${f1(ms)}`).join(', ')} — total ${f1(totalOf(idle))} ms/s, so ≈ ${f1(totalOf(idle) / Math.max(1, load.perSecond))} ms ` +
      `of each saturated checkout above is work the services do whether or not anyone buys (at ${f0(load.perSecond)} checkouts/s).`,
    '',
    `Postgres writes per settled checkout, saturated phase and drain (the bench database's cumulative statistics; the bench's own few polls included): ` +
      `${f1(writes.commits)} commits, ${f1(writes.rowWrites)} row writes; by table (inserted / updated, of them HOT / deleted): ` +
      writes.tables.map((t) => `${t.table} ${f1(t.inserted)} / ${f1(t.updated)} (${f1(t.hot)}) / ${f1(t.deleted)}`).join(', ') +
      '.',
    '',
    "Invariants (from the services' tables after the run):",
    '',
    ...checks.map((c) => `- ${c.ok ? 'OK' : 'FAILED'} — ${c.name}${c.ok ? '' : ` (${c.detail})`}`),
    '',
    `Goals (issue 12; a single checkout end to end at light load: p50 ${f1(percentile(light.completion, 50))} ms, p99 ${f1(percentile(light.completion, 99))} ms): ` +
      goals.map((g) => `${g.goal}: ${g.figure} (${g.met ? 'met' : '**NOT met**'})`).join('; ') +
      '. See the notes below.',
    '',
    'Reproduce: `npm run bench:checkout` (PostgreSQL and Redis as for `npm start`; builds the apps when missing; BENCH_SECONDS, BENCH_CONCURRENCY, ' +
      'BENCH_LIGHT_SECONDS, BENCH_LIGHT_CONCURRENCY, BENCH_IDLE_SECONDS, BENCH_CUSTOMERS, BENCH_SKUS, BENCH_DECLINE_SHARE, BENCH_PROVIDER_LATENCY_MS, BENCH_SAGA_CONCURRENCY).',
  ];
  return lines.join('\n');
}

function writeSection(body: string): void {
  // Hand-written analysis between the notes markers survives a re-run.
  writeBenchmarkSection('checkout', (previous) => `## Checkout — ${minuteStamp()} UTC\n\n${body}\n\n${keptNotes('checkout', previous)}`);
}


async function main(): Promise<void> {
  giveUpAfter(5);

  const names = ['catalog', 'inventory', 'pricing', 'cart', 'orders', 'payments'];
  buildApps(root, names, true);
  const { databaseUrl } = await benchDatabase(serverUrl, 'bench_checkout');
  const prefix = `bench-checkout-${process.pid}:`;
  const common = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_PREFIX: prefix };
  const ports = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()] as const)));
  const apps: Record<string, App> = {};
  const db = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  // Ctrl-C: stop the apps and drop the database rather than leave them behind.
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log('interrupted: cleaning up');
    void Promise.all(Object.values(apps).map(stopApp))
      .then(() => dropDatabase(databaseUrl))
      .then(() => deleteKeysWithPrefix(redisUrl, prefix))
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    apps.catalog = startApp('catalog', ports.catalog!, { CATALOG_PORT: String(ports.catalog) }, common);
    apps.inventory = startApp('inventory', ports.inventory!, { INVENTORY_PORT: String(ports.inventory), INVENTORY_PARTITIONS: String(PARTITIONS) }, common);
    // NOTIFY at commit takes a database-wide lock (see the messaging README): the relay polls instead.
    apps.orders = startApp('orders', ports.orders!, { ORDERS_PORT: String(ports.orders), ORDERS_OUTBOX_NOTIFY: 'false' }, common);
    await Promise.all([waitFor(apps.catalog), waitFor(apps.inventory, '/health/ready'), waitFor(apps.orders)]);
    // Checkout charges pricing's signed quote; the cart shows it.
    apps.pricing = startApp(
      'pricing',
      ports.pricing!,
      { PRICING_PORT: String(ports.pricing), CATALOG_URL: apps.catalog.url, INVENTORY_URL: apps.inventory.url, INVENTORY_PARTITIONS: String(PARTITIONS) },
      common,
    );
    await waitFor(apps.pricing);
    apps.cart = startApp('cart', ports.cart!, { CART_PORT: String(ports.cart), CATALOG_URL: apps.catalog.url, PRICING_URL: apps.pricing.url, INVENTORY_URL: apps.inventory.url }, common);
    await waitFor(apps.cart);
    apps.payments = startApp(
      'payments',
      ports.payments!,
      {
        PAYMENTS_PORT: String(ports.payments),
        CART_URL: apps.cart.url,
        PRICING_URL: apps.pricing.url,
        ORDERS_URL: apps.orders.url,
        INVENTORY_PARTITIONS: String(PARTITIONS),
        SIM_PROVIDER_LATENCY_MS: String(LATENCY_MS),
        SAGA_CONCURRENCY: String(SAGA_CONCURRENCY),
        PAYMENTS_DB_POOL: '16',
        // Under saturation answers are slow: no spurious timeouts; requests cut off are undone quickly.
        PAYMENTS_UPSTREAM_TIMEOUT_MS: '10000',
        SAGA_SWEEP_MS: '2000',
        SAGA_STALE_MS: '20000',
        SAGA_ABANDON_MS: '20000',
      },
      common,
    );
    await waitFor(apps.payments);

    const meta = `Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, load average before the run ${loadavg()[0]!.toFixed(2)}.`;
    log(meta);
    log('seeding products, stock and carts');
    const seeded = await seed(apps);
    log(`seeded ${seeded.skus.length} SKUs and ${seeded.carts.length} carts`);

    const database = new URL(databaseUrl).pathname.slice(1);
    log(`idle: ${IDLE_SECONDS} s with no load (background work)`);
    const idle = await idleCpu(apps, db, database);
    log(`light load: ${LIGHT_CONCURRENCY} client(s) for ${LIGHT_SECONDS} s`);
    const lightDrive = await drive(apps.payments, seeded, LIGHT_CONCURRENCY, LIGHT_SECONDS, 0);
    await waitForSagas(db, 60_000);
    const light = await phaseOf(db, lightDrive, LIGHT_CONCURRENCY, LIGHT_SECONDS);
    log(`  ${f0(light.perSecond)} checkouts/s`);

    log(`saturation: ${CONCURRENCY} clients for ${SECONDS} s`);
    const cpuBefore = cpuSnapshot(apps);
    const writesBefore = await writeCounts(db);
    const backends = new BackendSampler(db, database);
    await backends.start();
    const loadDrive = await drive(apps.payments, seeded, CONCURRENCY, SECONDS, lightDrive.sent ?? 0);
    log(`  ${loadDrive.accepted.length} accepted, refused: ${JSON.stringify(loadDrive.refused)}`);
    log('waiting for every saga to settle');
    const drainMs = await waitForSagas(db, 120_000);
    const load = await phaseOf(db, loadDrive, CONCURRENCY, SECONDS);
    const settledCount = load.completed + load.cancelled + load.rejected;
    const postgres = await backends.stop();
    const cpu = cpuShares(cpuBefore, cpuSnapshot(apps), postgres, settledCount);
    // A backend reports its counts when it goes idle, at most about once a second: give the last ones time
    // (after the CPU readings, so the wait's idle work is not charged to the checkouts).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const writes = writesPerCheckout(writesBefore, await writeCounts(db), settledCount);
    log('checking invariants');
    const checks = await invariants(db);
    const goals = [...goalsOf(load, checks, cpu), memoryGoal(Object.fromEntries(Object.entries(apps).map(([name, app]) => [name, peakRssMb(app.child.pid)])))];
    const text = report(light, load, drainMs, checks, cpu, idle, writes, meta, goals);
    process.stdout.write(`\n${text}\n\n`);
    writeSection(text);
    const latency = (p: Phase) => ({
      accepted: { p50: percentile([...p.drive.acceptedLatencies].sort((a, b) => a - b), 50), p99: percentile([...p.drive.acceptedLatencies].sort((a, b) => a - b), 99) },
      endToEnd: { p50: percentile(p.completion, 50), p99: percentile(p.completion, 99) },
    });
    writeBenchJson('checkout', {
      at: new Date().toISOString(),
      machine: `${meta} Load average at the end ${loadavg().map((n) => n.toFixed(1)).join(' / ')} (1/5/15 min).`,
      setup: { clients: CONCURRENCY, seconds: SECONDS, lightClients: LIGHT_CONCURRENCY, lightSeconds: LIGHT_SECONDS, providerLatencyMs: LATENCY_MS, declineShare: DECLINE_SHARE },
      measured: {
        checkoutsPerSecond: { light: Math.round(light.perSecond), saturated: Math.round(load.perSecond), baseline: BASELINE_PER_SECOND },
        cpuMsPerCheckout: figuresJson(cpu),
        idleCpuMsPerSecond: figuresJson(idle),
        postgresWritesPerCheckout: writes,
        latencyMs: { light: latency(light), saturated: latency(load) },
        invariants: checks.map((c) => ({ name: c.name, ok: c.ok })),
      },
      goals,
    });
    log('wrote the "Checkout" section of docs/benchmarks.md and reports/bench/checkout.json');
    if (checks.some((c) => !c.ok)) process.exitCode = 1;
  } finally {
    await db.end();
    await Promise.all(Object.values(apps).map(stopApp));
    await dropDatabase(databaseUrl).catch(() => undefined);
    await deleteKeysWithPrefix(redisUrl, prefix).catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench] failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
