// npm run loadtest -- --scenario flash-sale [--target URL] [--rate N] [--duration S] [--threshold 'p99<250'] ...
//
// Load tests an operator runs against a running platform (default: the local `npm start`'s
// gateway): an open model (arrivals on a schedule, never waiting for answers), per-stage figures
// with HDR percentiles, the platform's /metrics scraped along, the invariants checked afterwards
// from the platform's APIs and databases, and a PASS/FAIL verdict (exit 0 / 1; 2 when the run
// could not be set up). Reports: reports/loadtest/<timestamp>-<scenario>/report.{json,html},
// main-chart.png. See docs/benchmarks.md, "Load tests".
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { apps } from '../lib/apps.mjs';
import { LoadClient } from './client.js';
import { RunClock, runArrivals } from './engine.js';
import { MetricsScraper } from './metrics-scrape.js';
import { forwardedClientHeader, platformSetting, repoRoot, shopperAddress } from './platform-access.js';
import { Recorder } from './recorder.js';
import { type LoadReport, writeReport } from './report.js';
import type { RunOptions, Scenario, ScenarioContext } from './scenario.js';
import { arrivalSchedule, offeredRateAt, totalSeconds } from './schedule.js';
import { soak, spike, steadyBrowse } from './scenarios/browse.js';
import { flashSale } from './scenarios/flash-sale.js';
import { evaluateThresholds, parseThreshold } from './thresholds.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each scenario keeps its own state type
const scenarios: Record<string, Scenario<any>> = { 'flash-sale': flashSale, spike, 'steady-browse': steadyBrowse, soak };

const defaultGateway = `http://127.0.0.1:${process.env.GATEWAY_PORT ?? 8080}`;

