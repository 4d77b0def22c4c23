import type { Clock } from '@shop/contracts';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import type { AuthSession } from '@shop/contracts';
import type { RunningService } from '@shop/service-kit';
import { parseJsonOrText, testEnv, testSecrets } from '@shop/testing';
import { GatewayEnv, gatewayConfigFrom, type GatewayConfig } from '../src/config.js';
import { EdgeInstaller } from '../src/edge/edge-installer.js';
import { startGateway } from '../src/gateway-app.js';
import type { RouteEntry } from '../src/routing/route-table.js';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Never answer (until the server closes). */
  hang?: boolean;
  /** Drop the connection without answering. */
  destroy?: boolean;
}

/** A stand-in upstream: a real HTTP server that records requests and answers as a test says. */
export class StandIn {
  readonly seen: SeenRequest[] = [];
  behaviour: (req: SeenRequest) => Answer = () => ({ status: 200, body: '{"ok":true}' });
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const seen = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
        this.seen.push(seen);
        const answer = this.behaviour(seen);
        if (answer.hang) return;
        if (answer.destroy) return void req.socket.destroy();
        setTimeout(() => {
          res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          res.end(answer.body ?? '{}');
        }, answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

let counter = 0;
export const unique = (label: string) => `${label}-${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface TestGateway {
  service: RunningService;
  url: string;
  config: GatewayConfig;
  admin: { email: string; password: string };
  /** Every route the gateway registered, with the policy the edge applies. */
  routes: EdgeInstaller['routes'];
  close(): Promise<void>;
}

/**
 * A gateway on a random port against the run's database and Redis, forwarding `catalog` to
 * the given stand-in. Limits are generous unless a test sets them; each gateway gets its own
 * Redis prefix unless given one (gateways sharing a prefix share their limits).
 */
/** An address nothing answers on (the discard port, closed here): connections are refused. */
const NOWHERE = 'http://127.0.0.1:9';

export async function startTestGateway(
  options: { catalogUrl: string; env?: Record<string, string>; extraUpstreams?: Record<string, string>; routes?: readonly RouteEntry[]; clock?: Clock } = {
    catalogUrl: NOWHERE,
  },
): Promise<TestGateway> {
  const env = testEnv();
  const admin = { email: `${unique('admin')}@example.com`, password: 'admin-test-password' };
  const config = gatewayConfigFrom(
    GatewayEnv.parse({
      GATEWAY_PORT: '0',
      GATEWAY_METRICS_PORT: '0',
      JWT_SECRET: testSecrets().JWT_SECRET,
      IDENTITY_SIGNING_SECRET: testSecrets().IDENTITY_SIGNING_SECRET,
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      // A relay in front of one server (an `env.REDIS_URL` of the test's) is not a cluster.
      REDIS_CLUSTER_NODES: options.env?.REDIS_URL === undefined ? env.redisClusterNodes.join(',') : '',
      REDIS_PREFIX: `${env.redisPrefix}${unique('gw')}:`,
      CATALOG_URL: options.catalogUrl,
      // Upstreams a test does not name answer nowhere (port 9 refuses), never a platform that
      // `npm start` may be running on the default ports.
      ...Object.fromEntries(['CART', 'ORDERS', 'PAYMENTS', 'PRICING', 'SEARCH', 'ANALYTICS', 'NOTIFICATIONS', 'INVENTORY'].map((name) => [`${name}_URL`, NOWHERE])),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      RATE_LIMIT_DEFAULT: '100000/60',
      RATE_LIMIT_AUTH: '100000/60',
      LOGIN_FAILURE_LIMIT: '1000/60',
      UPSTREAM_TIMEOUT_MS: '2000',
      ...options.env,
    }),
  );
  for (const [name, url] of Object.entries(options.extraUpstreams ?? {})) config.upstreams[name] = { ...config.upstreams['catalog']!, url };
  const service = await startGateway(config, { handleSignals: false, routes: options.routes, clock: options.clock });
  return {
    service,
    url: service.url,
    config,
    admin,
    routes: service.app.get(EdgeInstaller).routes,
    close: () => service.close(),
  };
}

export interface CallOptions {
  method?: Dispatcher.HttpMethod;
  json?: unknown;
  body?: string;
  token?: string;
  headers?: Record<string, string>;
  /** Source address of the call (any 127.x.y.z): a different client IP. */
  from?: string;
}

const agents = new Map<string, Agent>();
function agentFor(address: string): Agent {
  let agent = agents.get(address);
  if (!agent) {
    agent = new Agent({ localAddress: address });
    agents.set(address, agent);
  }
  return agent;
}

export async function call(base: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  const res = await request(base + path, {
    method: options.method ?? (options.json !== undefined ? 'POST' : 'GET'),
    headers,
    body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    dispatcher: options.from ? agentFor(options.from) : undefined,
  });
  const text = await res.body.text();
  const body: any = parseJsonOrText(text); // eslint-disable-line @typescript-eslint/no-explicit-any
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode, headers: flat, body, text };
}

export async function register(base: string, email = `${unique('shopper')}@example.com`, password = 'correct horse battery') {
  const res = await call(base, '/api/auth/register', { json: { email, password } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return { email, password, session: res.body as AuthSession };
}

export async function login(base: string, email: string, password: string): Promise<AuthSession> {
  const res = await call(base, '/api/auth/login', { json: { email, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.body as AuthSession;
}

/** A concrete path for a route template: params become a UUID, wildcards a segment. */
export function samplePath(template: string): string {
  return template.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000').replace(/\*$/, 'sample');
}

/** Sends the path byte for byte (URL-based clients would resolve `..` before sending). */
export function rawGet(base: string, path: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}
