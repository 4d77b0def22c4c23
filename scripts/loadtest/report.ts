// The run's report: report.json with every figure, report.html with its charts (Chart.js's
// browser bundle inlined from node_modules, so the page opens offline), and main-chart.png, the
// offered-vs-achieved chart rendered by Debian's Chromium headless.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from '../../libs/e2e-platform/src/browser.js';
import type { RunSummary } from './recorder.js';

const require = createRequire(import.meta.url);

export interface LoadReport {
  scenario: string;
  verdict: 'PASS' | 'FAIL';
  startedAt: string;
  options: Record<string, unknown>;
  stages: Array<{ name: string; seconds: number; fromRate: number; toRate: number }>;
  summary: RunSummary;
  /** Offered arrivals per second, second by second, from the schedule. */
  offered: number[];
  thresholds: Array<{ text: string; value: number | null; passed: boolean }>;
  invariants: Array<{ name: string; holds: boolean; detail: string }>;
  facts: Record<string, unknown>;
  loadGenerator: { cpuUserSeconds: number; cpuSystemSeconds: number; wallSeconds: number; cpuShareOfOneCore: number; maxStartLagMs: number; rssMb: number };
  platformMetrics: { deltas: Record<string, Record<string, number>>; samples: Record<string, unknown>; scrapeFailures: Record<string, number> };
  sessionFailures: string[];
}

