import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between a service and a real dependency (Postgres, Redis, another service) that
 * a test can cut and restore: "the dependency went down" without stopping a shared server.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private stalled = false;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Starts listening (on the same port again after a cut) and returns the port. */
  async start(): Promise<number> {
    const server = createServer((client) => {
      if (this.stalled) return this.swallow(client);
      const upstream = connect({ host: this.targetHost, port: this.targetPort });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this.port;
  }

  /** Refuses new connections and drops the open ones, like a dependency that died. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.stalled = false;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * The link goes silent without closing: open connections stay open but nothing crosses them,
   * and new ones are accepted but never reach the dependency. No reset, no FIN: what a peer
   * sees when a network path or a host vanishes, which only a timeout can tell from slowness.
   */
  stall(): void {
    this.stalled = true;
    for (const s of this.sockets) {
      s.unpipe();
      s.removeAllListeners('data');
      s.on('data', () => undefined); // read and drop, so the sender's writes "succeed"
      s.resume();
    }
  }

  /** Brings the link back after a cut or a stall; nothing to do when it is up. */
  async restore(): Promise<void> {
    if (this.stalled) {
      // What was dropped while stalled left every open stream unusable: close them, as a peer
      // would after its timeout, and relay new connections again.
      this.stalled = false;
      for (const s of this.sockets) s.destroy();
      this.sockets.clear();
    }
    if (!this.server) await this.start();
  }

  private swallow(client: Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    client.on('data', () => undefined);
  }

  /** A copy of `url` (postgres://, redis://, http://) pointing at this proxy. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }
}

export function endpointOf(url: string, defaultPort: number): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || defaultPort) };
}

/**
 * Relays in front of this run's Postgres and Redis (and, on demand, of upstream HTTP services),
 * for a service under test that must lose a dependency for real: start them, boot the service on
 * `urls`, then cut and restore each.
 */
export class DependencyRelays {
  readonly postgres: TcpProxy;
  readonly redis: TcpProxy;
  /** Relays in front of upstream HTTP services, by name (see `relayUpstream`). */
  readonly upstreams = new Map<string, TcpProxy>();

  constructor(private readonly env: { databaseUrl: string; redisUrl: string }) {
    const pg = endpointOf(env.databaseUrl, 5432);
    const rd = endpointOf(env.redisUrl, 6379);
    this.postgres = new TcpProxy(pg.host, pg.port);
    this.redis = new TcpProxy(rd.host, rd.port);
  }

  /** Starts both relays; returns the URLs the service under test should use. */
  async start(): Promise<{ databaseUrl: string; redisUrl: string }> {
    await this.postgres.start();
    await this.redis.start();
    return { databaseUrl: this.postgres.urlFor(this.env.databaseUrl), redisUrl: this.redis.urlFor(this.env.redisUrl) };
  }

  /** Starts both relays; returns them as the settings a built service reads (`DATABASE_URL`, `REDIS_URL`). */
  async startAsEnv(): Promise<{ DATABASE_URL: string; REDIS_URL: string }> {
    const urls = await this.start();
    return { DATABASE_URL: urls.databaseUrl, REDIS_URL: urls.redisUrl };
  }

  /** Starts a relay in front of the upstream at `url` (http://host:port); returns the URL to call it through. */
  async relayUpstream(name: string, url: string): Promise<string> {
    const { host, port } = endpointOf(url, 80);
    const relay = new TcpProxy(host, port);
    await relay.start();
    this.upstreams.set(name, relay);
    return relay.urlFor(url).replace(/\/$/, '');
  }

  /** Every link by name: `postgres`, `redis`, then the upstreams. */
  links(): Array<[string, TcpProxy]> {
    return [['postgres', this.postgres], ['redis', this.redis], ...this.upstreams];
  }

  /** Brings every link back (ignoring one that is already up), e.g. so the service can shut down cleanly. */
  async restore(): Promise<void> {
    for (const [, relay] of this.links()) await relay.restore().catch(() => undefined);
  }

  async cut(): Promise<void> {
    for (const [, relay] of this.links()) await relay.cut();
  }

  /** The end of a drill: brings every link back so the services can shut down cleanly, stops them, then the relays. */
  async shutDown(stopServices: () => Promise<unknown> | undefined): Promise<void> {
    await this.restore();
    await stopServices();
    await this.cut();
  }
}
