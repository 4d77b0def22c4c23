import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { failure, FailureCode } from '@shop/contracts';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Principal } from '../identity/domain/principal.js';
import { fallbackPolicy, policyFor, type EdgePolicy, type ProxiedRoute, type RouteEntry } from '../routing/route-table.js';
import { passesBack, type UpstreamAnswer } from '../routing/resilient-upstream.js';
import type { Upstreams } from '../routing/upstreams.js';
import type { Edge } from './edge-pipeline.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { multipartPassthrough } from './upload-passthrough.js';
import { sendFailure } from '@shop/service-kit';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller, set by the edge before any handler runs; null when anonymous. */
    principal: Principal | null;
    /**
     * The client this request is counted, throttled and forwarded as: the shopper a trusted
     * proxy vouched for (forwarded-client.ts), else the connection's address. Set by the edge.
     */
    clientAddress: string;
  }
  interface FastifyContextConfig {
    /** Attached to every route at registration from the route table (edge-installer.ts). */
    edge?: EdgePolicy;
    /** The route streams multipart uploads through (route-table.ts `uploads`). */
    uploads?: boolean;
    /** The route takes small multipart forms too (route-table.ts `forms`). */
    forms?: boolean;
  }
}


export const EDGE_DEPS = Symbol('EDGE_DEPS');

export interface EdgeDeps {
  routes: readonly RouteEntry[];
  upstreams: Upstreams;
  /** The edge pipeline (shared with the lean proxy path, lean-proxy.ts). */
  edge: Edge;
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
    const hook = fastifyEdgeHook(this.deps.edge);
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
        config: { uploads: entry.uploads === true, forms: entry.forms === true },
        handler: (request, reply) => {
          const target = upstream.resolve(request);
          if (!target) return sendFailure(reply, failure(FailureCode.UPSTREAM_UNAVAILABLE, `no ${entry.upstream} instance is live; retry shortly`, undefined, 1));
          return target.forward(forwardedRequestOf(request, request.principal ?? undefined)).then((answer) => sendAnswer(reply, answer));
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

/** The edge as a Fastify `onRequest` hook, for the requests the lean path leaves to Fastify. */
function fastifyEdgeHook(edge: Edge) {
  return async function edgeHook(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    reply.headers(SECURITY_HEADERS);
    const url = request.url;
    const query = url.indexOf('?');
    const policy = request.routeOptions.config.edge ?? fallbackPolicy(query === -1 ? url : url.slice(0, query));
    let verdict = edge({ method: request.method, url, headers: request.headers, peer: request.ip, policy });
    if (verdict instanceof Promise) verdict = await verdict;
    reply.headers(verdict.cors.headers);
    request.clientAddress = verdict.clientAddress;
    request.principal = verdict.principal ?? null;
    const answer = verdict.answer;
    if (!answer) return undefined;
    if (answer.preflight) return reply.code(204).send();
    if (answer.wwwAuthenticate) reply.header('www-authenticate', answer.wwwAuthenticate);
    return sendFailure(reply, answer.failure);
  };
}

function forwardedRequestOf(request: FastifyRequest, principal: Principal | undefined) {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    id: String(request.id),
    clientAddress: request.clientAddress || request.ip,
    protocol: request.protocol,
    principal,
    body: request.body,
  };
}

function sendAnswer(reply: FastifyReply, answer: UpstreamAnswer): FastifyReply {
  if (answer.failure) return sendFailure(reply, answer.failure);
  reply.code(answer.status);
  for (const name in answer.headers) {
    const value = answer.headers[name];
    if (value !== undefined && passesBack(name)) reply.header(name, value);
  }
  return reply.send(answer.body);
}
