import type { FastifyReply } from 'fastify';
import type { ErrorBody, Failure } from '@shop/contracts';
import { statusOfFailure } from './failure-status.js';

/**
 * Answers a failure on a route that bypasses Nest's error filter (the gateway's edge hook and
 * proxy, inventory's hot routes) with the same status, body and Retry-After the filter sends.
 */
export function sendFailure(reply: FastifyReply, failure: Failure): FastifyReply {
  const { code, message, details, retryAfterSeconds } = failure;
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  const body: ErrorBody = { error: details === undefined ? { code, message } : { code, message, details } };
  return reply.code(statusOfFailure(code)).send(body);
}
