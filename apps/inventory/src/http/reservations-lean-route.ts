import type { IncomingMessage } from 'node:http';
import type { LeanExchange, LeanRoute, LeanRouter } from '@shop/service-kit';
import type { InventoryService } from '../application/inventory-service.js';
import { HOP_HEADER, pathOf, PUBLIC_PREFIX, PublicRoutes } from '../inventory-routes.js';
import { writeAnswer } from './answer-reply.js';
import { callContextOf } from './request-caller.js';
import { reservationInputOf } from './reservation-input.js';

const RESERVATIONS_PATH = pathOf(PUBLIC_PREFIX, PublicRoutes.reservations);

function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  return contentType.split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

/**
 * The JSON body length the lean path reads, decided on the head; undefined when Fastify should
 * answer it as it always has: a chunked, empty, oversized or non-JSON body (400, 413, 415).
 */
function leanBodyLength(request: IncomingMessage, bodyLimitBytes: number): number | undefined {
  const { headers } = request;
  if (headers['transfer-encoding'] !== undefined || !isJson(headers['content-type'])) return undefined;
  const length = Number(headers['content-length']);
  return Number.isSafeInteger(length) && length > 0 && length <= bodyLimitBytes ? length : undefined;
}

/**
 * POST /api/inventory/reservations on the service kit's lean path (before Fastify and Nest), the
 * twin of the Fastify route in hot-routes.ts and answering exactly as it does: the body read and
 * parsed as Fastify parses JSON, then the caller verified (a signed user identity or a trusted
 * service's credential, else 401), then body and Idempotency-Key validated by the contracts
 * (400 naming every bad field), then the engine's answer (201, the replay mark, its failures, or
 * the partition owner's answer as it came).
 */
class CreateReservationRoute implements LeanRoute {
  readonly template = RESERVATIONS_PATH;

  constructor(
    private readonly inventory: InventoryService,
    private readonly bodyLimitBytes: number,
  ) {}

  /** The request is this route's when it can be served here exactly as on Fastify. */
  takes(request: IncomingMessage): boolean {
    return leanBodyLength(request, this.bodyLimitBytes) !== undefined;
  }

  async handle(exchange: LeanExchange): Promise<void> {
    const read = await exchange.readJson(leanBodyLength(exchange.raw, this.bodyLimitBytes)!);
    if (!read) return;
    const { headers } = exchange;
    const ctx = callContextOf(headers);
    const { body, key } = await reservationInputOf(read.value, headers['idempotency-key']);
    writeAnswer(exchange.res, await this.inventory.reserve(body, key, headers[HOP_HEADER] === '1', ctx), 201);
  }
}

/**
 * Inventory's lean router (bootstrapService's `lean`): takes the reservation POST; every other
 * request, and a reservation POST whose body it does not read, goes to Fastify unchanged.
 */
export function reservationsLeanRouter(deps: { inventory: InventoryService; bodyLimitBytes: number }): LeanRouter {
  const create = new CreateReservationRoute(deps.inventory, deps.bodyLimitBytes);
  return (request) => {
    if (request.method !== 'POST') return undefined;
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    return path === RESERVATIONS_PATH && create.takes(request) ? create : undefined;
  };
}
