import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { failure, FailureCode, type Clock } from '@shop/contracts';
import type { FastifyInstance, FastifyPluginAsync, RouteOptions } from 'fastify';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { Authenticator } from '../identity/application/authenticator.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import { policyFor, type EdgePolicy, type ProxiedRoute, type RouteEntry } from '../routing/route-table.js';
import type { Upstreams } from '../routing/upstreams.js';
import { edgePipeline } from './edge-pipeline.js';
import { addressSet } from './forwarded-client.js';
import { CorsPolicy } from './security-headers.js';
import { multipartPassthrough } from './upload-passthrough.js';
import { sendFailure } from '@shop/service-kit';

export const EDGE_DEPS = Symbol('EDGE_DEPS');

export interface EdgeDeps {
  routes: readonly RouteEntry[];
  upstreams: Upstreams;
  authenticator: Authenticator;
  limiter: RateLimiter;
  metrics: GatewayMetrics;
  corsOrigins: readonly string[];
  /** Proxies (the storefront) that may vouch for a shopper's address, and their credential. */
  forwardedClient: { trustedProxies: readonly string[]; secret: string } | null;
  clock: Clock;
  /** Largest upload streamed through to a route that takes uploads. */
  uploadLimitBytes: number;
}

/** A route as registered, with the policy the edge applies to it (the authorization tests walk these). */
export interface RegisteredRoute {
  methods: string[];
  url: string;
  policy: EdgePolicy;
}

/** Registers a plugin's hooks on the root instance instead of an encapsulated child (what fastify-plugin does). */
function unencapsulated<T extends FastifyPluginAsync>(plugin: T): T {
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return plugin;
}

/**
 * Wires the edge into the gateway's Fastify instance:
 * - at construction (before any route exists): every route, whoever registers it (the proxy,
 *   Nest controllers, health probes), gets its policy from the route table, and a route the
 *   table does not cover stops the gateway from starting;
 * - at module init: the edge pipeline (after the service kit's request-id and tracing hooks),
 *   then one route per proxied table entry.
 */
@Injectable()
export class EdgeInstaller implements OnModuleInit {
  readonly routes: RegisteredRoute[] = [];
  private readonly instance: FastifyInstance;

  constructor(
    @Inject(HttpAdapterHost) host: HttpAdapterHost,
    @Inject(EDGE_DEPS) private readonly deps: EdgeDeps,
  ) {
    this.instance = host.httpAdapter.getInstance<FastifyInstance>();
    this.instance.decorateRequest('principal', null);
    this.instance.decorateRequest('clientAddress', '');
    this.instance.addHook('onRoute', (route) => this.attachPolicy(route));
    this.instance.addContentTypeParser('multipart/form-data', multipartPassthrough(deps.uploadLimitBytes));
  }

  onModuleInit(): void {
    const hook = edgePipeline({
      authenticator: this.deps.authenticator,
      limiter: this.deps.limiter,
      metrics: this.deps.metrics,
      cors: new CorsPolicy(this.deps.corsOrigins),
      forwardedClient: this.deps.forwardedClient && {
        proxies: addressSet(this.deps.forwardedClient.trustedProxies),
        secret: this.deps.forwardedClient.secret,
      },
      clock: this.deps.clock,
    });
    // Registered as a plugin (not awaited): Fastify loads it when it starts listening, after
    // Nest has installed its error handler; awaiting here would bind the routes to Fastify's
    // default one. Its hook runs after the service kit's request-id and tracing hooks.
    void this.instance.register(
      unencapsulated(async (instance) => {
        instance.addHook('onRequest', hook);
      }),
    );
    for (const entry of this.deps.routes) if (entry.kind === 'proxy') this.registerProxy(entry);
  }

  private registerProxy(entry: ProxiedRoute): void {
    const upstream = this.deps.upstreams[entry.upstream];
    if (!upstream) throw new Error(`route table: ${entry.prefix} names unknown upstream "${entry.upstream}"`);
    // HEAD comes with GET (Fastify exposes it).
    const methods = entry.methods.filter((m) => m !== 'HEAD');
    const urls = entry.prefix.endsWith('/') ? [`${entry.prefix}*`] : [entry.prefix, `${entry.prefix}/*`];
    for (const url of urls) {
      this.instance.route({
        method: methods,
        url,
        config: { uploads: entry.uploads === true },
        handler: (request, reply) => {
          const target = upstream.resolve(request);
          if (target) return target.forward(request, reply, request.principal ?? undefined);
          return sendFailure(reply, failure(FailureCode.UPSTREAM_UNAVAILABLE, `no ${entry.upstream} instance is live; retry shortly`, undefined, 1));
        },
      });
    }
  }

  private attachPolicy(route: RouteOptions): void {
    const policy = policyFor(route.url, this.deps.routes, { exact: true });
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!policy) throw new Error(`${methods.join(',')} ${route.url} has no entry in the gateway route table (routing/route-table.ts)`);
    route.config = { ...route.config, edge: policy };
    this.routes.push({ methods, url: route.url, policy });
  }
}
