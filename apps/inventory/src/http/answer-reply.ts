import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { answerFor, RETRY_AFTER_SECONDS, sendFailure, type ErrorMapper } from '@shop/service-kit';
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
 * status, body and logging rules as service-kit's error filter, given the service's error
 * mappers (ERROR_MAPPERS) as the filter is.
 */
export function sendError(reply: FastifyReply, error: unknown, logger: Logger, mappers: readonly ErrorMapper[]): FastifyReply {
  const answer = answerFor(error, mappers);
  if (answer.severity === 'error') logger.error({ err: error, url: reply.request.url }, 'request failed');
  else if (answer.severity === 'warn') logger.warn({ err: String(error), url: reply.request.url }, answer.message);
  const body: ErrorBody = { error: { code: answer.code, message: answer.message } };
  if (answer.details !== undefined) body.error.details = answer.details;
  if (answer.retryAfterSeconds !== undefined) reply.header('retry-after', String(answer.retryAfterSeconds));
  else if (answer.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.code(answer.status).send(body);
}
