import { z } from 'zod';

/**
 * A reservation frame: several shoppers' `POST /api/inventory/reservations` coalesced by the
 * gateway into one internal request to the partition owner (`POST
 * /internal/inventory/reservation-frames`, the gateway's service credential only), answered with
 * one answer per item, in order. Each item is what the single route would have received: its
 * body and Idempotency-Key exactly as the client sent them (inventory validates each with
 * `CreateReservationBody` and `IdempotencyKey`, so a bad item gets its own 400 and the rest of
 * the frame is unaffected), its request id, and the shopper's identity the gateway signed for
 * that one request (`POST /api/inventory/reservations` with that request id), verified per item
 * as the single route verifies it.
 */
export const MAX_RESERVATION_FRAME_ITEMS = 128;

/** The signed identity of one item: the `x-user-*` headers and `x-identity-signature`, as fields. */
export const FrameIdentity = z.strictObject({
  userId: z.string().max(200),
  role: z.string().max(50),
  email: z.string().max(320).optional(),
  signature: z.string().max(1000),
});
export type FrameIdentity = z.infer<typeof FrameIdentity>;

export const ReservationFrameItem = z.strictObject({
  /** The client request's id (`x-request-id`): the identity signature is bound to it. */
  requestId: z.string().min(1),
  /** Absent: an anonymous request (answered 401, as the single route answers it). */
  identity: FrameIdentity.optional(),
  /** As the client sent it; validated per item with `IdempotencyKey`. */
  idempotencyKey: z.string().optional(),
  /** As the client sent it; validated per item with `CreateReservationBody`. */
  body: z.unknown(),
});
export type ReservationFrameItem = z.infer<typeof ReservationFrameItem>;

export const ReservationFrame = z.strictObject({
  items: z.array(ReservationFrameItem).min(1).max(MAX_RESERVATION_FRAME_ITEMS),
});
export type ReservationFrame = z.infer<typeof ReservationFrame>;

/** What the single route would have answered for one item: status, JSON body and the headers that matter. */
export const ReservationFrameAnswer = z.strictObject({
  status: z.number().int().min(100).max(599),
  body: z.unknown(),
  /** `Retry-After`, when the single route would have sent one. */
  retryAfter: z.string().optional(),
  /** `Idempotent-Replayed: true`: a stored reservation answered again. */
  replayed: z.boolean().optional(),
});
export type ReservationFrameAnswer = z.infer<typeof ReservationFrameAnswer>;

/** 200 answer of a frame: one answer per item, in the frame's order. */
export const ReservationFrameAnswers = z.strictObject({ answers: z.array(ReservationFrameAnswer) });
export type ReservationFrameAnswers = z.infer<typeof ReservationFrameAnswers>;
