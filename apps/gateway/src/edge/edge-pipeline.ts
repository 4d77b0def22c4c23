import type { FastifyReply, FastifyRequest } from 'fastify';
import { failure, FailureCode, type Clock } from '@shop/contracts';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { Authenticator, AuthenticationFailure } from '../identity/application/authenticator.js';
import { authorize, type Principal } from '../identity/domain/principal.js';
import type { RateLimiter, RateLimitVerdict } from '../rate-limit/rate-limiter.js';
import { rateLimitKey, type RateLimitClass } from '../rate-limit/rate-limit-rules.js';
import { fallbackPolicy, type EdgePolicy } from '../routing/route-table.js';
import { clientAddressOf, FORWARDED_CLIENT_HEADER, type ForwardedClientTrust } from './forwarded-client.js';
import { SECURITY_HEADERS, type CorsPolicy } from './security-headers.js';
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
  }
}

export interface EdgePipelineDeps {
  authenticator: Authenticator;
  limiter: RateLimiter;
  metrics: GatewayMetrics;
  cors: CorsPolicy;
  /** Who may vouch for a shopper's address (null: nobody). */
  forwardedClient: ForwardedClientTrust | null;
  clock: Clock;
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

function unauthorized(reply: FastifyReply, reason: AuthenticationFailure | 'missing'): FastifyReply {
  reply.header('www-authenticate', reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"');
  return sendFailure(reply, failure(FailureCode.UNAUTHORIZED, AUTH_MESSAGES[reason]));
}

/**
 * The edge, run on every request before its body is read: security and CORS headers (a CORS
 * preflight is answered here), refuse ambiguous paths, authenticate a bearer token when one is sent, count the request against its rate-limit
 * class, then apply the route's access rule (401 without an identity, 403 without the role).
 * An anonymous request to a public route costs one Redis round trip and nothing else.
 */
export function edgePipeline(deps: EdgePipelineDeps) {
  const tooMany = (reply: FastifyReply, routeClass: RateLimitClass, verdict: Extract<RateLimitVerdict, { limited: true }>): FastifyReply => {
    deps.metrics.rateLimited.inc({ class: routeClass });
    const details = { retryAfterSeconds: verdict.retryAfterSeconds, limit: `${verdict.limit.points} per ${verdict.limit.durationSeconds} s` };
    return sendFailure(reply, failure(FailureCode.RATE_LIMITED, `Too many requests; retry in ${verdict.retryAfterSeconds} s`, details, verdict.retryAfterSeconds));
  };

  return async function edge(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    reply.headers(SECURITY_HEADERS);
    const cors = deps.cors.decide(request.method, request.headers.origin, request.headers['access-control-request-method'] as string | undefined);
    reply.headers(cors.headers);
    if (cors.preflight) return reply.code(204).send();
    const ip = clientAddressOf(request.ip, request.headers[FORWARDED_CLIENT_HEADER], deps.forwardedClient, deps.clock.now().getTime() / 1000);
    request.clientAddress = ip;
    const url = request.url;
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (AMBIGUOUS_PATH.test(path)) return sendFailure(reply, failure(FailureCode.BAD_REQUEST, 'Dot segments and encoded slashes are not accepted in paths'));
    const policy = request.routeOptions.config.edge ?? fallbackPolicy(path);

    let principal: Principal | undefined;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const result = await deps.authenticator.authenticate(authorization);
      if (!result.ok) {
        deps.metrics.authFailures.inc({ reason: result.reason });
        // Bad tokens are counted per IP too, so guessing tokens is as limited as anything else.
        const verdict = await deps.limiter.consume(policy.rateLimit, rateLimitKey(policy.rateLimit, { ip }));
        if (verdict.limited) return tooMany(reply, policy.rateLimit, verdict);
        return unauthorized(reply, result.reason);
      }
      principal = result.principal;
      request.principal = principal;
    }

    let verdict = deps.limiter.consume(policy.rateLimit, rateLimitKey(policy.rateLimit, { ip, userId: principal?.userId }));
    if (verdict instanceof Promise) verdict = await verdict;
    if (verdict.limited) return tooMany(reply, policy.rateLimit, verdict);
    // Creating a resource anonymously (a guest cart) is bounded per client address as well.
    if (policy.anonymousCreation && !principal && request.method === 'POST') {
      let created = deps.limiter.consume(policy.anonymousCreation, rateLimitKey(policy.anonymousCreation, { ip }));
      if (created instanceof Promise) created = await created;
      if (created.limited) return tooMany(reply, policy.anonymousCreation, created);
    }

    const decision = authorize(policy.access, principal);
    if (decision === 'unauthenticated') return unauthorized(reply, 'missing');
    if (decision === 'forbidden') return sendFailure(reply, failure(FailureCode.FORBIDDEN, 'This route needs the admin role'));
    return undefined;
  };
}
