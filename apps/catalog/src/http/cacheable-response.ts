import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, matchesIfNoneMatch } from '../domain/etag.js';

export interface CachePolicy {
  /** Seconds a shared cache (CDN) may serve it without asking. */
  maxAgeSeconds: number;
  /** Seconds a CDN may serve a stale copy while it revalidates in the background. */
  staleWhileRevalidateSeconds: number;
}

/**
 * Sends a JSON representation with ETag and Cache-Control; a matching If-None-Match gets
 * 304 with no body, which is what lets a CDN or browser revalidate cheaply.
 */
export function sendCacheable(
  request: FastifyRequest,
  reply: FastifyReply,
  json: string,
  policy: CachePolicy,
  etag: string = etagOf(json),
): FastifyReply {
  reply
    .header('etag', etag)
    .header('cache-control', `public, max-age=${policy.maxAgeSeconds}, stale-while-revalidate=${policy.staleWhileRevalidateSeconds}`)
    .header('vary', 'accept-encoding');
  if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
    return reply.code(304).send();
  }
  return reply.code(200).type('application/json; charset=utf-8').send(json);
}
