// What the code says, read from the sources (never from the manifests): the variables each app
// reads, which of them must be set in a container, and the metric names the services export.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';

export const root = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

export interface AppVariables {
  /** Every variable the app (its config schema and the libraries it boots with) reads. */
  known: Set<string>;
  /** The ones a container must set: a loopback default, a secret, or no useful default. */
  needed: Set<string>;
  /** Needed only when another variable has a value (ELASTICSEARCH_URL with SEARCH_ENGINE=elasticsearch). */
  conditional: { variable: string; when: string; equals: string }[];
  /** Where they were read from, for messages. */
  source: string;
}

interface SchemaKey {
  name: string;
  text: string;
}

/** `KEY: definition` entries of zod object literals, with the text up to the next key. */
function schemaKeys(text: string): SchemaKey[] {
  const lines = text.split('\n');
  const keys: SchemaKey[] = [];
  for (const line of lines) {
    const match = /^\s+([A-Z][A-Z0-9_]+):\s*(.*)$/.exec(line);
    if (match) keys.push({ name: match[1], text: match[2] });
    else if (keys.length > 0 && !/^\s*(\/\/|\/\*\*|\*)/.test(line)) keys[keys.length - 1].text += `\n${line}`;
  }
  return keys;
}

const LOOPBACK = /127\.0\.0\.1|localhost/;

/** postgresEnv / redisEnv from libs/service-kit/src/service-env.ts. */
function spreadBlock(name: string): SchemaKey[] {
  const text = read('libs/service-kit/src/service-env.ts');
  const start = text.indexOf(`export const ${name} = {`);
  if (start < 0) throw new Error(`service-env.ts has no ${name}`);
  return schemaKeys(text.slice(start, text.indexOf('\n};', start)));
}

