import type { IncomingHttpHeaders } from 'node:http';
import {
  failure,
  FailureCode,
  MAX_RESERVATION_FRAME_ITEMS,
  ReservationFrameAnswers,
  type FrameIdentity,
  type ReservationFrame,
  type ReservationFrameAnswer,
  type ReservationFrameItem,
} from '@shop/contracts';
import { injectTraceHeaders, signServiceCredential, type Logger } from '@shop/observability';
import { IDENTITY_SIGNATURE_HEADER, SERVICE_CREDENTIAL_HEADER, signedIdentityHeaders } from '@shop/service-kit';
import type { Principal } from '../identity/domain/principal.js';
import { FrameCoalescer } from './frame-coalescer.js';
import type { BufferedAnswer, ResilientUpstream } from './resilient-upstream.js';

/** The public route whose POSTs are coalesced, and the internal route a frame goes to (inventory-routes.ts). */
export const RESERVATIONS_PATH = '/api/inventory/reservations';
export const RESERVATION_FRAMES_PATH = '/internal/inventory/reservation-frames';
/** The name the gateway's service credential carries; inventory takes frames from it only. */
export const GATEWAY_SERVICE_NAME = 'gateway';

/**
 * Largest body taken into a frame (a reservation of 50 items is about 4 KiB): a larger one goes
 * alone, so no client's body can push a frame past inventory's body limit (1 MiB) and get the
 * other shoppers of that frame refused with it.
 */
export const FRAMED_BODY_LIMIT_BYTES = 6 * 1024;

/** One shopper's reservation as the edge admitted it. */
export interface ReservationRequest {
  /** The request id (the client's, or the one the gateway gave it). */
  id: string;
  principal: Principal | undefined;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body. */
  body: unknown;
}

export interface ReservationFramesOptions {
  /** Signs each shopper's identity for their own request, as for a forwarded request. */
  identitySigningKey: string;
  /** Signs the frame as the gateway's (SERVICE_CREDENTIAL_SECRET). */
  serviceCredentialKey: string;
  maxItems: number;
  logger: Logger;
  now?: () => number;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Shoppers' `POST /api/inventory/reservations` bound for the same inventory instance (the owner
 * of their SKU's partition), sent as one frame per event-loop turn and answered per item with
 * what that instance's single route would have answered (status, JSON body, Retry-After,
 * Idempotent-Replayed). The frame goes through the instance's ResilientUpstream (bulkhead,
 * breaker, and retry when every item has an Idempotency-Key), so a failed frame gives each of its
 * shoppers the answer a failed forwarded request gives.
 *
 * Trust: the frame carries the gateway's service credential (inventory takes frames from the
 * gateway only); each item carries the identity the gateway verified, signed for that item's own
 * request (`POST /api/inventory/reservations`, its request id), exactly as the single forwarded
 * request would carry it. Inventory verifies each item's signature as the single route does,
 * and a partition moved elsewhere forwards the item to its owner with the same signed headers.
 */
export class ReservationFrames {
  private readonly byUpstream = new Map<ResilientUpstream, FrameCoalescer<ReservationRequest, BufferedAnswer>>();
  private readonly now: () => number;

  constructor(private readonly o: ReservationFramesOptions) {
    if (o.maxItems > MAX_RESERVATION_FRAME_ITEMS) throw new Error(`a reservation frame holds at most ${MAX_RESERVATION_FRAME_ITEMS} items`);
    this.now = o.now ?? Date.now;
  }

  /** Whether a request is one this path takes: a POST to the reservations route itself, with a body of at most FRAMED_BODY_LIMIT_BYTES. */
  static takes(method: string, url: string, bodyBytes: number): boolean {
    return method === 'POST' && url === RESERVATIONS_PATH && bodyBytes > 0 && bodyBytes <= FRAMED_BODY_LIMIT_BYTES;
  }

  submit(upstream: ResilientUpstream, request: ReservationRequest): Promise<BufferedAnswer> {
    let coalescer = this.byUpstream.get(upstream);
    if (!coalescer) {
      coalescer = new FrameCoalescer<ReservationRequest, BufferedAnswer>(
        (items) => this.send(upstream, items),
        (error) => {
          this.o.logger.error({ err: error instanceof Error ? error.message : String(error), upstream: upstream.name }, 'reservation frame failed');
          return { failure: failure(FailureCode.UPSTREAM_UNAVAILABLE, `${upstream.name} is unavailable, try again shortly`, undefined, 5) };
        },
        this.o.maxItems,
      );
      this.byUpstream.set(upstream, coalescer);
    }
    return coalescer.submit(request);
  }

  private async send(upstream: ResilientUpstream, requests: readonly ReservationRequest[]): Promise<BufferedAnswer[]> {
    const frame: ReservationFrame = { items: requests.map((r) => this.itemOf(r)) };
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [SERVICE_CREDENTIAL_HEADER]: signServiceCredential(this.o.serviceCredentialKey, GATEWAY_SERVICE_NAME, this.now()),
    };
    injectTraceHeaders(headers);
    // Every item with an Idempotency-Key may safely run twice; one without is refused 400 whatever happens.
    const retryable = frame.items.every((item) => item.idempotencyKey !== undefined);
    const answer = await upstream.call({ method: 'POST', path: RESERVATION_FRAMES_PATH, headers, body: JSON.stringify(frame), retryable });
    if (answer.failure) return requests.map(() => answer);
    if (answer.status !== 200) {
      // The instance refused the whole frame (shutting down: 503; misconfigured credential: 401/403):
      // each shopper gets that answer, as a forwarded request would have.
      if (answer.status < 500) this.o.logger.warn({ upstream: upstream.name, status: answer.status, body: answer.body.toString('utf8').slice(0, 500) }, 'inventory refused a reservation frame');
      return requests.map(() => answer);
    }
    const parsed = ReservationFrameAnswers.safeParse(JSON.parse(answer.body.toString('utf8')));
    if (!parsed.success || parsed.data.answers.length !== requests.length) throw new Error('inventory answered a reservation frame with a malformed body');
    return parsed.data.answers.map(answerOf);
  }

  private itemOf(request: ReservationRequest): ReservationFrameItem {
    const key = request.headers['idempotency-key'];
    const item: ReservationFrameItem = { requestId: request.id, body: request.body };
    if (typeof key === 'string') item.idempotencyKey = key;
    if (request.principal) item.identity = this.identityOf(request.principal, request.id);
    return item;
  }

  /** The identity signed for the item's own request, as `forwardedHeaders` signs it for a forwarded one. */
  private identityOf(principal: Principal, requestId: string): FrameIdentity {
    const signed = signedIdentityHeaders(principal, { method: 'POST', url: RESERVATIONS_PATH, requestId }, this.o.identitySigningKey, this.now());
    const identity: FrameIdentity = { userId: principal.userId, role: principal.role, signature: signed[IDENTITY_SIGNATURE_HEADER]! };
    if (principal.email !== undefined) identity.email = principal.email;
    return identity;
  }
}

/** One item's answer as the single route's response: its status, JSON body and the headers that matter. */
function answerOf(answer: ReservationFrameAnswer): BufferedAnswer {
  const headers: IncomingHttpHeaders = { 'content-type': JSON_TYPE };
  if (answer.retryAfter !== undefined) headers['retry-after'] = answer.retryAfter;
  if (answer.replayed) headers['idempotent-replayed'] = 'true';
  return { status: answer.status, headers, body: Buffer.from(JSON.stringify(answer.body)) };
}
