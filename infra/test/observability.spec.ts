// Prometheus (promtool check / test) and Grafana: the rules and dashboards read series the code
// really exports, and every alert has a unit test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { exportedSeries, root, seriesIn } from './support/code-facts.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
const dir = join(root, 'infra/prometheus');

function promtool(...args: string[]): string {
  const result = spawnSync(PROMTOOL, args, { cwd: dir, encoding: 'utf8' });
  if (result.error) throw new Error(`promtool is missing (${result.error.message}): apt-get install prometheus (Debian), or set PROMTOOL`);
  if (result.status !== 0) throw new Error(`promtool ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const ruleFiles = readdirSync(join(dir, 'rules')).filter((f) => f.endsWith('.yml'));
const rules: Any[] = ruleFiles.flatMap((f) => (parse(readFileSync(join(dir, 'rules', f), 'utf8')) as Any).groups.flatMap((g: Any) => g.rules));
const recorded = new Set(rules.filter((r) => r.record).map((r) => r.record as string));
const exported = exportedSeries();

describe('Prometheus', () => {
  it('accepts the compose scrape configuration and the rules', () => {
    expect(promtool('check', 'config', 'prometheus.yml')).toContain('SUCCESS');
    expect(promtool('check', 'rules', ...ruleFiles.map((f) => `rules/${f}`))).toContain('SUCCESS');
  });

  it('accepts the Kubernetes scrape configuration (its discovery swapped for static targets)', () => {
    // Debian builds promtool without Kubernetes discovery; everything else (relabelling regexes,
    // rule files) is checked as written.
    const config = parse(readFileSync(join(dir, 'prometheus-kubernetes.yml'), 'utf8')) as Any;
    for (const job of config.scrape_configs) {
      expect(job.kubernetes_sd_configs?.[0]?.role).toBe('pod');
      delete job.kubernetes_sd_configs;
      job.static_configs = [{ targets: ['127.0.0.1:3001'] }];
    }
    const tmp = mkdtempSync(join(tmpdir(), 'infra-prom-'));
    config.rule_files = config.rule_files.map((f: string) => join(dir, f));
    writeFileSync(join(tmp, 'prometheus.yml'), stringify(config));
    expect(promtool('check', 'config', join(tmp, 'prometheus.yml'))).toContain('SUCCESS');
  });

  it('passes the alert unit tests, and every alert has one', () => {
    expect(promtool('test', 'rules', 'tests/alerts.test.yml')).toContain('SUCCESS');
    const tests = parse(readFileSync(join(dir, 'tests/alerts.test.yml'), 'utf8')) as Any;
    const tested = new Set(tests.tests.flatMap((t: Any) => (t.alert_rule_test ?? []).filter((a: Any) => (a.exp_alerts ?? []).length > 0).map((a: Any) => a.alertname)));
    for (const alert of rules.filter((r) => r.alert)) expect(tested.has(alert.alert), `a test where ${alert.alert} fires`).toBe(true);
  });

  it('points every alert at a section of the runbook', () => {
    // GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens.
    const anchors = new Set(
      [...readFileSync(join(root, 'infra/README.md'), 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')),
    );
    for (const alert of rules.filter((r) => r.alert)) {
      const [file, anchor] = String(alert.annotations?.runbook).split('#');
      expect(file, alert.alert).toBe('infra/README.md');
      expect(anchors.has(anchor ?? ''), `${alert.alert}: #${anchor} is not a heading of infra/README.md`).toBe(true);
    }
  });

  it('reads only series the services export or the rules record', () => {
    for (const rule of rules) {
      for (const name of seriesIn(rule.expr)) expect(exported.has(name) || recorded.has(name), `${rule.record ?? rule.alert}: ${name}`).toBe(true);
    }
  });

  it('finds the series names it checks against in the code', () => {
    // A guard for the check above: the scan of the code finds the metrics the sale depends on.
    for (const name of ['http_requests_total', 'http_request_duration_seconds_bucket', 'inventory_mailbox_depth', 'payments_sagas_dead_total', 'gateway_upstream_circuit_state', 'process_resident_memory_bytes']) {
      expect(exported.has(name), name).toBe(true);
    }
    expect(seriesIn('sum by (service) (rate(http_requests_total{status=~"5.."}[1m])) / service:x:rate1m > 0.02')).toEqual(['http_requests_total', 'service:x:rate1m']);
  });

  it('serves the custom metric the production gateway HPA scales on', () => {
    const adapter = parse(readFileSync(join(dir, 'adapter-rules.yaml'), 'utf8')) as Any;
    const served = adapter.rules.map((r: Any) => r.name.as);
    expect(served).toContain('http_requests_per_second');
    for (const r of adapter.rules) for (const name of seriesIn(r.seriesQuery)) expect(exported.has(name), name).toBe(true);
  });
});

describe('Grafana', () => {
  const dashboards = readdirSync(join(root, 'infra/grafana/dashboards')).filter((f) => f.endsWith('.json'));
  const datasources = parse(readFileSync(join(root, 'infra/grafana/provisioning/datasources/prometheus.yml'), 'utf8')) as Any;
  const uids = new Set(datasources.datasources.map((d: Any) => d.uid));

  it('has the platform overview, flash sale, checkout saga and per-service dashboards', () => {
    expect(dashboards.sort()).toEqual(['checkout-saga.json', 'flash-sale.json', 'platform-overview.json', 'service.json']);
  });

  it.each(dashboards)('%s queries only series that exist, through the provisioned datasource', (file) => {
    const dashboard = JSON.parse(readFileSync(join(root, 'infra/grafana/dashboards', file), 'utf8'));
    expect(dashboard.panels.length).toBeGreaterThan(3);
    const ids = new Set<number>();
    for (const panel of dashboard.panels) {
      expect(ids.has(panel.id), `${file}: panel id ${panel.id} repeated`).toBe(false);
      ids.add(panel.id);
      expect(uids.has(panel.datasource.uid), `${file}: ${panel.title}`).toBe(true);
      expect(panel.targets.length, `${file}: ${panel.title}`).toBeGreaterThan(0);
      for (const target of panel.targets) {
        for (const name of seriesIn(target.expr)) expect(exported.has(name) || recorded.has(name), `${file} / ${panel.title}: ${name}`).toBe(true);
      }
    }
  });

  it('is provisioned from the files compose mounts', () => {
    const providers = parse(readFileSync(join(root, 'infra/grafana/provisioning/dashboards/flashshop.yml'), 'utf8')) as Any;
    const compose = readFileSync(join(root, 'infra/compose/docker-compose.yml'), 'utf8');
    expect(compose).toContain(`../grafana/dashboards:${providers.providers[0].options.path}:ro`);
    expect(compose).toContain('../grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(datasources.datasources[0].url).toBe('http://prometheus:9090');
  });
});
