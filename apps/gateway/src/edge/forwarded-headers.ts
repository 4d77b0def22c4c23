import type { Readable } from 'node:stream';
import type { IncomingHttpHeaders } from 'node:http';
import { injectTraceHeaders } from '@shop/observability';
import { REQUEST_TARGET_HEADER, signedIdentityHeaders } from '@shop/service-kit';
import type { Principal } from '../identity/domain/principal.js';
import { FORWARDED_CLIENT_HEADER } from './forwarded-client.js';
import { StreamedBody } from './upload-passthrough.js';

/** Headers that describe one hop, not the message (RFC 9110 §7.6.1), plus ones we recompute. */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  // What this hop's identity signature was bound to; the upstream's service kit sets its own.
  REQUEST_TARGET_HEADER,
]);

/**
 * Headers a client must never be able to set for an upstream: the identity the gateway
 * vouches for and its signature, a service's credential, and the credentials the gateway
 * already checked (upstreams verify the signed `x-user-*` instead).
 */
export const IDENTITY_HEADERS = new Set(['x-user-id', 'x-user-role', 'x-user-email', 'x-identity-signature', 'x-service-credential', 'authorization', 'cookie', FORWARDED_CLIENT_HEADER]);

/** Response headers that would advertise a framework or server. */
export const BANNER_HEADERS = new Set(['server', 'x-powered-by']);

/** A request on its way to an upstream, as the edge admitted it (from the lean path or Fastify). */
export interface ForwardedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The request id (echoed to the client, sent upstream). */
  id: string;
  /** The client the edge counted this request as (a vouched-for shopper, else the connection). */
  clientAddress: string;
  /** `http` or `https`, as the client reached us. */
  protocol: string;
  principal: Principal | undefined;
  /**
   * Already read by the gateway: a parsed JSON value (sent re-serialized), the JSON text as
   * received (`Buffer`), text, or an upload's stream. Undefined: no body.
   */
  body: unknown;
}

/**
 * The headers an upstream receives: the client's, cleaned, plus request id, trace context and
 * the identity signed for this request (method, path and query as forwarded, request id).
 */
export function forwardedHeaders(request: ForwardedRequest, identitySigningKey: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in request.headers) {
    const value = request.headers[name];
    if (value === undefined || HOP_BY_HOP.has(name) || IDENTITY_HEADERS.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  headers['x-request-id'] = request.id;
  headers['x-forwarded-for'] = request.clientAddress;
  headers['x-forwarded-proto'] = request.protocol;
  if (request.principal) {
    Object.assign(headers, signedIdentityHeaders(request.principal, { method: request.method, url: request.url, requestId: request.id }, identitySigningKey));
  }
  injectTraceHeaders(headers);
  return headers;
}

/**
 * The body as the upstream expects it: JSON re-serialized, text as received, an upload streamed
 * through as it arrives (with its Content-Type, boundary included, and its length when known).
 */
export function forwardedBody(request: ForwardedRequest, headers: Record<string, string>): string | Buffer | Readable | undefined {
  const body = request.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) {
    headers['content-type'] = 'application/json';
    return body;
  }
  if (body instanceof StreamedBody) {
    if (body.length !== undefined) headers['content-length'] = String(body.length);
    return body.stream;
  }
  headers['content-type'] = 'application/json';
  return JSON.stringify(body);
}
