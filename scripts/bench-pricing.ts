// npm run bench:pricing — a quote with 1,000 active promotions and 100,000 price-list entries,
// against a naive baseline, and against the cost of one cached product read, in one run.
//
// On a fresh database (created next to DATABASE_URL, dropped afterwards) it builds and starts the
// catalog, the gateway and the pricing service from dist/ (pricing with PRICING_NAIVE_BASELINE=true,
// which adds the benchmark-only POST /api/pricing/naive/quote), then sets up through the admin APIs:
//   - a category tree (4 roots x 4 children) and 10 active products in it (catalog), which pricing
//     learns from the catalog's events;
//   - 1,000 active promotions: SKU, product, category and cart targets; percent, amount and
//     buy-X-get-Y benefits (and free shipping); priorities 0-9; about 10% exclusive; some with a
//     minimum subtotal or a window open now;
//   - 10 price lists of 10,000 entries each (100,000), 7 public and 3 for a customer group, the
//     cart's SKUs among them;
// and a 10-line cart. The engine's answer and the baseline's must be equal (lines, discounts,
// totals) before anything is timed. Then, with autocannon:
//   1. throughput (saturating load, BENCH_CONNECTIONS, BENCH_SECONDS): the quote (engine) and the
//      naive quote, alternated twice, straight to the pricing process;
//      with the pricing process's CPU time per quote (Linux /proc), which other load on the
//      machine disturbs far less than throughput;
//   2. latency at a fixed, evenly paced arrival rate (BENCH_RATE, default 10% of the engine's
//      throughput, so percentiles show service time, not queueing; scripts/lib/paced-load.ts):
//      the cached product read through the gateway, the quote straight to pricing and the quote
//      through the gateway, each BENCH_SECONDS.
// It prints a table, writes the "Pricing" section of docs/benchmarks.md and
// reports/bench/pricing.json ({ goal, figure, met } entries).
import { type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { dropDatabase } from '../libs/persistence/src/database-admin.js';
import { repoRoot } from '../libs/persistence/src/paths.js';
import { freePort } from '../libs/testing/src/built-service.js';
import { benchDatabase, buildApps, cpuSeconds, giveUpAfter, percentile, seeded, spawnBuiltService, waitReady } from './lib/bench-process.js';
import { pacedLoad } from './lib/paced-load.js';
import { deleteKeysWithPrefix, minuteStamp, writeBenchmarkSection } from './lib/bench-report.js';
import { BENCH_ADMIN, ensureBenchSecrets, signedIdentity } from './lib/bench-secrets.js';
import { withNativeMemoryDefaults } from './lib/apps.mjs';

ensureBenchSecrets();
// Every process the bench starts, services and baselines alike, gets the services' malloc settings.
withNativeMemoryDefaults(process.env);

interface AutocannonResult {
  requests: { total: number };
  non2xx: number;
  errors: number;
  duration: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void;
  then: Promise<AutocannonResult>['then'];
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const root = repoRoot();
const env = process.env;
const serverUrl = env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisPrefix = `bench-pricing:${process.pid}:${Date.now().toString(36)}:`;
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const PROMOTIONS = 1_000;
const PRICE_LISTS = 10;
const ENTRIES_PER_LIST = 10_000;
const CART_LINES = 10;
/** A p99 from one 10 s run at ~85 req/s rests on its 9 worst answers: more rounds steady it. */
const LATENCY_ROUNDS = 3;
const QUOTE = '/api/pricing/quote';
const NAIVE = '/api/pricing/naive/quote';

const children: ChildProcess[] = [];

function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

const random = seeded(Number(env.BENCH_SEED ?? 20261205));
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
const fakeId = () => `00000000-0000-4000-8000-${int(0, 0xffffffffffff).toString(16).padStart(12, '0')}`;

function start(name: string, port: number, databaseUrl: string, extra: Record<string, string>): { child: ChildProcess; url: string } {
  const child = spawnBuiltService(root, name, { ...env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix, LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'warn', ...extra });
  children.push(child);
  return { child, url: `http://127.0.0.1:${port}` };
}


async function admin(base: string, method: string, path: string, body: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...signedIdentity(BENCH_ADMIN, method, path) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

async function post(url: string, body: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

interface Catalogued {
  skus: string[];
  productIds: string[];
  categoryIds: string[];
  slug: string;
}

/** Categories and the cart's 10 products, each in one or two leaf categories. */
async function createCatalog(catalog: string, tag: string): Promise<Catalogued> {
  const categoryIds: string[] = [];
  for (let r = 0; r < 4; r++) {
    const rootCategory = await admin(catalog, 'POST', '/api/admin/categories', { slug: `bench-${tag}-c${r}`, name: `Bench ${r}` });
    categoryIds.push(rootCategory.id);
    for (let c = 0; c < 4; c++) {
      const child = await admin(catalog, 'POST', '/api/admin/categories', { slug: `bench-${tag}-c${r}-${c}`, name: `Bench ${r}.${c}`, parentId: rootCategory.id });
      categoryIds.push(child.id);
    }
  }
  const leaves = categoryIds.filter((_, i) => i % 5 !== 0);
  const skus: string[] = [];
  const productIds: string[] = [];
  let slug = '';
  for (let p = 0; p < CART_LINES; p++) {
    const sku = `BENCH-${tag.toUpperCase()}-${p}`;
    const product = await admin(catalog, 'POST', '/api/admin/products', {
      title: `Bench Product ${tag} ${p}`,
      status: 'active',
      categoryIds: [...new Set([pick(leaves), pick(leaves)])],
      variants: [{ sku, attributes: { size: 'M' }, price: { amount: int(500, 20_000), currency: 'EUR' } }],
    });
    skus.push(sku);
    productIds.push(product.id);
    slug ||= product.slug;
  }
  return { skus, productIds, categoryIds, slug };
}

/**
 * 1,000 promotions, a mix of every target and benefit, most of them for other products as in a
 * real shop: about 3% of the line-targeted ones reach one of the cart's lines, and most cart-wide
 * ones ask for a larger subtotal than this cart has.
 */
function promotionBodies(cat: Catalogued): unknown[] {
  const now = Date.now();
  const bodies: unknown[] = [];
  for (let i = 0; i < PROMOTIONS; i++) {
    const roll = random();
    const kind = roll < 0.45 ? 'sku' : roll < 0.7 ? 'product' : roll < 0.98 ? 'category' : 'cart';
    const hitsCart = random() < 0.03;
    const someSkus = () => Array.from({ length: int(1, 20) }, (_, k) => (k === 0 && hitsCart ? pick(cat.skus) : `PL-${String(int(0, 99_999)).padStart(6, '0')}`));
    const target =
      kind === 'sku'
        ? { kind, skus: [...new Set(someSkus())] }
        : kind === 'product'
          ? { kind, productIds: [...new Set(Array.from({ length: int(1, 10) }, (_, k) => (k === 0 && hitsCart ? pick(cat.productIds) : fakeId())))] }
          : kind === 'category'
            ? { kind, categoryIds: [hitsCart ? pick(cat.categoryIds) : fakeId()] }
            : { kind };
    const benefitKind =
      kind === 'cart' ? pick(['percent_off', 'amount_off', 'free_shipping'] as const) : pick(['percent_off', 'percent_off', 'amount_off', 'buy_x_get_y'] as const);
    const benefit =
      benefitKind === 'percent_off'
        ? { kind: benefitKind, percent: kind === 'cart' ? int(1, 5) : int(5, 30) }
        : benefitKind === 'amount_off'
          ? { kind: benefitKind, amount: { amount: int(10, 500), currency: 'EUR' } }
          : benefitKind === 'buy_x_get_y'
            ? { kind: benefitKind, buy: int(1, 3), get: 1 }
            : { kind: benefitKind };
    const minSubtotal =
      kind === 'cart' && random() < 0.8 ? { amount: int(1_000_000, 5_000_000), currency: 'EUR' } : random() < 0.1 ? { amount: int(1_000, 50_000), currency: 'EUR' } : undefined;
    const windowed = random() < 0.2;
    bodies.push({
      name: `Bench promotion ${i}`,
      target,
      benefit,
      ...(minSubtotal ? { minSubtotal } : {}),
      ...(windowed ? { startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() } : {}),
      priority: int(0, 9),
      exclusive: random() < 0.1,
    });
  }
  return bodies;
}

async function createPromotions(pricing: string, bodies: unknown[]): Promise<void> {
  // A few at a time: the service's admin path, not a bulk load.
  for (let i = 0; i < bodies.length; i += 8) {
    await Promise.all(bodies.slice(i, i + 8).map((b) => admin(pricing, 'POST', '/api/admin/promotions', b)));
  }
}

async function createPriceLists(pricing: string, cat: Catalogued): Promise<number> {
  let written = 0;
  for (let l = 0; l < PRICE_LISTS; l++) {
    const list = await admin(pricing, 'POST', '/api/admin/price-lists', {
      name: `Bench list ${l}`,
      currency: 'EUR',
      priority: l,
      ...(l >= 7 ? { customerGroup: 'wholesale' } : {}),
    });
    const entries = Array.from({ length: ENTRIES_PER_LIST }, (_, k) => ({ sku: `PL-${String(l * ENTRIES_PER_LIST + k).padStart(6, '0')}`, amount: int(100, 50_000) }));
    // Some of the cart's SKUs are priced by a list (the first lists' public prices).
    cat.skus.forEach((sku, k) => {
      if ((k + l) % 3 === 0) entries[k] = { sku, amount: int(400, 18_000) };
    });
    const answer = await admin(pricing, 'PUT', `/api/admin/price-lists/${list.id}/entries`, { entries });
    written += answer?.written ?? entries.length;
  }
  return written;
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /** CPU time (user + system) of the watched process per 2xx answer, µs (NaN off Linux). */
  cpuUsPerRequest: number;
}




/** Latency at an even arrival rate (scripts/lib/paced-load.ts: autocannon's overallRate sends each second's requests in a burst). */
async function measureAtRate(url: string, options: { duration: number; rate: number; body?: unknown; watch: ChildProcess[] }): Promise<Run> {
  const cpuOf = () => options.watch.reduce((sum, p) => sum + cpuSeconds(p.pid), 0);
  const cpuBefore = cpuOf();
  const run = await pacedLoad({
    url,
    rate: options.rate,
    seconds: options.duration,
    connections: CONNECTIONS,
    ...(options.body === undefined ? {} : { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(options.body) }),
  });
  const { samples } = run;
  const cpuUsPerRequest = ((cpuOf() - cpuBefore) * 1e6) / samples.length;
  return { rps: samples.length / run.seconds, p50: percentile(samples, 50), p99: percentile(samples, 99), failures: run.failures, cpuUsPerRequest };
}

/** One saturating autocannon run; latencies from every 2xx response (sub-millisecond precision). */
async function measure(url: string, options: { duration: number; body?: unknown; watch?: ChildProcess[] }): Promise<Run> {
  const samples: number[] = [];
  const cpuOf = () => (options.watch ?? []).reduce((sum, p) => sum + cpuSeconds(p.pid), 0);
  const cpuBefore = options.watch ? cpuOf() : Number.NaN;
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: options.duration,
    ...(options.body === undefined ? {} : { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(options.body) }),
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) samples.push(ms);
  });
  const result = await instance;
  samples.sort((a, b) => a - b);
  const cpuUsPerRequest = (((options.watch ? cpuOf() : Number.NaN) - cpuBefore) * 1e6) / samples.length;
  return { rps: samples.length / result.duration, p50: percentile(samples, 50), p99: percentile(samples, 99), failures: result.non2xx + result.errors, cpuUsPerRequest };
}

/** What both answers must agree on: everything but the signature and the times. */
function comparable(quote: Record<string, unknown>): unknown {
  const { signature: _s, quotedAt: _q, expiresAt: _e, ...rest } = quote;
  return rest;
}

const f0 = (n: number) => Math.round(n).toLocaleString('en');
const f2 = (n: number) => n.toFixed(2);
const f3 = (n: number) => n.toFixed(3);

async function main(): Promise<void> {
  giveUpAfter(10, children);

  log('building the catalog, the gateway and the pricing service');
  buildApps(root, ['catalog', 'gateway', 'pricing']);

  const { databaseUrl } = await benchDatabase(serverUrl, 'bench_pricing');
  try {
    const [catalogPort, pricingPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
    const catalog = start('catalog', catalogPort, databaseUrl, { CATALOG_PORT: String(catalogPort) });
    await waitReady(catalog.url, catalog.child, 'catalog');
    const pricing = start('pricing', pricingPort, databaseUrl, {
      PRICING_PORT: String(pricingPort),
      CATALOG_URL: catalog.url,
      PRICING_NAIVE_BASELINE: 'true',
    });
    await waitReady(pricing.url, pricing.child, 'pricing');
    const gateway = start('gateway', gatewayPort, databaseUrl, {
      GATEWAY_PORT: String(gatewayPort),
      CATALOG_URL: catalog.url,
      PRICING_URL: pricing.url,
      // Every request is still counted in Redis; the limit is only raised so none is refused.
      RATE_LIMIT_DEFAULT: '1000000000/60',
    });
    await waitReady(gateway.url, gateway.child, 'gateway');

    const tag = Date.now().toString(36);
    log('setting up: categories and the cart\'s products (catalog)');
    const cat = await createCatalog(catalog.url, tag);
    const cart = { lines: cat.skus.map((sku) => ({ sku, quantity: int(1, 4) })) };
    // Pricing learns products from the catalog's events.
    for (let i = 0; ; i++) {
      const known = await fetch(`${pricing.url}/api/pricing/prices?skus=${cat.skus.join(',')}`).then((r) => (r.ok ? r.json() : { items: [] }));
      if ((known as { items: unknown[] }).items.length === CART_LINES) break;
      if (i > 240) throw new Error('pricing did not learn the products from the catalog\'s events within a minute');
      await sleep(250);
    }
    log(`setting up: ${f0(PROMOTIONS)} promotions`);
    const promotions = promotionBodies(cat);
    await createPromotions(pricing.url, promotions);
    log(`setting up: ${PRICE_LISTS} price lists x ${f0(ENTRIES_PER_LIST)} entries`);
    const entries = await createPriceLists(pricing.url, cat);

    // Same answer from both before anything is timed.
    const engineAnswer = await post(pricing.url + QUOTE, cart);
    const naiveAnswer = await post(pricing.url + NAIVE, cart);
    if (engineAnswer.status !== 200 && engineAnswer.status !== 201) throw new Error(`the quote answered ${engineAnswer.status}: ${JSON.stringify(engineAnswer.body)}`);
    if (JSON.stringify(comparable(engineAnswer.body)) !== JSON.stringify(comparable(naiveAnswer.body))) {
      throw new Error(`the engine and the naive baseline disagree:\nengine ${JSON.stringify(comparable(engineAnswer.body))}\nnaive  ${JSON.stringify(comparable(naiveAnswer.body))}`);
    }
    const quote = engineAnswer.body as { total: { amount: number }; discountTotal: { amount: number }; lines: { discounts: unknown[] }[]; cartDiscounts: unknown[] };
    const discountsApplied = quote.lines.reduce((s, l) => s + l.discounts.length, 0) + quote.cartDiscounts.length;
    log(`engine and baseline agree: total ${quote.total.amount}, ${discountsApplied} discounts (${quote.discountTotal.amount} off)`);

    const productPath = `/api/products/${cat.slug}`;
    for (let i = 0; i < 3; i++) await fetch(gateway.url + productPath).then((r) => r.text());
    const cache = (await fetch(catalog.url + productPath)).headers.get('x-cache');
    if (cache !== 'HIT') throw new Error(`the product read is not served from the cache (x-cache: ${cache})`);

    log(`warming up (${CONNECTIONS} connections)`);
    await measure(pricing.url + QUOTE, { duration: 2, body: cart });
    await measure(pricing.url + NAIVE, { duration: 2, body: cart });
    await measure(gateway.url + productPath, { duration: 2 });
    await measure(gateway.url + QUOTE, { duration: 2, body: cart });

    log(`throughput: ${SECONDS} s per run, engine and baseline alternated twice`);
    const engineRuns: Run[] = [];
    const naiveRuns: Run[] = [];
    for (let round = 0; round < 2; round++) {
      engineRuns.push(await measure(pricing.url + QUOTE, { duration: SECONDS, body: cart, watch: [pricing.child] }));
      naiveRuns.push(await measure(pricing.url + NAIVE, { duration: SECONDS, body: cart, watch: [pricing.child] }));
    }
    const mean = (runs: Run[], pick: (r: Run) => number) => runs.reduce((s, r) => s + pick(r), 0) / runs.length;
    const engineRps = mean(engineRuns, (r) => r.rps);
    const naiveRps = mean(naiveRuns, (r) => r.rps);
    const engineCpu = mean(engineRuns, (r) => r.cpuUsPerRequest);
    const naiveCpu = mean(naiveRuns, (r) => r.cpuUsPerRequest);
    const RATE = Number(env.BENCH_RATE ?? Math.max(10, Math.round(engineRps * 0.1)));

    log(`latency at a fixed ${RATE} req/s, ${SECONDS} s per run, the three targets alternated ${LATENCY_ROUNDS} times`);
    const productRuns: Run[] = [];
    const directRuns: Run[] = [];
    const gatewayRuns: Run[] = [];
    for (let round = 0; round < LATENCY_ROUNDS; round++) {
      // Alternated, so a burst of other load on the machine does not land on one target only.
      productRuns.push(await measureAtRate(gateway.url + productPath, { duration: SECONDS, rate: RATE, watch: [catalog.child, gateway.child] }));
      directRuns.push(await measureAtRate(pricing.url + QUOTE, { duration: SECONDS, rate: RATE, body: cart, watch: [pricing.child] }));
      gatewayRuns.push(await measureAtRate(gateway.url + QUOTE, { duration: SECONDS, rate: RATE, body: cart, watch: [pricing.child, gateway.child] }));
    }
    const summary = (runs: Run[]): Run => ({
      rps: mean(runs, (r) => r.rps),
      p50: mean(runs, (r) => r.p50),
      p99: mean(runs, (r) => r.p99),
      failures: runs.reduce((s, r) => s + r.failures, 0),
      cpuUsPerRequest: mean(runs, (r) => r.cpuUsPerRequest),
    });
    const productRead = summary(productRuns);
    const quoteDirect = summary(directRuns);
    const quoteGateway = summary(gatewayRuns);
    const failures = [...engineRuns, ...naiveRuns, ...productRuns, ...directRuns, ...gatewayRuns].reduce((s, r) => s + r.failures, 0);

    const ratio = engineRps / naiveRps;
    const goals = [
      { goal: "quotes/s of POST /api/pricing/quote >= 20x the naive baseline's (same run, same process)", figure: `${f0(engineRps)} vs ${f0(naiveRps)} quotes/s: ${ratio.toFixed(1)}x`, met: ratio >= 20 },
      {
        goal: "pricing CPU per quote >= 20x less than the baseline's (the same comparison, less disturbed by other load on the machine)",
        figure: `${f0(engineCpu)} vs ${f0(naiveCpu)} µs: ${(naiveCpu / engineCpu).toFixed(1)}x`,
        met: naiveCpu / engineCpu >= 20,
      },
      {
        goal: 'p99 of a quote, straight to the pricing service, under the p99 of one cached product read through the gateway',
        figure: `${f3(quoteDirect.p99)} ms vs ${f3(productRead.p99)} ms at ${RATE} req/s`,
        met: quoteDirect.p99 < productRead.p99,
      },
      {
        goal: 'p99 of a quote through the gateway under the p99 of one cached product read through the gateway',
        figure: `${f3(quoteGateway.p99)} ms vs ${f3(productRead.p99)} ms at ${RATE} req/s`,
        met: quoteGateway.p99 < productRead.p99,
      },
      { goal: 'no failed request (non-2xx or error) in any timed run', figure: String(failures), met: failures === 0 },
    ];
    const rows = [
      ['', 'engine (POST /api/pricing/quote)', 'naive baseline (POST /api/pricing/naive/quote)', 'ratio'],
      ['quotes/s, saturated (mean of 2 runs)', f0(engineRps), f0(naiveRps), `${ratio.toFixed(1)}x`],
      ['pricing process CPU per quote, µs (mean of 2 runs)', f0(engineCpu), f0(naiveCpu), `${(naiveCpu / engineCpu).toFixed(1)}x less`],
      ['p50 / p99 under saturation, ms', `${f2(mean(engineRuns, (r) => r.p50))} / ${f2(mean(engineRuns, (r) => r.p99))}`, `${f2(mean(naiveRuns, (r) => r.p50))} / ${f2(mean(naiveRuns, (r) => r.p99))}`, ''],
    ];
    const latencyRows = [
      [`at ${RATE} req/s, evenly paced (mean of ${LATENCY_ROUNDS} alternated runs)`, 'p50, ms', 'p99, ms', 'CPU per request, µs (processes)'],
      ['cached product read through the gateway (GET /api/products/:slug, x-cache HIT)', f3(productRead.p50), f3(productRead.p99), `${f0(productRead.cpuUsPerRequest)} (catalog + gateway)`],
      ['quote straight to pricing', f3(quoteDirect.p50), f3(quoteDirect.p99), `${f0(quoteDirect.cpuUsPerRequest)} (pricing)`],
      ['quote through the gateway', f3(quoteGateway.p50), f3(quoteGateway.p99), `${f0(quoteGateway.cpuUsPerRequest)} (pricing + gateway)`],
    ];
    const table = (r: string[][]) => r.map((row, i) => `| ${row.join(' | ')} |${i === 0 ? `\n|${row.map(() => '---').join('|')}|` : ''}`).join('\n');
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
    const machine = `${cpus().length} x ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, load average ${load} (1/5/15 min) at the end`;
    const goalText = goals.map((g) => `- ${g.goal}: ${g.figure} — ${g.met ? 'met' : 'NOT met'}`).join('\n');
    const text =
      `A ${CART_LINES}-line cart (anonymous, EUR, no coupon; ${discountsApplied} discounts apply to it) with ${f0(PROMOTIONS)} active promotions ` +
      `(SKU, product, category and cart targets; percent, amount, buy X get Y and free shipping; priorities 0-9, ~10% exclusive) and ` +
      `${f0(entries)} price-list entries in ${PRICE_LISTS} lists; ${CONNECTIONS} connections, ${SECONDS} s runs; machine: ${machine}; ` +
      'autocannon, catalog, gateway, pricing, PostgreSQL and Redis share the machine. The engine and the baseline gave the same ' +
      'quote (lines, discounts, totals) before timing.\n\n' +
      `${table(rows)}\n\n${table(latencyRows)}\n\n${goalText}\n\n` +
      'The baseline is the way the large open-source shops price a cart: on every quote it loads every live promotion and the SKUs\' ' +
      'price rows from PostgreSQL (no cache), sorts the promotions and tests each one against each line (no index), with the same ' +
      'stacking rules and arithmetic as the engine (apps/pricing/src/naive/, held equal to the engine by a unit test on random carts). ' +
      'The engine serves products, price-list prices and an index of the promotions from memory, dropped when a shared change counter ' +
      'in Redis moves (announced on a channel, so a quote reads it from memory).\n\n' +
      'Reproduce: `npm run bench:pricing` (PostgreSQL and Redis as for `npm start`; BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_RATE, BENCH_SEED; BENCH_CPU_PROF=<dir> for CPU profiles).';
    process.stdout.write(`\n${text}\n\n`);
    writeBenchmarkSection('pricing', () => `## Pricing — ${minuteStamp()} UTC\n\n${text}`);
    mkdirSync(join(root, 'reports', 'bench'), { recursive: true });
    writeFileSync(
      join(root, 'reports', 'bench', 'pricing.json'),
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          machine,
          setup: { promotions: PROMOTIONS, priceListEntries: entries, cartLines: CART_LINES, connections: CONNECTIONS, seconds: SECONDS, },
          fixedRate: RATE,
          measured: {
            engineQuotesPerSecond: Math.round(engineRps),
            naiveQuotesPerSecond: Math.round(naiveRps),
            engineCpuUsPerQuote: Math.round(engineCpu),
            naiveCpuUsPerQuote: Math.round(naiveCpu),
            productReadThroughGatewayP99Ms: productRead.p99,
            productReadCpuUsPerRequest: Math.round(productRead.cpuUsPerRequest),
            quoteDirectCpuUsPerRequest: Math.round(quoteDirect.cpuUsPerRequest),
            quoteDirectP99Ms: quoteDirect.p99,
            quoteThroughGatewayP99Ms: quoteGateway.p99,
          },
          goals,
        },
        null,
        2,
      )}\n`,
    );
    log('wrote the "Pricing" section of docs/benchmarks.md and reports/bench/pricing.json');
    if (goals.some((g) => !g.met)) process.exitCode = 1;
  } finally {
    for (const child of [...children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r)));
    }
    await dropDatabase(databaseUrl).catch(() => undefined);
    await deleteKeysWithPrefix(redisUrl, redisPrefix).catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench] failed: ${err instanceof Error ? err.message : String(err)}\n`);
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  process.exit(1);
});
