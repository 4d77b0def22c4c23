import {
  PaymentAuthorizedV1,
  PaymentCapturedV1,
  PaymentFailedV1,
  PaymentVoidedV1,
  streamOf,
  type CheckoutQuote,
  type Quote,
  type CheckoutState,
  type CheckoutStepName,
  type CheckoutStepStatus,
  type ShippingAddress,
} from '@shop/contracts';
import { createEvent } from '@shop/messaging';
import { Prisma, type PrismaClient } from '@shop/persistence';
import { InvalidCursorError, type CheckoutListFilter, type CheckoutStore } from '../application/checkout-store.js';
import type { CheckoutChange, CheckoutRecord, CheckoutStepRecord, NewCheckout, PaymentWrite } from '../domain/checkout.js';
import { stepIndex } from '../domain/checkout-saga.js';
import { decodeCheckoutCursor, encodeCheckoutCursor } from '../domain/checkout-cursor.js';

interface CheckoutRow {
  id: string;
  idempotency_key: string;
  request_hash: string;
  customer_id: string;
  cart_id: string;
  guest: boolean;
  email: string | null;
  state: CheckoutState;
  current_step: string | null;
  dead_from: CheckoutState | null;
  shipping_address: unknown;
  payment_method: string;
  payment_token: string;
  quote: unknown;
  offered_quote: unknown;
  replaces_reservation_id: string | null;
  currency: string | null;
  amount: number | null;
  reservation_id: string | null;
  order_id: string | null;
  order_number: string | null;
  order_status: string | null;
  payment_id: string | null;
  failure_code: string | null;
  failure_reason: string | null;
  failure_details: unknown;
  attempts: number;
  step_attempts: number;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** The outbox source of payments events (the relay in payments-app publishes them). */
const PAYMENTS_SOURCE = 'payments';

/**
 * The event a saga's payment write announces, when its status is one worth announcing. The
 * statement writes it only if the row's status actually changes (a retried step writes the same
 * status again and announces nothing). Order number: the saga does not know it (null).
 */
function paymentEventOf(checkoutId: string, pay: PaymentWrite) {
  const payload = {
    paymentId: pay.id,
    checkoutId,
    orderId: null,
    orderNumber: null,
    amount: { amount: pay.amount, currency: pay.currency },
    provider: pay.provider,
  };
  const event = { aggregateId: pay.id, source: PAYMENTS_SOURCE };
  switch (pay.status) {
    case 'authorized':
      return createEvent(PaymentAuthorizedV1, { ...event, version: 1, payload });
    case 'captured':
      return createEvent(PaymentCapturedV1, { ...event, version: 2, payload });
    case 'voided':
      return createEvent(PaymentVoidedV1, { ...event, version: 2, payload: { ...payload, reason: 'checkout compensated' } });
    case 'declined': {
      const code = pay.declineCode ?? 'card_declined';
      return createEvent(PaymentFailedV1, { ...event, version: 1, payload: { ...payload, code, reason: `the card was declined (${code})` } });
    }
    default:
      return null;
  }
}

const state = (s: CheckoutState) => Prisma.sql`${s}::payments."CheckoutState"`;
const nullableState = (s: CheckoutState | null) => (s === null ? Prisma.sql`NULL::payments."CheckoutState"` : state(s));

/**
 * The saga's state in `payments.checkout` / `checkout_step` / `payment`. Every change is ONE
 * statement (CTEs), conditional on the version it was decided on: the checkout, its step records
 * and its payment row move together or not at all, and a saga advanced by someone else meanwhile
 * is not overwritten (the caller reloads and decides again).
 */
export class CheckoutRepository implements CheckoutStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** Null when this customer already used the key (the caller reads that checkout). */
  async insert(c: NewCheckout): Promise<CheckoutRecord | null> {
    const rows = await this.prisma.$queryRaw<CheckoutRow[]>`
      WITH c AS (
        INSERT INTO payments.checkout (id, idempotency_key, request_hash, customer_id, cart_id, guest, email, state, current_step,
                                       shipping_address, payment_method, payment_token, offered_quote, replaces_reservation_id,
                                       attempts, step_attempts, created_at, updated_at, version)
        VALUES (${c.id}::uuid, ${c.idempotencyKey}, ${c.requestHash}, ${c.customerId}::uuid, ${c.cartId}, ${c.guest}, ${c.email}, 'preparing', ${c.firstStep},
                ${JSON.stringify(c.shippingAddress)}::jsonb, ${c.paymentMethod}, ${c.paymentToken},
                ${c.offeredQuote ? JSON.stringify(c.offeredQuote) : null}::jsonb, ${c.replacesReservationId ?? null},
                1, 1, now(), now(), 1)
        ON CONFLICT (customer_id, idempotency_key) DO NOTHING
        RETURNING *
      ), s AS (
        INSERT INTO payments.checkout_step (checkout_id, step, status, attempts, updated_at)
        SELECT id, ${c.firstStep}, 'running', 1, now() FROM c
      )
      SELECT * FROM c`;
    return rows[0] ? recordOf(rows[0]) : null;
  }

