// Helpers shared by `npm start` and `npm test`. Plain Node, no dependencies: they run before
// `npm install` has happened.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const defaults = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/shop',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

/** Child processes inherit this environment: defaults filled in, telemetry and daemons off. */
export function platformEnv(extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? defaults.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL ?? defaults.REDIS_URL,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
    CHECKPOINT_DISABLE: '1',
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/true',
    ...extra,
  };
}

export function say(message) {
  process.stdout.write(`\x1b[1m» ${message}\x1b[0m\n`);
}

export function fail(message) {
  process.stderr.write(`\x1b[31m✗ ${message}\x1b[0m\n`);
  process.exit(1);
}

/** Runs a command to completion with inherited output; exits with a one-line message on failure. */
export function run(command, args, { env = platformEnv(), what = `${command} ${args.join(' ')}` } = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) fail(`${what} failed (exit ${result.status ?? result.signal})`);
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (stale) {
    say('Installing dependencies (npm install)');
    run('npm', ['install', '--no-audit', '--no-fund'], { what: 'npm install' });
  }
}

function reachable(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function endpointOf(url, defaultPort) {
  const u = new URL(url);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || defaultPort) };
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function isLocal(host) {
  return ['127.0.0.1', 'localhost', '::1'].includes(host);
}

async function waitFor(host, port, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await reachable(host, port, 500)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const localStarters = {
  postgres: () => {
    if (!has('pg_ctlcluster')) return false;
    const versions = spawnSync('sh', ['-c', 'ls /etc/postgresql 2>/dev/null'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
    for (const v of versions) spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', v, 'main', 'start'], { stdio: 'ignore' });
    return versions.length > 0;
  },
  redis: () => {
    if (!has('redis-server')) return false;
    // With AOF (as infra/compose runs it): carts and pending stream entries survive a restart.
    const dir = join(root, 'tmp', 'redis');
    mkdirSync(dir, { recursive: true });
    spawnSync(
      'redis-server',
      ['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', '6379', '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--dir', dir],
      { stdio: 'ignore' },
    );
    return true;
  },
};

function dockerAnswers() {
  return has('docker') && spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/**
 * Makes sure Postgres and Redis answer: already running, else locally installed servers,
 * else infra/compose when a Docker engine answers, else one clear message of what to install.
 */
export async function ensureBackingServices(env = platformEnv()) {
  const services = [
    { name: 'postgres', label: 'PostgreSQL', ...endpointOf(env.DATABASE_URL, 5432), install: 'PostgreSQL 15+ (apt-get install postgresql)' },
    { name: 'redis', label: 'Redis', ...endpointOf(env.REDIS_URL, 6379), install: 'Redis 7+ (apt-get install redis-server)' },
  ];
  const missing = [];
  for (const s of services) {
    if (await reachable(s.host, s.port)) continue;
    if (isLocal(s.host) && localStarters[s.name]()) {
      say(`Starting the local ${s.label} server`);
      if (await waitFor(s.host, s.port, 20)) continue;
    }
    missing.push(s);
  }
  if (missing.length === 0) return;
  if (dockerAnswers() && missing.every((s) => isLocal(s.host))) {
    say('Starting PostgreSQL and Redis with docker compose (infra/compose)');
    run('docker', ['compose', '-f', join(root, 'infra/compose/docker-compose.yml'), 'up', '-d', ...missing.map((s) => s.name)]);
    const stillMissing = [];
    for (const s of missing) if (!(await waitFor(s.host, s.port, 60))) stillMissing.push(s);
    if (stillMissing.length === 0) return;
  }
  fail(
    missing.map((s) => `${s.label} is not reachable at ${s.host}:${s.port}.`).join(' ') +
      ` Install and start ${missing.map((s) => s.install).join(' and ')}, start Docker so infra/compose can run them,` +
      ' or point DATABASE_URL / REDIS_URL at running servers.',
  );
}

/** Starts a long-running child whose output lines are prefixed with its name. */
export function startChild(name, command, args, env) {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `\x1b[36m[${name}]\x1b[0m `;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) process.stdout.write(prefix + humanize(line) + '\n');
    });
  }
  return child;
}

/** Turns a pino JSON line into "LEVEL message key=value" for a terminal; other lines pass through. */
function humanize(line) {
  if (!line.startsWith('{')) return line;
  try {
    const { level, msg, time: _t, pid: _p, hostname: _h, service: _s, ...rest } = JSON.parse(line);
    const name = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' }[level] ?? level;
    const extras = Object.entries(rest)
      .filter(([k]) => !['traceId', 'spanId', 'reqId'].includes(k))
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${name} ${msg ?? ''} ${extras}`.trim();
  } catch {
    return line;
  }
}

export async function waitForReady(url, seconds = 60) {
  for (let i = 0; i < seconds * 4; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Sends one command to Redis over RESP and returns the reply (arrays of bulk strings only). */
function redisCommand(url, args, timeoutMs = 2000) {
  const { host, port } = endpointOf(url, 6379);
  const u = new URL(url);
  const commands = [];
  if (u.password) commands.push(u.username ? ['AUTH', decodeURIComponent(u.username), decodeURIComponent(u.password)] : ['AUTH', decodeURIComponent(u.password)]);
  commands.push(args);
  const encode = (cmd) => `*${cmd.length}\r\n${cmd.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let data = '';
    const done = (value) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.once('error', () => done(null));
    socket.once('connect', () => socket.write(commands.map(encode).join('')));
    socket.on('data', (chunk) => {
      data += chunk;
      const reply = parseLastArray(data);
      if (reply) done(reply);
    });
  });
}

/** The array reply at the end of `data` (after any AUTH "+OK"), or undefined while incomplete. */
function parseLastArray(data) {
  const start = data.indexOf('*');
  if (start < 0) return data.startsWith('-') ? [] : undefined;
  const lines = data.slice(start).split('\r\n');
  const count = Number(lines[0].slice(1));
  const values = [];
  for (let i = 1; values.length < count; i += 2) {
    if (lines[i + 1] === undefined) return undefined;
    values.push(lines[i + 1]);
  }
  return values;
}

/**
 * What to say about a Redis's persistence, from its CONFIG GET appendonly / save replies
 * (`null` when CONFIG is not allowed, e.g. a managed Redis): nothing when it keeps an AOF.
 */
export function redisPersistenceWarning(appendonly, save) {
  if (!appendonly || !save || appendonly.length < 2) return null;
  if (appendonly[1] === 'yes') return null;
  const snapshots = (save[1] ?? '').trim() !== '';
  return (
    `runs without AOF persistence${snapshots ? ' (RDB snapshots only: minutes of writes can be lost)' : ' or snapshots: a restart loses everything in it'}` +
    ' — carts, pending stream entries and queued jobs. Set `appendonly yes` and `appendfsync everysec` (as infra/compose does) to keep them;' +
    ' see README, "What lives only in Redis".'
  );
}

/**
 * Says once, at start, when Redis would forget carts and pending events on a restart. A warning,
 * not a failure: a throwaway local Redis is fine for trying things out.
 */
export async function warnIfRedisForgets(redisUrl) {
  const warning = redisPersistenceWarning(await redisCommand(redisUrl, ['CONFIG', 'GET', 'appendonly']), await redisCommand(redisUrl, ['CONFIG', 'GET', 'save']));
  const { host, port } = endpointOf(redisUrl, 6379);
  if (warning) process.stderr.write(`\x1b[33m⚠ Redis at ${host}:${port} ${warning}\x1b[0m\n`);
}
