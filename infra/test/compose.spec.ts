// infra/compose: the whole platform, statically — every app with what it needs, pointing at the
// right neighbours, observed by Prometheus, Grafana, the collector and Jaeger.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appVariables, deployableApps, root } from './support/code-facts.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const compose = parse(readFileSync(join(root, 'infra/compose/docker-compose.yml'), 'utf8'), { merge: true }) as Any;
const services: Record<string, Any> = compose.services;
const dockerfile = readFileSync(join(root, 'infra/docker/Dockerfile'), 'utf8');

const envOf = (name: string): Record<string, string> => {
  const env = services[name].environment ?? {};
  return Array.isArray(env) ? Object.fromEntries(env.map((e: string) => e.split(/=(.*)/s).slice(0, 2))) : env;
};
const portOf = (name: string) => Number(Object.entries(envOf(name)).find(([k]) => k.endsWith('_PORT') && !k.includes('METRICS'))?.[1]);

describe('infra/compose/docker-compose.yml', () => {
  it('runs every app, its stores and the observability stack', () => {
    for (const name of [...deployableApps(), 'postgres', 'redis', 'elasticsearch', 'prometheus', 'grafana', 'otel-collector', 'jaeger', 'db-migrate']) {
      expect(services[name], name).toBeDefined();
    }
  });

  it('keeps `npm start`\'s use working: postgres and redis outside any profile, published on loopback', () => {
    for (const name of ['postgres', 'redis']) {
      expect(services[name].profiles, name).toBeUndefined();
      expect(services[name].ports[0], name).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it.each(deployableApps())('builds %s from its Dockerfile stage and sets the variables it needs', (app) => {
    const s = services[app];
    expect(s.build.dockerfile).toBe('infra/docker/Dockerfile');
    expect(s.build.target).toBe(app);
    expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${app}$`, 'm'));
    const env = envOf(app);
    const vars = appVariables(app);
    for (const name of vars.needed) expect(env[name], `${app}: ${name}`).toBeDefined();
    for (const c of vars.conditional) if (env[c.when] === c.equals) expect(env[c.variable], `${app}: ${c.variable}`).toBeDefined();
    for (const name of Object.keys(env)) expect(vars.known.has(name), `${app} sets ${name}, which it does not read`).toBe(true);
    // Secrets only from the environment compose runs in (--env-file), never written here.
    for (const [name, value] of Object.entries(env)) {
      if (/SECRET|PASSWORD|SMTP_URL/.test(name)) expect(value, `${app}: ${name}`).toBe(`\${${name}:-}`);
    }
    if (s.ports) for (const p of s.ports) expect(p, `${app} publishes on loopback only`).toMatch(/^127\.0\.0\.1:/);
  });

  it('points every address an app calls at a compose service and its port', () => {
    for (const app of deployableApps()) {
      for (const [name, value] of Object.entries(envOf(app))) {
        const url = /^https?:\/\/([^:/]+):(\d+)/.exec(String(value));
        if (!url || !name.endsWith('_URL')) continue;
        const [, host, port] = url;
        // A loopback address is one the shopper's browser follows (links in mails), not a call.
        if (host === '127.0.0.1' || host === 'localhost') continue;
        expect(services[host], `${app}: ${name}=${value}`).toBeDefined();
        if (host === 'gateway' && port === '9080') expect(envOf('gateway').GATEWAY_METRICS_PORT).toBe('9080');
        else if (deployableApps().includes(host)) expect(portOf(host), `${app}: ${name}=${value}`).toBe(Number(port));
      }
    }
  });

  it('has Prometheus scrape every app where its metrics are served', () => {
    const prometheus = parse(readFileSync(join(root, 'infra/prometheus/prometheus.yml'), 'utf8')) as Any;
    const targets = new Map<string, string[]>(prometheus.scrape_configs.map((j: Any) => [j.job_name, j.static_configs.flatMap((c: Any) => c.targets)]));
    for (const app of deployableApps().filter((a) => !['storefront', 'admin'].includes(a))) {
      const metricsPort = envOf(app)[`${app.toUpperCase()}_METRICS_PORT`] ?? portOf(app);
      expect(targets.get(app), `scrape job ${app}`).toEqual([`${app}:${metricsPort}`]);
    }
    expect(services.prometheus.volumes).toContain('../prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    expect(services.prometheus.volumes).toContain('../prometheus/rules:/etc/prometheus/rules:ro');
  });

  it('sends traces to the collector, and the collector to Jaeger', () => {
    const collector = parse(readFileSync(join(root, 'infra/otel/collector.yaml'), 'utf8')) as Any;
    expect(collector.service.pipelines.traces.exporters.map((e: string) => collector.exporters[e].endpoint)).toEqual(['jaeger:4317']);
    expect(collector.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    for (const app of deployableApps().filter((a) => !['storefront', 'admin'].includes(a))) {
      expect(envOf(app).OTEL_EXPORTER_OTLP_ENDPOINT, app).toBe('http://otel-collector:4318');
    }
  });
});