  async find(id: string): Promise<CheckoutRecord | null> {
    const rows = await this.prisma.$queryRaw<CheckoutRow[]>`SELECT * FROM payments.checkout WHERE id = ${id}::uuid`;
    return rows[0] ? recordOf(rows[0]) : null;
  }

  async findByKey(customerId: string, idempotencyKey: string): Promise<CheckoutRecord | null> {
    const rows = await this.prisma.$queryRaw<CheckoutRow[]>`
      SELECT * FROM payments.checkout WHERE customer_id = ${customerId}::uuid AND idempotency_key = ${idempotencyKey}`;
    return rows[0] ? recordOf(rows[0]) : null;
  }

  /** Applies a transition if the checkout is still at `expectedVersion`; null when it moved on. */
  async transition(id: string, expectedVersion: number, change: CheckoutChange): Promise<CheckoutRecord | null> {
    const p = change.patch ?? {};
    const failure = change.failure
      ? Prisma.sql`failure_code = ${change.failure.code}, failure_reason = ${change.failure.reason},
                   failure_details = ${change.failure.details ? JSON.stringify(change.failure.details) : null}::jsonb,`
      : Prisma.empty;
    const steps =
      change.steps.length === 0
        ? Prisma.empty
        : Prisma.sql`, s AS (
            INSERT INTO payments.checkout_step (checkout_id, step, status, attempts, last_error, updated_at)
            SELECT c.id, v.step, v.status::payments."CheckoutStepStatus", v.attempts, v.last_error, now()
            FROM c, (VALUES ${Prisma.join(
              change.steps.map((s) => Prisma.sql`(${s.step}, ${s.status}, ${s.attemptsDelta}::int, ${s.lastError ?? null}::text)`),
            )}) AS v(step, status, attempts, last_error)
            ON CONFLICT (checkout_id, step) DO UPDATE SET
              status = EXCLUDED.status,
              attempts = checkout_step.attempts + EXCLUDED.attempts,
              last_error = COALESCE(EXCLUDED.last_error, checkout_step.last_error),
              updated_at = now()
          )`;
    const pay = change.payment;
    const payment = pay
      ? Prisma.sql`, p AS (
          INSERT INTO payments.payment (id, checkout_id, provider, provider_ref, authorization_key, status, amount, currency, decline_code, created_at, updated_at)
          SELECT ${pay.id}::uuid, c.id, ${pay.provider}, ${pay.providerRef}, ${pay.authorizationKey}, ${pay.status}::payments."PaymentStatus",
                 ${pay.amount}, ${pay.currency}, ${pay.declineCode}, now(), now()
          FROM c
          ON CONFLICT (checkout_id) DO UPDATE SET
            -- Money returned outside the saga (an order undone later) is never overwritten by a late saga write.
            status = CASE WHEN payment.status IN ('voided', 'refunded') THEN payment.status ELSE EXCLUDED.status END,
            provider_ref = COALESCE(EXCLUDED.provider_ref, payment.provider_ref),
            decline_code = COALESCE(EXCLUDED.decline_code, payment.decline_code),
            updated_at = now()
        )`
      : Prisma.empty;
    const event = pay ? paymentEventOf(id, pay) : null;
    // The row as it was before this statement (a statement sees one snapshot): announce a change only.
    const announce = event
      ? Prisma.sql`, prev AS (
          SELECT status FROM payments.payment WHERE checkout_id = ${id}::uuid
        ), ev AS (
          INSERT INTO messaging.outbox_event (event_id, source, stream, event_type, aggregate_id, envelope)
          SELECT ${event.eventId}::uuid, ${PAYMENTS_SOURCE}, ${streamOf(event.eventType)}, ${event.eventType}, ${event.aggregateId},
                 jsonb_set(${JSON.stringify(event)}::jsonb, '{payload,orderId}', COALESCE(to_jsonb(c.order_id), 'null'::jsonb))
          FROM c
          WHERE NOT EXISTS (SELECT 1 FROM prev WHERE prev.status::text = ${pay!.status} OR prev.status IN ('voided', 'refunded'))
        )`
      : Prisma.empty;
    const rows = await this.prisma.$queryRaw<CheckoutRow[]>`
      WITH c AS (
        UPDATE payments.checkout SET
          state = ${state(change.state)},
          current_step = ${change.currentStep},
          dead_from = ${nullableState(change.deadFrom)},
          ${failure}
          quote = COALESCE(quote, ${p.quote ? JSON.stringify(p.quote) : null}::jsonb),
          currency = COALESCE(currency, ${p.currency ?? null}),
          amount = COALESCE(amount, ${p.amount ?? null}::int),
          reservation_id = COALESCE(reservation_id, ${p.reservationId ?? null}),
          order_id = COALESCE(order_id, ${p.orderId ?? null}::uuid),
          order_number = COALESCE(order_number, ${p.orderNumber ?? null}),
          order_status = COALESCE(order_status, ${p.orderStatus ?? null}),
          payment_id = COALESCE(payment_id, ${p.paymentId ?? null}::uuid),
          attempts = attempts + ${change.attemptsDelta}::int,
          step_attempts = CASE WHEN current_step IS DISTINCT FROM ${change.currentStep}
                               THEN ${change.attemptsDelta}::int ELSE step_attempts + ${change.attemptsDelta}::int END,
          updated_at = now(),
          version = version + 1
        WHERE id = ${id}::uuid AND version = ${expectedVersion}
        RETURNING *
      )${steps}${payment}${announce}
      SELECT * FROM c`;
    return rows[0] ? recordOf(rows[0]) : null;
  }

