import type { IncomingHttpHeaders } from 'node:http';
import {
  CreateReservationBody,
  Failed,
  IdempotencyKey,
  type ErrorBody,
  type FieldIssue,
  type ReservationFrameAnswer,
  type ReservationFrameItem,
} from '@shop/contracts';
import type { Logger } from '@shop/observability';
import {
  answerFor,
  IDENTITY_SIGNATURE_HEADER,
  REQUEST_ID_HEADER,
  REQUEST_TARGET_HEADER,
  RETRY_AFTER_SECONDS,
  statusOfFailure,
  USER_EMAIL_HEADER,
  USER_ID_HEADER,
  USER_ROLE_HEADER,
  validationFailed,
  ZodPipe,
  type ErrorMapper,
} from '@shop/service-kit';
import type { Answer } from '../application/failures.js';
import type { InventoryService } from '../application/inventory-service.js';
import { pathOf, PUBLIC_PREFIX, PublicRoutes } from '../inventory-routes.js';

const bodyPipe = new ZodPipe(CreateReservationBody, 'body');
const keyPipe = new ZodPipe(IdempotencyKey, 'Idempotency-Key');

/** The request each item stands for: its identity signature must have been made for it. */
const SINGLE_ROUTE_TARGET = `POST ${pathOf(PUBLIC_PREFIX, PublicRoutes.reservations)}`;

/** Only the gateway coalesces shoppers' reservations into frames. */
export const FRAME_CALLERS = ['gateway'];

/**
 * The headers the single route would have seen for this item, as far as identity goes: the signed
 * `x-user-*` identity, its request id and the request target it was signed for. The frame's own
 * service credential is not among them, so an item without an identity is refused as an
 * anonymous request is (401), and one with a forged identity as a forged header is.
 */
export function itemHeaders(item: ReservationFrameItem): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { [REQUEST_ID_HEADER]: item.requestId, [REQUEST_TARGET_HEADER]: SINGLE_ROUTE_TARGET };
  const identity = item.identity;
  if (identity) {
    headers[USER_ID_HEADER] = identity.userId;
    headers[USER_ROLE_HEADER] = identity.role;
    if (identity.email !== undefined) headers[USER_EMAIL_HEADER] = identity.email;
    headers[IDENTITY_SIGNATURE_HEADER] = identity.signature;
  }
  return headers;
}

/**
 * A reservation's body and Idempotency-Key validated together, as `POST
 * /api/inventory/reservations` and each frame item validate them, so a 400 names every bad field
 * at once. The common valid case is a synchronous parse; only a failure goes through the pipes
 * for the platform's error details.
 */
export async function reservationInput(rawBody: unknown, rawKey: unknown): Promise<{ body: CreateReservationBody; key: string }> {
  const body = CreateReservationBody.safeParse(rawBody);
  const key = IdempotencyKey.safeParse(rawKey);
  if (body.success && key.success) return { body: body.data, key: key.data };
  const issues: FieldIssue[] = [];
  if (!body.success) await bodyPipe.transform(rawBody).catch((err: unknown) => collect(err, issues));
  if (!key.success) await keyPipe.transform(rawKey).catch((err: unknown) => collect(err, issues));
  throw validationFailed(issues);
}

function collect(err: unknown, issues: FieldIssue[]): undefined {
  if (err instanceof Failed && Array.isArray(err.failure.details)) issues.push(...(err.failure.details as FieldIssue[]));
  else throw err;
  return undefined;
}

/** A use case's answer as the single route sends it (answer-reply.ts `sendAnswer`). */
export function frameAnswerOf(answer: Answer<unknown>, status = 201): ReservationFrameAnswer {
  if (answer.ok === true) return answer.replayed ? { status, body: answer.value, replayed: true } : { status, body: answer.value };
  if (answer.ok === false) {
    const { code, message, details, retryAfterSeconds } = answer.failure;
    const body: ErrorBody = { error: details === undefined ? { code, message } : { code, message, details } };
    return retryAfterSeconds === undefined ? { status: statusOfFailure(code), body } : { status: statusOfFailure(code), body, retryAfter: String(retryAfterSeconds) };
  }
  const relayed: ReservationFrameAnswer = { status: answer.status, body: answer.body };
  if (answer.retryAfter) relayed.retryAfter = answer.retryAfter;
  if (answer.replayed) relayed.replayed = true;
  return relayed;
}

/** A thrown error as the single route's error handler answers it (answer-reply.ts `sendError`). */
export function frameErrorOf(error: unknown, requestId: string, logger: Logger, mappers: readonly ErrorMapper[]): ReservationFrameAnswer {
  const answer = answerFor(error, mappers);
  if (answer.severity === 'error') logger.error({ err: error, requestId }, 'reservation in a frame failed');
  else if (answer.severity === 'warn') logger.warn({ err: String(error), requestId }, answer.message);
  const body: ErrorBody = { error: { code: answer.code, message: answer.message } };
  if (answer.details !== undefined) body.error.details = answer.details;
  const retryAfter = answer.retryAfterSeconds !== undefined ? String(answer.retryAfterSeconds) : answer.status === 503 ? String(RETRY_AFTER_SECONDS) : undefined;
  return retryAfter === undefined ? { status: answer.status, body } : { status: answer.status, body, retryAfter };
}

/**
 * One item of a frame, exactly as `POST /api/inventory/reservations` would decide it: the
 * caller from the item's signed identity, then body and key, then the engine (which forwards
 * once to the partition's owner when this instance does not own it, as for the single route).
 */
export async function answerItem(
  inventory: InventoryService,
  callContextOf: (headers: IncomingHttpHeaders) => Parameters<InventoryService['reserve']>[3],
  item: ReservationFrameItem,
  logger: Logger,
  mappers: readonly ErrorMapper[],
): Promise<ReservationFrameAnswer> {
  try {
    const ctx = callContextOf(itemHeaders(item));
    const { body, key } = await reservationInput(item.body, item.idempotencyKey);
    return frameAnswerOf(await inventory.reserve(body, key, false, ctx));
  } catch (error) {
    return frameErrorOf(error, item.requestId, logger, mappers);
  }
}
