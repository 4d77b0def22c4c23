import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DependencyRelays } from './tcp-proxy.js';
import { freePort } from './free-port.js';

export { freePort };

const root = resolve(import.meta.dirname, '..', '..', '..');
/** How long a start may take: a service starts in a few seconds, much slower while CI loads both cores. */
const STARTUP_TIMEOUT_MS = 60_000;

/**
 * A built app (apps/<name>/dist/main.js) as its own process, as `npm start` runs it: a crash
 * (an unhandled 'error' event, an unhandled rejection) ends the process, and `exit` says so.
 */
export class BuiltService {
  private child?: ChildProcess;
  readonly output: string[] = [];
  /** How the process ended, once it has. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return !!this.child && this.exit === undefined;
  }

  /** Starts the process and resolves once /health/live answers. */
  async start(): Promise<void> {
    const main = join(root, 'apps', this.name, 'dist', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run npx nx build @shop/${this.name} first`);
    this.exit = undefined;
    const child = spawn(process.execPath, [main], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d) => this.output.push(String(d)));
    child.stderr?.on('data', (d) => this.output.push(String(d)));
    child.once('exit', (code, signal) => {
      this.exit = { code, signal };
    });
    await untilLive(this, this.url);
  }

  exitReason(): string {
    return this.exit ? String(this.exit.code ?? this.exit.signal) : 'running';
  }

  /** The last lines it printed (for a failure message). */
  tail(lines = 20): string {
    return this.output.join('').split('\n').slice(-lines).join('\n');
  }

  /** SIGKILL by default: the process dies without any cleanup, like a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Waits until a service process just spawned answers `<url>/health/live`. A deadline, not a count
 * of polls: on a loaded machine each poll can take seconds.
 */
export function untilLive(service: Parameters<typeof untilServing>[0], url: string): Promise<void> {
  return untilServing(service, async () => (await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(2_000) })).ok, STARTUP_TIMEOUT_MS, 'it to start');
}

/**
 * Calls `probe` until it is true, failing early (with the process's last words) when `service`
 * died meanwhile, or after `timeoutMs`. No fixed sleeps: the deadline is generous on purpose.
 */
export async function untilServing(
  service: { alive: boolean; name: string; tail(): string; exitReason(): string },
  probe: () => Promise<boolean>,
  timeoutMs = 30_000,
  what = 'serving again',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!service.alive) throw new Error(`${service.name} died (${service.exitReason()}) while waiting for ${what}:\n${service.tail()}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${service.name}: timed out waiting for ${what}:\n${service.tail()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A steady load of requests (several loops), counting the answers by HTTP status (0: no answer). */
export class LoadWhileCut {
  private running = true;
  private readonly loops: Promise<void>[] = [];
  readonly statuses = new Map<number, number>();

  constructor(
    call: (i: number) => Promise<number>,
    concurrency = 4,
    private readonly servedStatuses: readonly number[] = [200, 201],
  ) {
    let n = 0;
    for (let c = 0; c < concurrency; c++) {
      this.loops.push(
        (async () => {
          while (this.running) {
            const status = await call(n++).catch(() => 0);
            this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
            // A refused request comes back at once: do not spin on it.
            if (!this.servedStatuses.includes(status)) await new Promise((r) => setTimeout(r, 20));
          }
        })(),
      );
    }
  }

  count(status: number): number {
    return this.statuses.get(status) ?? 0;
  }

  get served(): number {
    return this.servedStatuses.reduce((sum, s) => sum + this.count(s), 0);
  }

  get answered(): number {
    return [...this.statuses.values()].reduce((a, b) => a + b, 0);
  }

  async stop(): Promise<Map<number, number>> {
    this.running = false;
    await Promise.all(this.loops);
    return this.statuses;
  }
}

export interface LinkDrill {
  service: BuiltService;
  /** The relay between the service and one of its dependencies. */
  link: { cut(): Promise<void>; restore(): Promise<void> };
  /** One request of the load; resolves to its HTTP status. */
  request: (i: number) => Promise<number>;
  /** Statuses that count as served (default 200 and 201). */
  served?: readonly number[];
  /** Whether /health/ready must say 503 while the link is down (default true). */
  notReadyWhileCut?: boolean;
  concurrency?: number;
  /** Answers to wait for while the link is down (default 20; fewer for requests that wait out a retry). */
  answersWhileCut?: number;
}

/**
 * Cuts one link of a running service under load, keeps it cut while the load gets a few dozen
 * answers, restores it, and waits (generously, without timing assertions) until the service is
 * ready and serving again. Fails if the process dies at any point. Returns every answer's status.
 */
export async function dropLinkUnderLoad(drill: LinkDrill): Promise<Map<number, number>> {
  const { service, link } = drill;
  const ready = async () => (await fetch(`${service.url}/health/ready`)).status;
  const load = new LoadWhileCut(drill.request, drill.concurrency ?? 4, drill.served);
  try {
    await untilServing(service, async () => load.served >= 10, 20_000, 'the load to be served before the cut');
    await link.cut();
    if (drill.notReadyWhileCut ?? true) await untilServing(service, async () => (await ready()) === 503, 20_000, 'not ready while the link is down');
    const answered = load.answered;
    await untilServing(service, async () => load.answered >= answered + (drill.answersWhileCut ?? 20), 30_000, 'answers while the link is down');
    await link.restore();
    await untilServing(service, async () => (await ready()) === 200, 30_000, 'ready after the link healed');
    const served = load.served;
    await untilServing(service, async () => load.served >= served + 10, 30_000, 'the load served after the link healed');
  } finally {
    await load.stop();
    await link.restore().catch(() => undefined);
  }
  if (!service.alive) throw new Error(`${service.name} died (${service.exitReason()}):\n${service.tail()}`);
  return load.statuses;
}

/**
 * Built services of one test, each on a free port with the settings they share (database, Redis,
 * prefix), stopped together, the last started first.
 */
export class BuiltServiceSet {
  private readonly services: BuiltService[] = [];

  constructor(private readonly shared: Record<string, string>) {}

  /** Starts `name` with its port in `portVar` (a free one unless given) and `extra` settings. */
  async start(name: string, portVar: string, extra: Record<string, string> = {}, port?: number): Promise<BuiltService> {
    const p = port ?? (await freePort());
    return this.add(new BuiltService(name, p, { ...this.shared, [portVar]: String(p), ...extra }));
  }

  /** Starts a service built elsewhere and stops it with the others. */
  async add(service: BuiltService): Promise<BuiltService> {
    this.services.push(service);
    await service.start();
    return service;
  }

  async stopAll(): Promise<void> {
    for (const service of this.services.splice(0).reverse()) await service.stop();
  }
}

/** The built services a checkout calls, started for an outage drill of payments or the gateway. */
export interface CheckoutUpstreams {
  catalog: BuiltService;
  orders: BuiltService;
  inventory: BuiltService;
  /** The inventory's address as registered: its relay's. */
  inventoryUrl: string;
  /** Quotes the cart and signs the quotes checkout charges. */
  pricing: BuiltService;
  cart: BuiltService;
}

/**
 * Catalog, orders, inventory (8 partitions, short lease and registry timings) and a cart on that
 * catalog. The inventory registers under its relay's address, so partition-sticky calls to it go
 * through the relay (`relays.relayUpstream('inventory')`) and the drill can cut that link.
 */
export async function startCheckoutUpstreams(services: BuiltServiceSet, relays: DependencyRelays): Promise<CheckoutUpstreams> {
  const inventoryPort = await freePort();
  const inventoryUrl = await relays.relayUpstream('inventory', `http://127.0.0.1:${inventoryPort}`);
  const [catalog, orders, inventory] = await Promise.all([
    services.start('catalog', 'CATALOG_PORT'),
    services.start('orders', 'ORDERS_PORT'),
    services.start('inventory', 'INVENTORY_PORT', { INVENTORY_PARTITIONS: '8', INVENTORY_PUBLIC_URL: inventoryUrl, LEASE_TTL_MS: '1500', REGISTRY_HEARTBEAT_MS: '200', REGISTRY_TTL_MS: '800' }, inventoryPort),
  ]);
  const pricing = await services.start('pricing', 'PRICING_PORT', { CATALOG_URL: catalog.url, INVENTORY_URL: inventory.url, INVENTORY_PARTITIONS: '8' });
  const cart = await services.start('cart', 'CART_PORT', { CATALOG_URL: catalog.url, PRICING_URL: pricing.url });
  return { catalog, orders, inventory, inventoryUrl, pricing, cart };
}