  /**
   * A failed attempt's error, on the step's record. It does not move the saga (no version change)
   * but marks the checkout as touched, so the recovery sweep leaves a saga that is busy retrying alone.
   */
  async recordError(id: string, step: CheckoutStepName, error: string): Promise<void> {
    await this.prisma.$executeRaw`
      WITH c AS (UPDATE payments.checkout SET updated_at = now() WHERE id = ${id}::uuid RETURNING id)
      UPDATE payments.checkout_step SET last_error = ${error.slice(0, 1000)}, updated_at = now()
      WHERE checkout_id = ${id}::uuid AND step = ${step}`;
  }

  async steps(id: string): Promise<CheckoutStepRecord[]> {
    return (await this.stepsOf([id])).get(id) ?? [];
  }

  /** The steps of many checkouts in one query (a listing must not ask once per checkout), each in saga order. */
  async stepsOf(ids: readonly string[]): Promise<Map<string, CheckoutStepRecord[]>> {
    const byCheckout = new Map<string, CheckoutStepRecord[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byCheckout;
    const rows = await this.prisma.checkoutStep.findMany({ where: { checkoutId: { in: [...ids] } } });
    for (const r of rows) {
      byCheckout.get(r.checkoutId)?.push({
        step: r.step as CheckoutStepName,
        status: r.status as CheckoutStepStatus,
        attempts: r.attempts,
        lastError: r.lastError,
        updatedAt: r.updatedAt,
      });
    }
    for (const steps of byCheckout.values()) steps.sort((a, b) => stepIndex(a.step) - stepIndex(b.step));
    return byCheckout;
  }

  /** In-progress sagas nobody touched since `before`: their job may be lost (recovery sweep). */
  async stale(before: Date, limit: number): Promise<CheckoutRecord[]> {
    const rows = await this.prisma.$queryRaw<CheckoutRow[]>`
      SELECT * FROM payments.checkout
      WHERE state IN ('preparing', 'running', 'compensating') AND updated_at < ${before}
      ORDER BY updated_at LIMIT ${limit}`;
    return rows.map(recordOf);
  }

  /** Newest first, keyset-paginated. */
  async list(filter: CheckoutListFilter): Promise<{ items: CheckoutRecord[]; nextCursor: string | null }> {
    const cursor = filter.cursor !== undefined ? decodeCheckoutCursor(filter.cursor) : undefined;
    if (filter.cursor !== undefined && !cursor) throw new InvalidCursorError('cursor does not belong to this listing');
    const byState = filter.state ? Prisma.sql`AND state = ${state(filter.state)}` : Prisma.empty;
    const after = cursor ? Prisma.sql`AND (created_at, id) < (${cursor.createdAt}, ${cursor.id}::uuid)` : Prisma.empty;
    const rows = await this.prisma.$queryRaw<CheckoutRow[]>`
      SELECT * FROM payments.checkout WHERE true ${byState} ${after}
      ORDER BY created_at DESC, id DESC LIMIT ${filter.limit + 1}`;
    const items = rows.slice(0, filter.limit).map(recordOf);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCheckoutCursor({ createdAt: last.createdAt, id: last.id }) : null };
  }
}

function recordOf(row: CheckoutRow): CheckoutRecord {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    customerId: row.customer_id,
    cartId: row.cart_id,
    guest: row.guest,
    email: row.email,
    state: row.state,
    currentStep: row.current_step as CheckoutStepName | null,
    deadFrom: row.dead_from,
    shippingAddress: row.shipping_address as ShippingAddress,
    paymentMethod: row.payment_method,
    paymentToken: row.payment_token,
    quote: row.quote as CheckoutQuote | null,
    offeredQuote: row.offered_quote as Quote | null,
    replacesReservationId: row.replaces_reservation_id,
    currency: row.currency,
    amount: row.amount,
    reservationId: row.reservation_id,
    orderId: row.order_id,
    orderNumber: row.order_number,
    orderStatus: row.order_status,
    paymentId: row.payment_id,
    failureCode: row.failure_code,
    failureReason: row.failure_reason,
    failureDetails: (row.failure_details as Record<string, unknown> | null) ?? null,
    attempts: row.attempts,
    stepAttempts: row.step_attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
