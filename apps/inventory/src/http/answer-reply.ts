import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { answerFor, RETRY_AFTER_SECONDS, sendFailure, writeFailure, type ErrorMapper } from '@shop/service-kit';
import type { Answer } from '../application/failures.js';
import { REPLAYED_HEADER } from '../inventory-routes.js';

/**
 * Sends a use case's answer: the value (with `status`: 201 for a created reservation), the one
 * error body with the status service-kit gives its code and its retry hint, or the partition
 * owner's answer as it came.
 */
export function sendAnswer(reply: FastifyReply, answer: Answer<unknown>, status = 200): FastifyReply {
  if (answer.ok === true) {
    if (answer.replayed) reply.header(REPLAYED_HEADER, 'true');
    return reply.code(status).send(answer.value);
  }
  if (answer.ok === false) return sendFailure(reply, answer.failure);
  if (answer.retryAfter) reply.header('retry-after', answer.retryAfter);
  if (answer.replayed) reply.header(REPLAYED_HEADER, 'true');
  return reply.code(answer.status).send(answer.body);
}

/**
 * For routes registered straight on Fastify (the hot path skips Nest's pipeline): the same
 * status, body and logging rules as service-kit's error filter.
 */
export function sendError(reply: FastifyReply, error: unknown, logger: Logger, mappers: readonly ErrorMapper[] = []): FastifyReply {
  const answer = answerFor(error, mappers);
  if (answer.severity === 'error') logger.error({ err: error, url: reply.request.url }, 'request failed');
  else if (answer.severity === 'warn') logger.warn({ err: String(error), url: reply.request.url }, answer.message);
  const body: ErrorBody = { error: { code: answer.code, message: answer.message } };
  if (answer.details !== undefined) body.error.details = answer.details;
  if (answer.retryAfterSeconds !== undefined) reply.header('retry-after', String(answer.retryAfterSeconds));
  else if (answer.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.code(answer.status).send(body);
}

/**
 * `sendAnswer` on a raw node:http response (the lean path): the same status, headers and body
 * Fastify's `reply.send` gives (an object as JSON, a string as text, nothing as an empty body).
 */
export function writeAnswer(res: ServerResponse, answer: Answer<unknown>, status = 200): void {
  if (answer.ok === false) return writeFailure(res, answer.failure);
  if (answer.ok === true) {
    if (answer.replayed) res.setHeader(REPLAYED_HEADER, 'true');
    return writeBody(res, status, answer.value);
  }
  if (answer.retryAfter) res.setHeader('retry-after', answer.retryAfter);
  if (answer.replayed) res.setHeader(REPLAYED_HEADER, 'true');
  writeBody(res, answer.status, answer.body);
}

function writeBody(res: ServerResponse, status: number, value: unknown): void {
  res.statusCode = status;
  if (value === undefined) {
    res.setHeader('content-length', 0);
    res.end();
    return;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  res.setHeader('content-type', typeof value === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}
