import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { INVENTORY_QUICK_FAILOVER, TcpProxy } from '@shop/testing';
import { supervise, type Supervisor } from '../../../scripts/lib/supervisor.mjs';
import { PAYMENTS_TEST_ENV, call } from '../checkout-platform.js';
import { freePort } from '../platform-processes.js';
import { PrivatePostgres, PrivateRedis } from './private-servers.js';

/** The chaos platform's first admin (the gateway has no default password). */
const CHAOS_ADMIN_PASSWORD = `chaos-admin-${Math.random().toString(36).slice(2)}`;

const root = join(import.meta.dirname, '..', '..', '..');

export const SERVICES = ['catalog', 'inventory', 'pricing', 'search', 'cart', 'orders', 'payments', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Settings that make the platform notice and heal quickly: short leases, sweeps and breakers. */
const QUICK_HEALING: Record<string, string> = {
  ...PAYMENTS_TEST_ENV,
  ...INVENTORY_QUICK_FAILOVER,
  EXPIRY_SWEEP_MS: '500',
  RESERVATION_TTL_SECONDS: '20',
  RATE_LIMIT_ENABLED: 'false',
  UPSTREAM_TIMEOUT_MS: '3000',
  BREAKER_HALF_OPEN_MS: '1000',
  ACCESS_TOKEN_TTL_SECONDS: '7200',
  SAGA_ABANDON_MS: '60000',
  // PAYMENTS_TEST_ENV's 6 attempts from 100 ms give a step ~3 s: less than a SIGKILLed inventory
  // needs to come back (restart, boot, partition leases), so its sagas went dead. 10 attempts give
  // ~50 s, like the production default (8 from 250 ms, ~30 s) covers a restart.
  SAGA_STEP_ATTEMPTS: '10',
  LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
};

/**
 * The eight built services (catalog, inventory, pricing, search, cart, orders, payments, gateway) on a Postgres
 * and a Redis of their own, each reached through a TCP relay the suite can cut, every service
 * under the healing runner of `npm start` (scripts/lib/supervisor.mjs): a SIGKILLed service
 * comes back by itself, as it would for an operator.
 */
export class ChaosPlatform {
  readonly postgres = new PrivatePostgres();
  readonly redis = new PrivateRedis();
  pgLink!: TcpProxy;
  redisLink!: TcpProxy;
  /** Straight to the private Postgres (not through the relay): the suite's view of the truth. */
  db!: pg.Pool;
  readonly services = new Map<ServiceName, Supervisor>();
  readonly ports = new Map<ServiceName, number>();
  /** The healing runner's lines ("payments was killed by SIGKILL; restarting in 0.5 s"). */
  readonly restartLines: string[] = [];
  private readonly output = new Map<ServiceName, string[]>();

  url(service: ServiceName): string {
    return `http://127.0.0.1:${this.ports.get(service)}`;
  }

  get gateway(): string {
    return this.url('gateway');
  }

  async start(): Promise<void> {
    process.once('exit', this.killAll);
    await this.postgres.start();
    await this.redis.start();
    const migrate = spawnSync('npm', ['run', '--silent', 'db:migrate'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: this.postgres.url() },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (migrate.status !== 0) throw new Error(`migrations on the private Postgres failed: ${migrate.stdout}${migrate.stderr}`);
    this.db = new pg.Pool({ connectionString: this.postgres.url(), max: 3 });
    this.db.on('error', () => undefined); // Postgres restarts are the point of this suite

    this.pgLink = new TcpProxy('127.0.0.1', this.postgres.port);
    this.redisLink = new TcpProxy('127.0.0.1', this.redis.port);
    await this.pgLink.start();
    await this.redisLink.start();
    for (const name of SERVICES) this.ports.set(name, await freePort());

    for (const name of ['catalog', 'inventory', 'orders', 'pricing', 'search', 'cart', 'payments', 'gateway'] as const) {
      this.services.set(name, supervise({ name, start: () => this.spawn(name), report: (line) => this.restartLines.push(line) }));
      await this.untilReady(name, 60_000);
    }
  }

  private envOf(name: ServiceName): Record<string, string> {
    const upstreams = {
      CATALOG_URL: this.url('catalog'),
      CART_URL: this.url('cart'),
      ORDERS_URL: this.url('orders'),
      PAYMENTS_URL: this.url('payments'),
      PRICING_URL: this.url('pricing'),
      SEARCH_URL: this.url('search'),
      INVENTORY_URL: this.url('inventory'),
    };
    return {
      ...QUICK_HEALING,
      ...upstreams,
      DATABASE_URL: this.pgLink.urlFor(this.postgres.url()),
      REDIS_URL: this.redisLink.urlFor(this.redis.url),
      REDIS_PREFIX: 'chaos:',
      // There is no default admin password: the chaos platform seeds its own.
      ADMIN_PASSWORD: CHAOS_ADMIN_PASSWORD,
      [`${name.toUpperCase()}_PORT`]: String(this.ports.get(name)),
      ...(name === 'inventory' ? { INVENTORY_PUBLIC_URL: this.url('inventory') } : {}),
    };
  }

  private spawn(name: ServiceName) {
    const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'apps', name, 'dist', 'main.js')], {
      cwd: root,
      env: { ...process.env, ...this.envOf(name) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = this.output.get(name) ?? [];
    this.output.set(name, lines);
    const keep = (d: Buffer) => {
      lines.push(String(d));
      if (lines.length > 300) lines.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }

  /** The last lines a service printed (for a failure message). */
  tail(name: ServiceName, chars = 3000): string {
    return (this.output.get(name) ?? []).join('').slice(-chars);
  }

  async ready(name: ServiceName): Promise<boolean> {
    try {
      const res = await fetch(`${this.url(name)}/health/ready`, { signal: AbortSignal.timeout(2000) });
      return res.ok;
    } catch {
      return false;
    }
  }

  async untilReady(name: ServiceName, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await this.ready(name))) {
      if (Date.now() > until) throw new Error(`${name} did not become ready: ${this.tail(name)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** SIGKILL of a service's current process; its supervisor starts a new one. */
  async kill(name: ServiceName): Promise<void> {
    const supervisor = this.services.get(name)!;
    const child = supervisor.child;
    const restarts = supervisor.restarts;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const until = Date.now() + 30_000;
    while (supervisor.restarts === restarts) {
      if (Date.now() > until) throw new Error(`${name} was not restarted by the healing runner`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** When the run is cut short (a timeout, Ctrl-C), no service outlives it. */
  private readonly killAll = (): void => {
    for (const s of this.services.values()) s.child.kill('SIGKILL');
  };

  async stop(): Promise<void> {
    process.off('exit', this.killAll);
    await Promise.all([...this.services.values()].map((s) => s.stop('SIGTERM', 5_000)));
    await this.db?.end().catch(() => undefined);
    await this.pgLink?.cut().catch(() => undefined);
    await this.redisLink?.cut().catch(() => undefined);
    await this.redis.stop();
    await this.postgres.stop();
  }

  /** Logs in the seeded admin (the gateway seeds it right after it starts). */
  async adminToken(): Promise<string> {
    const until = Date.now() + 30_000;
    for (;;) {
      const login = await call(`${this.gateway}/api/auth/login`, { method: 'POST', json: { email: 'admin@example.com', password: CHAOS_ADMIN_PASSWORD } });
      if (login.status === 200) return login.body.accessToken as string;
      if (Date.now() > until) throw new Error(`admin login: ${login.status} ${JSON.stringify(login.body)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
