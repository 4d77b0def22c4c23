import type { IncomingHttpHeaders } from 'node:http';
import { failure, FailureCode, type Clock, type Failure } from '@shop/contracts';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { Authenticator, AuthenticationFailure } from '../identity/application/authenticator.js';
import { authorize, type Principal } from '../identity/domain/principal.js';
import type { RateLimiter, RateLimitVerdict } from '../rate-limit/rate-limiter.js';
import { rateLimitKey, type RateLimitClass } from '../rate-limit/rate-limit-rules.js';
import type { EdgePolicy } from '../routing/route-table.js';
import { clientAddressOf, FORWARDED_CLIENT_HEADER, type ForwardedClientTrust } from './forwarded-client.js';
import type { CorsDecision, CorsPolicy } from './security-headers.js';

export interface EdgePipelineDeps {
  authenticator: Authenticator;
  limiter: RateLimiter;
  metrics: GatewayMetrics;
  cors: CorsPolicy;
  /** Who may vouch for a shopper's address (null: nobody). */
  forwardedClient: ForwardedClientTrust | null;
  clock: Clock;
}

/** What the edge reads of a request: its head only (the body has not been read). */
export interface EdgeRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The connection's address (or what a trusted load balancer says): Fastify's `request.ip`. */
  peer: string;
  /** The policy of the route the request matched (the fallback policy when it matched none). */
  policy: EdgePolicy;
}

/** A request the edge answers itself: a CORS preflight (204, no body), or a refusal. */
export type EdgeAnswer = { preflight: true } | { preflight: false; failure: Failure; wwwAuthenticate?: string };

/**
 * The edge's verdict. Whatever it is, the answer carries the security headers and `cors.headers`;
 * `answer` set: send it and run nothing else; else the request goes on as `principal` (undefined:
 * anonymous), counted and forwarded as `clientAddress`.
 */
export interface EdgeVerdict {
  cors: CorsDecision;
  clientAddress: string;
  principal?: Principal;
  answer?: EdgeAnswer;
}

// Dot segments and encoded slashes or dots could make a path mean one route here and another
// upstream; no legitimate path of this API needs them.
const AMBIGUOUS_PATH = /%2e|%2f|%5c|\\|\/\.\.?(?:\/|$)/i;

const AUTH_MESSAGES: Record<AuthenticationFailure | 'missing', string> = {
  missing: 'This route needs a bearer access token',
  malformed: 'The Authorization header must be "Bearer <access token>"',
  invalid: 'The access token is invalid',
  expired: 'The access token has expired; refresh it',
  unknown_user: 'The account of this access token no longer exists',
};

const PREFLIGHT: EdgeAnswer = Object.freeze({ preflight: true });

