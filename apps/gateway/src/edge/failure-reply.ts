import type { FastifyReply } from 'fastify';
import type { ErrorBody, Failure } from '@shop/contracts';
import { statusOfFailure } from '@shop/service-kit';

/**
 * Answers a failure the gateway decides itself (before or instead of Nest's error filter: the
 * edge hook, the proxy) with the same status, body and Retry-After the filter would send.
 */
export function sendFailure(reply: FastifyReply, failure: Failure): FastifyReply {
  const { code, message, details, retryAfterSeconds } = failure;
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  const body: ErrorBody = { error: details === undefined ? { code, message } : { code, message, details } };
  return reply.code(statusOfFailure(code)).send(body);
}