const escape = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page: everything inline (data, Chart.js, styles); no request leaves it. */
export function reportHtml(report: LoadReport, chartJs: string): string {
  const s = report.summary;
  const seconds = s.seconds;
  const last = Math.max(report.offered.length, (seconds.at(-1)?.second ?? 0) + 1);
  const bySecond = new Map(seconds.map((x) => [x.second, x]));
  const labels = Array.from({ length: last }, (_, i) => i);
  const col = (f: (x: (typeof seconds)[number]) => number | null) => labels.map((i) => (bySecond.has(i) ? f(bySecond.get(i)!) : null));
  const data = {
    labels,
    offered: labels.map((i) => report.offered[i] ?? 0),
    started: col((x) => x.arrivals),
    sent: col((x) => x.sent),
    ok: col((x) => x.ok),
    errors: col((x) => x.errors),
    p50: col((x) => (x.latencyMs.count ? x.latencyMs.p50 : null)),
    p95: col((x) => (x.latencyMs.count ? x.latencyMs.p95 : null)),
    p99: col((x) => (x.latencyMs.count ? x.latencyMs.p99 : null)),
    funnel: Object.entries(s.funnel),
    refusals: Object.entries(s.refusals).sort((a, b) => b[1] - a[1]).slice(0, 20),
  };
  const row = (cells: unknown[]) => `<tr>${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`;
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
  const stageRows = s.stages
    .map((st) =>
      row([
        st.name, fmt(st.seconds), fmt(st.offeredRate), fmt(st.achievedRate), fmt(st.requestsPerSecond), st.ok,
        Object.entries(st.clientErrors).map(([k, v]) => `${k}: ${v}`).join(', ') || '–', st.serverErrors, st.timeouts + st.transportErrors,
        st.latencyMs.p50, st.latencyMs.p95, st.latencyMs.p99, st.latencyMs['p99.9'], st.maxStartLagMs,
      ]),
    )
    .join('');
  const endpointRows = Object.entries(s.endpoints)
    .map(([name, e]) => row([name, e.sent, e.ok, Object.entries(e.clientErrors).map(([k, v]) => `${k}: ${v}`).join(', ') || '–', e.serverErrors, e.timeouts + e.transportErrors, e.latencyMs.p50, e.latencyMs.p95, e.latencyMs.p99, e.latencyMs['p99.9']]))
    .join('');
  const verdictColour = report.verdict === 'PASS' ? '#1a7f37' : '#cf222e';
  const g = report.loadGenerator;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Load test ${escape(report.scenario)} ${escape(report.startedAt)}: ${report.verdict}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1f2328;max-width:1200px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
.verdict{display:inline-block;padding:2px 10px;border-radius:6px;color:#fff;background:${verdictColour};font-weight:700}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:left;font-variant-numeric:tabular-nums}
th{background:#f6f8fa}.ok{color:#1a7f37}.bad{color:#cf222e;font-weight:600}
.chart{position:relative;height:340px;margin:8px 0 16px}#main-chart{background:#fff;padding:8px}
</style></head><body>
<h1>Load test <code>${escape(report.scenario)}</code> — <span class="verdict">${report.verdict}</span></h1>
<p>Started ${escape(report.startedAt)} against <code>${escape(report.options.target)}</code>. Options: <code>${escape(JSON.stringify(report.options))}</code></p>
<h2>Invariants</h2><table><tr><th>invariant</th><th>holds</th><th>figures</th></tr>
${report.invariants.map((i) => `<tr><td>${escape(i.name)}</td><td class="${i.holds ? 'ok' : 'bad'}">${i.holds ? 'yes' : 'NO'}</td><td>${escape(i.detail)}</td></tr>`).join('') || '<tr><td colspan=3>none</td></tr>'}
</table>
<h2>Thresholds</h2><table><tr><th>threshold</th><th>value</th><th>passed</th></tr>
${report.thresholds.map((t) => `<tr><td><code>${escape(t.text)}</code></td><td>${escape(t.value ?? 'n/a')}</td><td class="${t.passed ? 'ok' : 'bad'}">${t.passed ? 'yes' : 'NO'}</td></tr>`).join('') || '<tr><td colspan=3>none</td></tr>'}
</table>
<h2>Offered vs achieved rate</h2>
<div id="main-chart"><div class="chart"><canvas id="rate"></canvas></div></div>
<h2>Latency percentiles over time (every answer, refusals included; ms)</h2><div class="chart"><canvas id="latency"></canvas></div>
<h2>Stage funnel (sessions reaching each step)</h2><div class="chart"><canvas id="funnel"></canvas></div>
<h2>Refusals and retries by reason</h2><div class="chart"><canvas id="refusals"></canvas></div>
<h2>Per stage</h2><table><tr><th>stage</th><th>s</th><th>offered/s</th><th>achieved/s</th><th>req/s</th><th>2xx/3xx</th><th>4xx by code</th><th>5xx</th><th>timeouts+errors</th><th>p50</th><th>p95</th><th>p99</th><th>p99.9</th><th>max start lag ms</th></tr>${stageRows}</table>
<h2>Per endpoint</h2><table><tr><th>endpoint</th><th>sent</th><th>2xx/3xx</th><th>4xx by code</th><th>5xx</th><th>timeouts+errors</th><th>p50</th><th>p95</th><th>p99</th><th>p99.9</th></tr>${endpointRows}</table>
<h2>The load generator</h2><p>CPU ${fmt(g.cpuUserSeconds + g.cpuSystemSeconds)} s over ${fmt(g.wallSeconds)} s = ${(g.cpuShareOfOneCore * 100).toFixed(1)} % of one core; most a session started late: ${fmt(g.maxStartLagMs)} ms; RSS ${fmt(g.rssMb)} MB. Near 100 % of a core or a large start lag means the generator, not the platform, limited the run.</p>
<h2>Facts</h2><pre>${escape(JSON.stringify(report.facts, null, 2))}</pre>
<h2>Platform metrics (increase over the run)</h2><pre>${escape(JSON.stringify(report.platformMetrics.deltas, null, 2))}</pre>
<script>${chartJs}</script>
<script>
const D = ${JSON.stringify(data).replace(/</g, '\\u003c')};
Chart.defaults.animation = false;
const opts = (y) => ({ responsive: true, maintainAspectRatio: false, spanGaps: true, interaction: { mode: 'index', intersect: false }, scales: { x: { title: { display: true, text: 'seconds from start' } }, y } });
new Chart(document.getElementById('rate'), { type: 'line', data: { labels: D.labels, datasets: [
  { label: 'offered arrivals/s', data: D.offered, borderColor: '#8250df', borderDash: [6, 4], pointRadius: 0 },
  { label: 'started arrivals/s', data: D.started, borderColor: '#0969da', pointRadius: 0 },
  { label: 'requests sent/s', data: D.sent, borderColor: '#9a6700', pointRadius: 0 },
  { label: '2xx/3xx answers/s', data: D.ok, borderColor: '#1a7f37', pointRadius: 0 },
  { label: '5xx + timeouts/s', data: D.errors, borderColor: '#cf222e', pointRadius: 0 } ] }, options: opts({ beginAtZero: true, title: { display: true, text: 'per second' } }) });
new Chart(document.getElementById('latency'), { type: 'line', data: { labels: D.labels, datasets: [
  { label: 'p50', data: D.p50, borderColor: '#1a7f37', pointRadius: 0 },
  { label: 'p95', data: D.p95, borderColor: '#9a6700', pointRadius: 0 },
  { label: 'p99', data: D.p99, borderColor: '#cf222e', pointRadius: 0 } ] }, options: opts({ type: 'logarithmic', title: { display: true, text: 'ms' } }) });
new Chart(document.getElementById('funnel'), { type: 'bar', data: { labels: D.funnel.map((f) => f[0]), datasets: [{ label: 'sessions', data: D.funnel.map((f) => f[1]), backgroundColor: '#0969da' }] }, options: { responsive: true, maintainAspectRatio: false } });
new Chart(document.getElementById('refusals'), { type: 'bar', data: { labels: D.refusals.map((f) => f[0]), datasets: [{ label: 'count', data: D.refusals.map((f) => f[1]), backgroundColor: '#cf222e' }] }, options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false } });
document.body.dataset.ready = '1';
</script></body></html>
`;
}

/** Writes report.json, report.html and main-chart.png into `dir`; answers the files written (the PNG is skipped with a warning when Chromium fails). */
export async function writeReport(dir: string, report: LoadReport, log: (line: string) => void): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'report.json');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  // The browser (UMD) bundle sits beside the package's main entry; its exports do not name it.
  const chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  const html = join(dir, 'report.html');
  writeFileSync(html, reportHtml(report, chartJs));
  const files = [json, html];
  try {
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`file://${html}`);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
      const png = join(dir, 'main-chart.png');
      await page.locator('#main-chart').screenshot({ path: png });
      files.push(png);
    } finally {
      await browser.close();
    }
  } catch (error) {
    log(`main-chart.png not written: ${(error as Error).message.split('\n')[0]}`);
  }
  return files;
}