function unauthorized(reason: AuthenticationFailure | 'missing'): EdgeAnswer {
  return { preflight: false, failure: failure(FailureCode.UNAUTHORIZED, AUTH_MESSAGES[reason]), wwwAuthenticate: reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"' };
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * The edge, run on every request before its body is read, whichever path serves it (the lean
 * proxy path or Fastify's hook, edge-installer.ts): CORS (a preflight is answered here), refuse
 * ambiguous paths, authenticate a bearer token when one is sent, count the request against its
 * rate-limit class, then apply the route's access rule (401 without an identity, 403 without the
 * role). An anonymous request to a public route costs at most one Redis round trip (none while
 * its rate-limit lease lasts, and then no promise either: the verdict is returned synchronously).
 */
export function edgePipeline(deps: EdgePipelineDeps) {
  const tooMany = (routeClass: RateLimitClass, verdict: Extract<RateLimitVerdict, { limited: true }>): EdgeAnswer => {
    deps.metrics.rateLimited.inc({ class: routeClass });
    const details = { retryAfterSeconds: verdict.retryAfterSeconds, limit: `${verdict.limit.points} per ${verdict.limit.durationSeconds} s` };
    return { preflight: false, failure: failure(FailureCode.RATE_LIMITED, `Too many requests; retry in ${verdict.retryAfterSeconds} s`, details, verdict.retryAfterSeconds) };
  };

  /** The class a request is counted against: a route's reads (GET, HEAD) may have a budget of their own. */
  const classOf = (request: EdgeRequest): RateLimitClass =>
    request.policy.readRateLimit && (request.method === 'GET' || request.method === 'HEAD') ? request.policy.readRateLimit : request.policy.rateLimit;

  /** Counting, then the access rule: synchronous when the limiter answers from a lease. */
  const admit = (request: EdgeRequest, verdict: EdgeVerdict): EdgeVerdict | Promise<EdgeVerdict> => {
    const routeClass = classOf(request);
    const principal = verdict.principal;
    const counted = deps.limiter.consume(routeClass, rateLimitKey(routeClass, { ip: verdict.clientAddress, userId: principal?.userId }));
    if (counted instanceof Promise) return counted.then((c) => afterCount(request, verdict, c));
    return afterCount(request, verdict, counted);
  };

  const afterCount = (request: EdgeRequest, verdict: EdgeVerdict, counted: RateLimitVerdict): EdgeVerdict | Promise<EdgeVerdict> => {
    const { policy } = request;
    if (counted.limited) return refuse(verdict, tooMany(classOf(request), counted));
    // Creating a resource anonymously (a guest cart) is bounded per client address as well.
    if (policy.anonymousCreation && !verdict.principal && request.method === 'POST') {
      const creation = policy.anonymousCreation;
      const created = deps.limiter.consume(creation, rateLimitKey(creation, { ip: verdict.clientAddress }));
      if (created instanceof Promise) return created.then((c) => (c.limited ? refuse(verdict, tooMany(creation, c)) : authorized(request, verdict)));
      if (created.limited) return refuse(verdict, tooMany(creation, created));
    }
    return authorized(request, verdict);
  };

  const authorized = (request: EdgeRequest, verdict: EdgeVerdict): EdgeVerdict => {
    const decision = authorize(request.policy.access, verdict.principal);
    if (decision === 'unauthenticated') return refuse(verdict, unauthorized('missing'));
    if (decision === 'forbidden') return refuse(verdict, { preflight: false, failure: failure(FailureCode.FORBIDDEN, 'This route needs the admin role') });
    return verdict;
  };

  const authenticated = async (request: EdgeRequest, verdict: EdgeVerdict, authorization: string): Promise<EdgeVerdict> => {
    const result = await deps.authenticator.authenticate(authorization);
    if (!result.ok) {
      deps.metrics.authFailures.inc({ reason: result.reason });
      // Bad tokens are counted per IP too, so guessing tokens is as limited as anything else.
      const rateLimit = classOf(request);
      const counted = await deps.limiter.consume(rateLimit, rateLimitKey(rateLimit, { ip: verdict.clientAddress }));
      return refuse(verdict, counted.limited ? tooMany(rateLimit, counted) : unauthorized(result.reason));
    }
    verdict.principal = result.principal;
    return admit(request, verdict);
  };

  return function edge(request: EdgeRequest): EdgeVerdict | Promise<EdgeVerdict> {
    const { headers } = request;
    const cors = deps.cors.decide(request.method, headers.origin, headers['access-control-request-method'] as string | undefined);
    const clientAddress = cors.preflight ? '' : clientAddressOf(request.peer, headers[FORWARDED_CLIENT_HEADER], deps.forwardedClient, deps.clock.now().getTime() / 1000);
    const verdict: EdgeVerdict = { cors, clientAddress };
    if (cors.preflight) return refuse(verdict, PREFLIGHT);
    if (AMBIGUOUS_PATH.test(pathOf(request.url))) {
      return refuse(verdict, { preflight: false, failure: failure(FailureCode.BAD_REQUEST, 'Dot segments and encoded slashes are not accepted in paths') });
    }
    const authorization = headers.authorization;
    if (authorization !== undefined) return authenticated(request, verdict, authorization);
    return admit(request, verdict);
  };
}

function refuse(verdict: EdgeVerdict, answer: EdgeAnswer): EdgeVerdict {
  verdict.answer = answer;
  return verdict;
}

export type Edge = ReturnType<typeof edgePipeline>;
