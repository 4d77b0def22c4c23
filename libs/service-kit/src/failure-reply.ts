import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { ErrorBody, Failure } from '@shop/contracts';
import { statusOfFailure } from './failure-status.js';

function bodyOf({ code, message, details }: Failure): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * Answers a failure on a route that bypasses Nest's error filter (the gateway's edge hook and
 * proxy, inventory's hot routes) with the same status, body and Retry-After the filter sends.
 */
export function sendFailure(reply: FastifyReply, failure: Failure): FastifyReply {
  if (failure.retryAfterSeconds !== undefined) reply.header('retry-after', String(failure.retryAfterSeconds));
  return reply.code(statusOfFailure(failure.code)).send(bodyOf(failure));
}

/** The same answer written on a raw node:http response (the lean path), with Fastify's JSON headers. */
export function writeFailure(res: ServerResponse, failure: Failure, status = statusOfFailure(failure.code)): void {
  const body = JSON.stringify(bodyOf(failure));
  if (failure.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(failure.retryAfterSeconds));
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