/** Variables the shared libraries read from process.env (tracing, logs, caller verification). */
export function libraryVariables(): Set<string> {
  const names = new Set<string>();
  for (const dir of ['libs/observability/src', 'libs/service-kit/src']) {
    for (const file of readdirSync(join(root, dir))) {
      if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
      const text = read(`${dir}/${file}`);
      for (const m of text.matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]+)|\[['"]([A-Z][A-Z0-9_]+)['"]\])/g)) names.add(m[1] ?? m[2]);
      for (const m of text.matchAll(/_VARIABLE = '([A-Z][A-Z0-9_]+)'/g)) names.add(m[1]);
    }
  }
  return names;
}

/** The trust keys every service verifies callers with, unless it boots with requireTrustKeys: false. */
function trustKeysNeeded(app: string): boolean {
  const dir = join(root, 'apps', app, 'src');
  return !readdirSync(dir).some((f) => f.endsWith('-app.ts') && /requireTrustKeys:\s*false/.test(readFileSync(join(dir, f), 'utf8')));
}

/** A Nest service's variables, from apps/<app>/src/config.ts. */
function serviceVariables(app: string): AppVariables {
  const source = `apps/${app}/src/config.ts`;
  const text = read(source);
  const known = libraryVariables();
  const needed = new Set<string>();
  const conditional: AppVariables['conditional'] = [];
  const keys = schemaKeys(text.slice(text.search(/z\s*\.object\(/)));
  for (const spread of text.matchAll(/\.\.\.(listenerEnv\('([A-Z]+)', \d+\)|postgresEnv|redisEnv)/g)) {
    if (spread[2]) {
      const prefix = spread[2];
      // listenerEnv: <P>_PORT (the app's port), <P>_HOST (loopback by default), <P>_METRICS_PORT (optional).
      keys.push({ name: `${prefix}_PORT`, text: 'port' }, { name: `${prefix}_HOST`, text: "default('127.0.0.1')" }, { name: `${prefix}_METRICS_PORT`, text: 'optional()' });
    } else {
      keys.push(...spreadBlock(spread[1]));
    }
  }
  for (const key of keys) {
    known.add(key.name);
    if (LOOPBACK.test(key.text) || /secret\(\)|refineSecret/.test(key.text) || key.name === 'NODE_ENV') needed.add(key.name);
  }
  // No default, and the default behaviour is wrong in a cluster: an instance would advertise
  // 127.0.0.1 to its peers; the gateway would create no admin and believe no forwarded address.
  for (const name of ['INVENTORY_PUBLIC_URL', 'ADMIN_PASSWORD', 'FORWARDED_CLIENT_SECRET']) if (known.has(name)) needed.add(name);
  if (known.has('ELASTICSEARCH_URL')) conditional.push({ variable: 'ELASTICSEARCH_URL', when: 'SEARCH_ENGINE', equals: 'elasticsearch' });
  if (trustKeysNeeded(app)) {
    needed.add('IDENTITY_SIGNING_SECRET');
    needed.add('SERVICE_CREDENTIAL_SECRET');
  }
  return { known, needed, conditional, source };
}

/** A Next.js app's variables, from libs/web-session (next-server.mjs and config.ts). */
function webVariables(app: string): AppVariables {
  const prefix = app.toUpperCase();
  const known = new Set<string>();
  for (const file of ['libs/web-session/next-server.mjs', 'libs/web-session/src/config.ts']) {
    const text = read(file);
    for (const m of text.matchAll(/(?:process\.env|env)(?:\.([A-Z][A-Z0-9_]+)|\[`\$\{prefix\}_([A-Z_]+)`\])/g)) known.add(m[1] ?? `${prefix}_${m[2]}`);
  }
  // Loopback defaults (HOST, GATEWAY_URL), the port, and the credential without which every
  // shopper counts as the Next.js server at the gateway (one login and rate-limit budget).
  const needed = new Set(['HOST', `${prefix}_PORT`, 'GATEWAY_URL', 'FORWARDED_CLIENT_SECRET']);
  for (const name of needed) if (!known.has(name)) throw new Error(`libs/web-session no longer reads ${name}: update infra/test`);
  return { known, needed, conditional: [], source: 'libs/web-session/next-server.mjs' };
}

/**
 * Apps whose code is not on this branch yet (built in parallel): the variables the brief names,
 * until their config.ts arrives and is read like the others'.
 */
const PENDING_APPS: Record<string, { prefix: string; needed: string[] }> = {
  notifications: { prefix: 'NOTIFICATIONS', needed: ['NOTIFICATIONS_HOST', 'NOTIFICATIONS_PORT', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'IDENTITY_SIGNING_SECRET', 'SERVICE_CREDENTIAL_SECRET'] },
};

export function appVariables(app: string): AppVariables {
  if (existsSync(join(root, 'apps', app, 'src', 'config.ts'))) return serviceVariables(app);
  if (existsSync(join(root, 'apps', app, 'server.mjs'))) return webVariables(app);
  const pending = PENDING_APPS[app];
  if (!pending) throw new Error(`apps/${app} has neither src/config.ts nor server.mjs`);
  const needed = new Set(pending.needed);
  return { known: new Set([...libraryVariables(), ...needed, `${pending.prefix}_METRICS_PORT`]), needed, conditional: [], source: 'infra/test (pending app)' };
}

/** The deployable apps: every folder under apps/ plus those pending on this branch. */
export function deployableApps(): string[] {
  const present = readdirSync(join(root, 'apps')).filter((d) => statSync(join(root, 'apps', d)).isDirectory() && existsSync(join(root, 'apps', d, 'package.json')));
  return [...new Set([...present, ...Object.keys(PENDING_APPS)])].sort();
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', 'generated', 'test'].includes(entry.name)) out.push(...sourceFiles(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) out.push(path);
  }
  return out;
}

/**
 * Every series name a service can export: the prom-client metrics declared in apps/ and libs/
 * (histograms with their _bucket/_sum/_count), the metrics of our own shape registered on its
 * registry, prom-client's default process metrics, and `up`.
 */
export function exportedSeries(): Set<string> {
  const names = new Set<string>(['up']);
  const add = (kind: string, name: string) => {
    if (kind === 'Histogram' || kind === 'Summary') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    if (kind !== 'Histogram') names.add(name);
  };
  for (const dir of ['apps', 'libs']) {
    for (const project of readdirSync(join(root, dir))) {
      const src = join(root, dir, project, 'src');
      if (!existsSync(src)) continue;
      for (const file of sourceFiles(src)) {
        const text = readFileSync(file, 'utf8');
        if (!text.includes('prom-client')) continue;
        for (const m of text.matchAll(/new (Counter|Gauge|Histogram|Summary)(?:<[^>]*>)?\(\{\s*name:\s*'([a-zA-Z_:][a-zA-Z0-9_:]*)'/g)) add(m[1], m[2]);
        // Metrics of our own shape registered on a prom-client registry (libs/observability/src/red-metrics.ts).
        for (const m of text.matchAll(/const name = '([a-zA-Z_:][a-zA-Z0-9_:]*)';[\s\S]*?type: '(counter|gauge|histogram|summary)'/g)) add(m[2][0]!.toUpperCase() + m[2].slice(1), m[1]);
      }
    }
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const metric of registry.getMetricsAsArray()) {
    const type = (metric as unknown as { type: string }).type;
    add(type === 'histogram' ? 'Histogram' : type === 'summary' ? 'Summary' : 'Gauge', metric.name);
  }
  return names;
}

const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/** Series names a PromQL expression reads (strings, matchers, ranges, grouping and functions dropped). */
export function seriesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names: string[] = [];
  for (const m of stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    if (m[2]) continue; // a function
    if (PROMQL_WORDS.has(m[1].toLowerCase())) continue;
    const before = stripped[(m.index ?? 0) - 1];
    if (before && /[0-9.$]/.test(before)) continue; // 5m, 1e3, $service
    names.push(m[1]);
  }
  return names;
}
