import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { failure, FailureCode } from '@shop/contracts';
import type { LeanExchange, LeanRoute, LeanRouter } from '@shop/service-kit';
import { policyFor, type EdgePolicy, type ProxiedRoute, type RouteEntry } from '../routing/route-table.js';
import { passesBack, type UpstreamAnswer } from '../routing/resilient-upstream.js';
import { ReservationFrames } from '../routing/reservation-frames.js';
import type { UpstreamResolver, Upstreams } from '../routing/upstreams.js';
import type { Edge, EdgeAnswer } from './edge-pipeline.js';
import { SECURITY_HEADERS } from './security-headers.js';

export interface LeanProxyDeps {
  routes: readonly RouteEntry[];
  upstreams: Upstreams;
  edge: Edge;
  /** Largest JSON body taken (the service's body limit); a larger one is left to Fastify (413). */
  bodyLimitBytes: number;
  /** Reservations coalesced into frames per inventory instance; undefined: one upstream request each. */
  reservationFrames?: ReservationFrames;
}

/** A table entry as matched per request: its prefix, and the two lean routes it stands for. */
interface Candidate {
  prefix: string;
  /** `prefix/` (or the prefix itself when it ends in `/`): paths under it start so. */
  under: string;
  /** Shortest path under it (a prefix ending in `/` covers sub-paths only, as `coversPath`). */
  shortestUnder: number;
  /** Undefined for a route the gateway serves itself (Nest): such paths are left to Fastify. */
  methods?: ReadonlySet<string>;
  exact?: ProxiedLeanRoute;
  sub?: ProxiedLeanRoute;
}

const SECURITY_HEADER_NAMES = Object.keys(SECURITY_HEADERS);

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** Content-Length as a number; 0 when absent, NaN when malformed. */
function declaredLength(headers: IncomingHttpHeaders): number {
  const header = headers['content-length'];
  return header === undefined ? 0 : Number(header);
}

function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const media = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return media === 'application/json';
}

/**
 * Which bodies the lean path takes, decided on the head: none, or JSON of a declared length
 * within the limit. Uploads, chunked or other bodies, and an empty body with a Content-Type go to
 * Fastify, which answers them as it always has (413, 415, 400 for an empty JSON body).
 */
function takesBody(request: IncomingMessage, bodyLimitBytes: number): boolean {
  const { headers } = request;
  if (headers['transfer-encoding'] !== undefined) return false;
  const length = declaredLength(headers);
  if (!(length >= 0) || !Number.isSafeInteger(length)) return false;
  if (length === 0) return headers['content-type'] === undefined || request.method === 'GET' || request.method === 'HEAD';
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  return length <= bodyLimitBytes && isJson(headers['content-type']);
}

/**
 * The gateway's proxied routes on the service kit's lean path (before Fastify and Nest): for a
 * request the route table forwards, the same edge (security and CORS headers, authentication,
 * rate limit, access rule) and the same resilient upstream as the Fastify route registered for
 * it (edge-installer.ts), which still serves whatever this router leaves to it.
 *
 * A request is taken when the longest route-table prefix covering its path that forwards its
 * method is a proxied one (what Fastify's router would pick among the registered routes), no
 * route the gateway serves itself covers the path, it is not a CORS preflight, and its body is
 * one `takesBody` accepts.
 */
export function leanProxyRouter(deps: LeanProxyDeps): LeanRouter {
  const candidates = deps.routes.map((entry): Candidate => {
    const endsInSlash = entry.prefix.endsWith('/');
    const under = endsInSlash ? entry.prefix : `${entry.prefix}/`;
    const shortestUnder = endsInSlash ? under.length + 1 : under.length;
    if (entry.kind === 'local') return { prefix: entry.prefix, under, shortestUnder };
    const upstream = deps.upstreams[entry.upstream];
    if (!upstream) throw new Error(`route table: ${entry.prefix} names unknown upstream "${entry.upstream}"`);
    const methods = new Set<string>(entry.methods);
    if (methods.has('GET')) methods.add('HEAD');
    const route = (template: string) => new ProxiedLeanRoute(template, entry, policyFor(template, deps.routes, { exact: true })!, upstream, deps);
    return {
      prefix: entry.prefix,
      under,
      shortestUnder,
      methods,
      // A prefix ending in `/` covers sub-paths only (Fastify's `/media/*`).
      exact: endsInSlash ? undefined : route(entry.prefix),
      sub: route(`${under}*`),
    };
  });
  const byPrefix = indexByPrefix(candidates);

  return (request) => {
    const method = request.method ?? 'GET';
    // Preflights are answered by the edge hook on Fastify's path, matched route or not.
    if (method === 'OPTIONS') return undefined;
    const path = pathOf(request.url ?? '/');
    // Prefixes match on whole segments, so the entries covering a path are found at its segment
    // boundaries: looked up from the whole path towards `/`, they come longest first.
    for (let end = path.length; end >= 0; end = end === 0 ? -1 : path.lastIndexOf('/', end - 1)) {
      const candidate = byPrefix.get(end === path.length ? path : path.slice(0, end));
      if (candidate === undefined) continue;
      const exact = path === candidate.prefix && candidate.under !== candidate.prefix;
      if (!exact && !(path.length >= candidate.shortestUnder && path.startsWith(candidate.under))) continue;
      if (!candidate.methods) return undefined;
      if (!candidate.methods.has(method)) continue;
      if (!takesBody(request, deps.bodyLimitBytes)) return undefined;
      return exact ? candidate.exact : candidate.sub;
    }
    return undefined;
  };
}

