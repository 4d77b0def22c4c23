import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { answerFor, RETRY_AFTER_SECONDS, type ErrorMapper } from '@shop/service-kit';
import type { Answer } from '../application/failures.js';

export const REPLAYED_HEADER = 'idempotent-replayed';

/** Sends a use case's answer: the value, the one error body, or another instance's answer as it came. */
export function sendAnswer(reply: FastifyReply, answer: Answer<unknown>): FastifyReply {
  switch (answer.kind) {
    case 'ok':
      if (answer.replay) reply.header(REPLAYED_HEADER, 'true');
      return reply.code(answer.status).send(answer.value);
    case 'failed': {
      const { status, code, message, details, retryAfter } = answer.failure;
      if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
      const body: ErrorBody = { error: { code, message } };
      if (details !== undefined) body.error.details = details;
      return reply.code(status).send(body);
    }
    case 'forwarded':
      if (answer.retryAfter) reply.header('retry-after', answer.retryAfter);
      if (answer.replay) reply.header(REPLAYED_HEADER, 'true');
      return reply.code(answer.status).send(answer.body);
  }
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
  if (answer.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.code(answer.status).send(body);
}