const spec = {
  scenario: { type: 'string', default: 'flash-sale' },
  target: { type: 'string', default: defaultGateway },
  rate: { type: 'string' },
  duration: { type: 'string' },
  spike: { type: 'string', default: '3' },
  units: { type: 'string', default: '50' },
  limit: { type: 'string', default: '2' },
  'decline-share': { type: 'string', default: '0.15' },
  'abandon-share': { type: 'string', default: '0.1' },
  'over-limit-share': { type: 'string', default: '0.1' },
  'hold-ttl': { type: 'string', default: '20' },
  'settle-seconds': { type: 'string', default: '150' },
  seed: { type: 'string', default: '1' },
  timeout: { type: 'string', default: '5000' },
  connections: { type: 'string', default: '256' },
  'max-attempts': { type: 'string', default: '4' },
  'register-concurrency': { type: 'string', default: '4' },
  threshold: { type: 'string', multiple: true },
  metrics: { type: 'string', multiple: true },
  'scrape-every': { type: 'string', default: '2' },
  'no-scrape': { type: 'boolean', default: false },
  'database-url': { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function help(): string {
  const lines = Object.values(scenarios).map((s) => `  ${s.name.padEnd(14)} ${s.summary}\n  ${''.padEnd(14)} knobs: ${s.knobs.join(' ')}`);
  return `npm run loadtest -- --scenario <name> [options]

Scenarios:
${lines.join('\n')}

Options (defaults in brackets):
  --target URL              the platform's gateway [${defaultGateway}]
  --rate N                  arrivals (sessions) per second [flash-sale 10, browse scenarios 20]
  --duration S              seconds of load after the waiting room [30; soak 600]
  --spike X                 the spike's rate as a multiple of --rate [3]
  --units N                 flash-sale: units on sale [50]
  --limit N                 flash-sale: per-customer limit [2]
  --decline-share F         flash-sale: buyers paying with a declining card [0.15]
  --abandon-share F         flash-sale: buyers who hold and never check out [0.1]
  --over-limit-share F      flash-sale: buyers first asking for limit+1 units [0.1]
  --hold-ttl S              flash-sale: seconds a hold lives [20]
  --settle-seconds S        flash-sale: how long the checks wait for every checkout to settle; payments
                            undoes one whose request died while preparing after SAGA_ABANDON_MS [150]
  --seed N                  the buyer mix's seed [1]
  --timeout MS              a request's timeout; then the same request again, same Idempotency-Key [5000]
  --max-attempts N          attempts per request (timeouts; 429/503 after Retry-After) [4]
  --connections N           connections to the target at most [256]
  --register-concurrency N  buyer registrations at once during setup [4]
  --threshold EXPR          k6-style, repeatable: p50|p95|p99|p99.9|max (ms, optionally per endpoint:
                            hold.p99), error_rate, timeout_rate, achieved_ratio; e.g. 'p99<250' [error_rate<0.01]
  --metrics NAME=URL        a /metrics to scrape, repeatable [the local platform's, when --target is local]
  --scrape-every S          [2]     --no-scrape   scrape nothing
  --database-url URL        for the checks the APIs do not answer [DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/shop]
  --out DIR                 [reports/loadtest/<timestamp>-<scenario>]

Admin login and the storefront's shopper-address secret come from the environment (ADMIN_EMAIL,
ADMIN_PASSWORD, FORWARDED_CLIENT_SECRET) or .env.local-secrets, as npm start keeps them.
Exit: 0 PASS, 1 FAIL (an invariant broke or a threshold failed), 2 the run could not be set up.
`;
}

function number(name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: "${value}" is not a non-negative number`);
  return n;
}

/** The local platform's /metrics: every app's own port, the gateway's internal listener. */
function localMetricsTargets(target: string): Record<string, string> {
  const host = new URL(target).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) return {};
  const targets: Record<string, string> = { gateway: `http://127.0.0.1:${process.env.GATEWAY_METRICS_PORT ?? 9080}/metrics` };
  for (const app of apps) {
    if (['gateway', 'storefront', 'admin'].includes(app.name)) continue;
    targets[app.name] = `http://127.0.0.1:${process.env[app.portVar] ?? app.port}/metrics`;
  }
  return targets;
}

async function main(): Promise<number> {
  const { values: args } = parseArgs({ options: spec, allowPositionals: false });
  if (args.help) {
    process.stdout.write(help());
    return 0;
  }
  const scenario = scenarios[args.scenario];
  if (!scenario) throw new Error(`--scenario: "${args.scenario}" is not one of ${Object.keys(scenarios).join(', ')} (see --help)`);
  const log = (line: string) => process.stdout.write(`» ${line}\n`);
  const browse = scenario.name !== 'flash-sale';
  const options: RunOptions = {
    target: args.target,
    rate: number('rate', args.rate, browse ? 20 : 10),
    duration: number('duration', args.duration, scenario.name === 'soak' ? 600 : 30),
    spike: number('spike', args.spike, 3),
    units: number('units', args.units, 50),
    limit: number('limit', args.limit, 2),
    declineShare: number('decline-share', args['decline-share'], 0.15),
    abandonShare: number('abandon-share', args['abandon-share'], 0.1),
    overLimitShare: number('over-limit-share', args['over-limit-share'], 0.1),
    holdTtl: number('hold-ttl', args['hold-ttl'], 20),
    settleSeconds: number('settle-seconds', args['settle-seconds'], 150),
    seed: number('seed', args.seed, 1),
    timeoutMs: number('timeout', args.timeout, 5000),
    connections: number('connections', args.connections, 256),
    maxAttempts: Math.max(1, number('max-attempts', args['max-attempts'], 4)),
    registerConcurrency: number('register-concurrency', args['register-concurrency'], 4),
    databaseUrl: args['database-url'] ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/shop',
    metricsUrls: args['no-scrape']
      ? {}
      : args.metrics?.length
        ? Object.fromEntries(args.metrics.map((m) => {
            const at = m.indexOf('=');
            if (at < 1) throw new Error(`--metrics: "${m}" is not NAME=URL`);
            return [m.slice(0, at), m.slice(at + 1)];
          }))
        : localMetricsTargets(args.target),
    scrapeSeconds: number('scrape-every', args['scrape-every'], 2),
    log,
  };
  if (options.rate <= 0 || options.duration <= 0) throw new Error('--rate and --duration must be more than 0');
  const thresholds = (args.threshold?.length ? args.threshold : ['error_rate<0.01']).map(parseThreshold);

  const stages = scenario.stages(options);
  const arrivals = arrivalSchedule(stages);
  const recorder = new Recorder(stages.map((s) => s.name));
  let clock = new RunClock(performance.now(), stages);
  const client = new LoadClient(
    { target: options.target, connections: options.connections, timeoutMs: options.timeoutMs, maxAttempts: options.maxAttempts, maxRetryAfterSeconds: 30 },
    recorder,
    { elapsedMs: (at) => clock.elapsedMs(at), stageAt: (ms) => clock.stageAt(ms) },
  );
  const forwardedSecret = platformSetting('FORWARDED_CLIENT_SECRET');
  if (!forwardedSecret) log('FORWARDED_CLIENT_SECRET not found: every buyer shares this machine\'s address and its per-IP limits (registration is slow; 429s are retried after Retry-After)');
  const ctx: ScenarioContext = {
    options,
    client,
    recorder,
    get clock() {
      return clock;
    },
    shopperHeaders: (n): Record<string, string> => (forwardedSecret ? { 'x-shop-forwarded-client': forwardedClientHeader(forwardedSecret, shopperAddress(n)) } : {}),
  };

  const startedAt = new Date();
  log(`${scenario.name} against ${options.target}: ${arrivals.length} arrivals over ${totalSeconds(stages)} s (${stages.map((s) => `${s.name} ${s.seconds} s ${s.fromRate === s.toRate ? `${s.fromRate}/s` : `${s.fromRate}→${s.toRate}/s`}`).join(', ')})`);
  let state: unknown;
  try {
    state = await scenario.setup(ctx, arrivals);
  } catch (error) {
    process.stderr.write(`✗ setup failed: ${(error as Error).message}\n`);
    await client.close();
    return 2;
  }
  const loadStartsAt = (state as { loadStartsAt?: number }).loadStartsAt;
  if (loadStartsAt && loadStartsAt > Date.now()) await new Promise((r) => setTimeout(r, loadStartsAt - Date.now()));

  clock = new RunClock(performance.now(), stages);
  const scraper = new MetricsScraper(options.metricsUrls, options.scrapeSeconds, () => clock.elapsedMs() / 1000);
  scraper.start();
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  log('load started');
  const { failures } = await runArrivals(arrivals, clock, recorder, (i, arrival, dueAt) => scenario.session(ctx, state, i, arrival, dueAt));
  const cpu = process.cpuUsage(cpuBefore);
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  await scraper.stop();
  log(`load done in ${wallSeconds.toFixed(1)} s; checking the invariants`);

  let verification: Awaited<ReturnType<Scenario['verify']>>;
  try {
    verification = await scenario.verify(ctx, state);
  } catch (error) {
    verification = { invariants: [{ name: 'verification ran', holds: false, detail: (error as Error).message }], facts: {} };
  }
  await client.close();

  const stageSeconds = Object.fromEntries(stages.map((s) => [s.name, s.seconds]));
  const summary = recorder.summary(stageSeconds);
  const offered = Array.from({ length: Math.ceil(totalSeconds(stages)) }, (_, i) => Math.round(offeredRateAt(stages, i * 1000 + 500) * 100) / 100);
  const totalOffered = summary.stages.reduce((s, st) => s + st.arrivalsOffered, 0);
  const totalStarted = summary.stages.reduce((s, st) => s + st.arrivalsStarted, 0);
  const lookup = (metric: string): number | null => {
    if (metric === 'error_rate') return summary.overall.errorRate;
    if (metric === 'timeout_rate') return summary.overall.sent ? summary.overall.timeouts / summary.overall.sent : 0;
    if (metric === 'achieved_ratio') return totalOffered ? totalStarted / totalOffered : null;
    const dot = metric.startsWith('p99.') ? -1 : metric.indexOf('.');
    const source = dot < 0 ? summary.overall : summary.endpoints[metric.slice(0, dot)];
    const name = (dot < 0 ? metric : metric.slice(dot + 1)) as keyof typeof summary.overall.latencyMs;
    return source && source.latencyMs.count > 0 ? (source.latencyMs[name] as number) : null;
  };
  const thresholdResults = evaluateThresholds(thresholds, lookup);
  const sessionFailures = failures.map((f) => (f instanceof Error ? f.stack ?? f.message : String(f)));
  const verdict = verification.invariants.every((i) => i.holds) && thresholdResults.every((t) => t.passed) && sessionFailures.length === 0 ? 'PASS' : 'FAIL';

  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const report: LoadReport = {
    scenario: scenario.name,
    verdict,
    startedAt: startedAt.toISOString(),
    options: Object.fromEntries(Object.entries(options).filter(([k]) => !['log', 'databaseUrl'].includes(k))),
    stages,
    summary,
    offered,
    thresholds: thresholdResults,
    invariants: verification.invariants,
    facts: verification.facts,
    loadGenerator: {
      cpuUserSeconds: cpu.user / 1e6,
      cpuSystemSeconds: cpu.system / 1e6,
      wallSeconds,
      cpuShareOfOneCore: cpuSeconds / wallSeconds,
      maxStartLagMs: Math.max(0, ...summary.stages.map((s) => s.maxStartLagMs)),
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
    },
    platformMetrics: { deltas: scraper.deltas(), samples: scraper.samples, scrapeFailures: scraper.failures },
    sessionFailures,
  };
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const dir = args.out ?? join(repoRoot, 'reports', 'loadtest', `${stamp}-${scenario.name}`);
  const files = await writeReport(dir, report, log);

  const out = process.stdout;
  out.write('\nstage        offered/s achieved/s   req/s    ok    4xx   5xx  t/o     p50     p95     p99   p99.9 (ms)\n');
  for (const st of summary.stages) {
    const c4 = Object.values(st.clientErrors).reduce((a, b) => a + b, 0);
    out.write(
      `${st.name.padEnd(12)} ${st.offeredRate.toFixed(1).padStart(9)} ${st.achievedRate.toFixed(1).padStart(10)} ${st.requestsPerSecond.toFixed(1).padStart(7)} ${String(st.ok).padStart(5)} ${String(c4).padStart(6)} ${String(st.serverErrors).padStart(5)} ${String(st.timeouts + st.transportErrors).padStart(4)} ${[st.latencyMs.p50, st.latencyMs.p95, st.latencyMs.p99, st.latencyMs['p99.9']].map((v) => v.toFixed(1).padStart(7)).join(' ')}\n`,
    );
  }
  out.write(`\nload generator: ${(report.loadGenerator.cpuShareOfOneCore * 100).toFixed(1)} % of one core, sessions started at most ${report.loadGenerator.maxStartLagMs.toFixed(1)} ms late\n`);
  out.write('\ninvariants:\n');
  for (const i of verification.invariants) out.write(`  ${i.holds ? '✓' : '✗'} ${i.name}: ${i.detail}\n`);
  out.write('thresholds:\n');
  for (const t of thresholdResults) out.write(`  ${t.passed ? '✓' : '✗'} ${t.text} (${t.value === null ? 'no figure' : Math.round(t.value * 10000) / 10000})\n`);
  for (const f of sessionFailures.slice(0, 5)) out.write(`  ✗ a session failed: ${f.split('\n')[0]}\n`);
  out.write(`\n${verdict}  ${scenario.name}\nreport: ${files.join('\n        ')}\n`);
  return verdict === 'PASS' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`✗ ${(error as Error).message}\n`);
    process.exit(2);
  },
);