/** Candidates by their prefix without a trailing `/` (the segment boundary a path is cut at). */
function indexByPrefix(candidates: readonly Candidate[]): ReadonlyMap<string, Candidate> {
  const index = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const key = candidate.prefix.endsWith('/') ? candidate.prefix.slice(0, -1) : candidate.prefix;
    if (index.has(key)) throw new Error(`route table: ${candidate.prefix} covers the same paths as another entry`);
    index.set(key, candidate);
  }
  return index;
}

/** One Fastify proxy route's twin on the lean path (same template, policy and upstream). */
class ProxiedLeanRoute implements LeanRoute {
  constructor(
    readonly template: string,
    private readonly entry: ProxiedRoute,
    private readonly policy: EdgePolicy,
    private readonly upstream: UpstreamResolver,
    private readonly deps: LeanProxyDeps,
  ) {}

  async handle(exchange: LeanExchange): Promise<void> {
    const { res, method, url, headers } = exchange;
    for (const name of SECURITY_HEADER_NAMES) res.setHeader(name, SECURITY_HEADERS[name]!);
    let verdict = this.deps.edge({ method, url, headers, peer: exchange.ip, policy: this.policy });
    if (verdict instanceof Promise) verdict = await verdict;
    for (const name in verdict.cors.headers) res.setHeader(name, verdict.cors.headers[name]!);
    if (verdict.answer) return answerAtEdge(exchange, verdict.answer);

    let body: Buffer | undefined;
    let parsed: unknown;
    const length = declaredLength(headers);
    if (length > 0) {
      const read = await exchange.readJson(length);
      if (!read) return;
      body = read.bytes;
      parsed = read.value;
    }
    const target = this.upstream.resolve({ method, url, body: parsed });
    if (!target) {
      return exchange.fail(failure(FailureCode.UPSTREAM_UNAVAILABLE, `no ${this.entry.upstream} instance is live; retry shortly`, undefined, 1));
    }
    const frames = this.deps.reservationFrames;
    if (frames && this.entry.upstream === 'inventory' && ReservationFrames.takes(method, url, body?.length ?? 0)) {
      return writeAnswer(exchange, await frames.submit(target, { id: exchange.id, principal: verdict.principal, headers, body: parsed }));
    }
    const answer = await target.forward({
      method,
      url,
      headers,
      id: exchange.id,
      clientAddress: verdict.clientAddress,
      protocol: exchange.protocol,
      principal: verdict.principal,
      body,
    });
    writeAnswer(exchange, answer);
  }
}

function answerAtEdge(exchange: LeanExchange, answer: EdgeAnswer): void {
  if (answer.preflight) {
    exchange.res.statusCode = 204;
    exchange.res.end();
    return;
  }
  if (answer.wwwAuthenticate) exchange.res.setHeader('www-authenticate', answer.wwwAuthenticate);
  exchange.fail(answer.failure);
}

/** Writes the upstream's answer as the Fastify route's `reply.send` would: a buffer with its length, a stream piped. */
function writeAnswer(exchange: LeanExchange, answer: UpstreamAnswer): void {
  if (answer.failure) return exchange.fail(answer.failure);
  const res: ServerResponse = exchange.res;
  res.statusCode = answer.status;
  for (const name in answer.headers) {
    const value = answer.headers[name];
    if (value !== undefined && passesBack(name)) res.setHeader(name, value);
  }
  const body = answer.body;
  if (Buffer.isBuffer(body)) {
    if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/octet-stream');
    res.setHeader('content-length', body.length);
    res.end(body);
    return;
  }
  if (exchange.method === 'HEAD') {
    body.resume();
    res.end();
    return;
  }
  // Streams both ways until either side ends; a client gone away destroys the upstream body.
  pipeline(body, res, () => undefined);
}
