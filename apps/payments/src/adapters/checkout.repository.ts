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
import { pgPoolOf, Prisma, queryNamed, type PgPool, type PrismaClient } from '@shop/persistence';
import { InvalidCursorError, type CheckoutListFilter, type CheckoutStore } from '../application/checkout-store.js';
import type { CheckoutChange, CheckoutRecord, CheckoutStepRecord, NewCheckout, PaymentWrite } from '../domain/checkout.js';
import { stepIndex } from '../domain/checkout-saga.js';
import { decodeCheckoutCursor, encodeCheckoutCursor } from '../domain/checkout-cursor.js';
import { TransitionBatcher } from './transition-batcher.js';

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
  payment_ref: string | null;
  failure_code: string | null;
  failure_reason: string | null;
  failure_details: unknown;
  attempts: number;
  step_attempts: number;
  created_at: Date;
  updated_at: Date;
  version: number;
  /** Only in a batched transition's answer: the row's place in the batch. */
  batch_index?: number;
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

const INSERT_SQL = `
  WITH c AS (
    INSERT INTO payments.checkout (id, idempotency_key, request_hash, customer_id, cart_id, guest, email, state, current_step,
                                   shipping_address, payment_method, payment_token, offered_quote, replaces_reservation_id,
                                   attempts, step_attempts, created_at, updated_at, version)
    VALUES ($1::uuid, $2::text, $3::text, $4::uuid, $5::text, $6::boolean, $7::text, 'preparing', $8::text,
            $9::jsonb, $10::text, $11::text, $12::jsonb, $13::text,
            1, 1, now(), now(), 1)
    ON CONFLICT (customer_id, idempotency_key) DO NOTHING
    RETURNING *
  ), s AS (
    INSERT INTO payments.checkout_step (checkout_id, step, status, attempts, updated_at)
    SELECT id, $8::text, 'running', 1, now() FROM c
  )
  SELECT * FROM c`;

const FIND_SQL = 'SELECT * FROM payments.checkout WHERE id = $1::uuid';
const FIND_BY_KEY_SQL = 'SELECT * FROM payments.checkout WHERE customer_id = $1::uuid AND idempotency_key = $2::text';

/**
 * A transition: the checkout's conditional update ($1-$14, its failure $19-$22 when $19), its step
 * records ($15-$18 as parallel arrays: no steps, no rows), then by shape the payment row ($23-$30;
 * the checkout keeps its provider reference, $25, for the capture) and its event ($31-$36). Three
 * fixed texts, so each is a named prepared statement.
 */
const transitionCheckout = (withPayment: boolean) => `
  WITH c AS (
    UPDATE payments.checkout SET
      state = $3::payments."CheckoutState",
      current_step = $4::text,
      dead_from = $5::payments."CheckoutState",
      failure_code = CASE WHEN $19::boolean THEN $20::text ELSE failure_code END,
      failure_reason = CASE WHEN $19::boolean THEN $21::text ELSE failure_reason END,
      failure_details = CASE WHEN $19::boolean THEN $22::jsonb ELSE failure_details END,
      quote = COALESCE(quote, $6::jsonb),
      currency = COALESCE(currency, $7::text),
      amount = COALESCE(amount, $8::int),
      reservation_id = COALESCE(reservation_id, $9::text),
      order_id = COALESCE(order_id, $10::uuid),
      order_number = COALESCE(order_number, $11::text),
      order_status = COALESCE(order_status, $12::text),
      payment_id = COALESCE(payment_id, $13::uuid),${withPayment ? '\n      payment_ref = COALESCE($25::text, payment_ref),' : ''}
      attempts = attempts + $14::int,
      -- A new current step starts with the attempts its record gets in this change.
      step_attempts = CASE WHEN current_step IS DISTINCT FROM $4::text THEN COALESCE(($17::int[])[array_position($15::text[], $4::text)], 0) ELSE step_attempts + $14::int END,
      updated_at = now(),
      version = version + 1
    WHERE id = $1::uuid AND version = $2::int
    RETURNING *
  ), s AS (
    INSERT INTO payments.checkout_step (checkout_id, step, status, attempts, last_error, updated_at)
    SELECT c.id, v.step, v.status::payments."CheckoutStepStatus", v.attempts, v.last_error, now()
    FROM c, unnest($15::text[], $16::text[], $17::int[], $18::text[]) AS v(step, status, attempts, last_error)
    ON CONFLICT (checkout_id, step) DO UPDATE SET
      status = EXCLUDED.status,
      attempts = checkout_step.attempts + EXCLUDED.attempts,
      last_error = COALESCE(EXCLUDED.last_error, checkout_step.last_error),
      updated_at = now()
  )`;
const TRANSITION_PAYMENT = `, p AS (
    INSERT INTO payments.payment (id, checkout_id, provider, provider_ref, authorization_key, status, amount, currency, decline_code, created_at, updated_at)
    SELECT $23::uuid, c.id, $24::text, $25::text, $26::text, $27::text::payments."PaymentStatus", $28::int, $29::text, $30::text, now(), now()
    FROM c
    ON CONFLICT (checkout_id) DO UPDATE SET
      -- Money returned outside the saga (an order undone later) is never overwritten by a late saga write.
      status = CASE WHEN payment.status IN ('voided', 'refunded') THEN payment.status ELSE EXCLUDED.status END,
      provider_ref = COALESCE(EXCLUDED.provider_ref, payment.provider_ref),
      decline_code = COALESCE(EXCLUDED.decline_code, payment.decline_code),
      updated_at = now()
  )`;
// The row as it was before this statement (a statement sees one snapshot): announce a change only.
const TRANSITION_ANNOUNCE = `, prev AS (
    SELECT status FROM payments.payment WHERE checkout_id = $1::uuid
  ), ev AS (
    INSERT INTO messaging.outbox_event (event_id, source, stream, event_type, aggregate_id, envelope)
    SELECT $31::uuid, $32::text, $33::text, $34::text, $35::text,
           jsonb_set($36::jsonb, '{payload,orderId}', COALESCE(to_jsonb(c.order_id), 'null'::jsonb))
    FROM c
    WHERE NOT EXISTS (SELECT 1 FROM prev WHERE prev.status::text = $27::text OR prev.status IN ('voided', 'refunded'))
  )`;
const TRANSITION_SQL = {
  checkout: `${transitionCheckout(false)}\n  SELECT * FROM c`,
  payment: `${transitionCheckout(true)}${TRANSITION_PAYMENT}\n  SELECT * FROM c`,
  announce: `${transitionCheckout(true)}${TRANSITION_PAYMENT}${TRANSITION_ANNOUNCE}\n  SELECT * FROM c`,
} as const;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * The saga's state in `payments.checkout` / `checkout_step` / `payment`. Every change is ONE
 * statement (CTEs), conditional on the version it was decided on: the checkout, its step records
 * and its payment row move together or not at all, and a saga advanced by someone else meanwhile
 * is not overwritten (the caller reloads and decides again). The statements every checkout sends
 * go straight through `pg` as named prepared statements (the pool under `prisma`); the admin's
 * listings and the sweep stay on Prisma.
 */
export class CheckoutRepository implements CheckoutStore {
  /** Concurrent sagas' transitions without a payment write go to Postgres together (see TransitionBatcher). */
  private readonly batcher: TransitionBatcher<CheckoutRow>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pool: PgPool = pgPoolOf(prisma),
  ) {
    this.batcher = new TransitionBatcher(pool, (t) => this.writeTransition(t.id, t.expectedVersion, t.change));
  }

  /** Null when this customer already used the key (the caller reads that checkout). */
  async insert(c: NewCheckout): Promise<CheckoutRecord | null> {
    const rows = await queryNamed<CheckoutRow>(this.pool, 'payments_checkout_insert', INSERT_SQL, [
      c.id,
      c.idempotencyKey,
      c.requestHash,
      c.customerId,
      c.cartId,
      c.guest,
      c.email,
      c.firstStep,
      JSON.stringify(c.shippingAddress),
      c.paymentMethod,
      c.paymentToken,
      json(c.offeredQuote),
      c.replacesReservationId ?? null,
    ]);
    return rows[0] ? recordOf(rows[0]) : null;
  }

  async find(id: string): Promise<CheckoutRecord | null> {
    const rows = await queryNamed<CheckoutRow>(this.pool, 'payments_checkout_find', FIND_SQL, [id]);
    return rows[0] ? recordOf(rows[0]) : null;
  }

  async findByKey(customerId: string, idempotencyKey: string): Promise<CheckoutRecord | null> {
    const rows = await queryNamed<CheckoutRow>(this.pool, 'payments_checkout_find_by_key', FIND_BY_KEY_SQL, [customerId, idempotencyKey]);
    return rows[0] ? recordOf(rows[0]) : null;
  }

  /** Applies a transition if the checkout is still at `expectedVersion`; null when it moved on. */
  async transition(id: string, expectedVersion: number, change: CheckoutChange): Promise<CheckoutRecord | null> {
    const row = change.payment ? await this.writeTransition(id, expectedVersion, change) : await this.batcher.write({ id, expectedVersion, change });
    return row ? recordOf(row) : null;
  }

  /** One transition in its own statement. */
  private async writeTransition(id: string, expectedVersion: number, change: CheckoutChange): Promise<CheckoutRow | null> {
    const p = change.patch ?? {};
    const values: unknown[] = [
      id,
      expectedVersion,
      change.state,
      change.currentStep,
      change.deadFrom,
      json(p.quote),
      p.currency ?? null,
      p.amount ?? null,
      p.reservationId ?? null,
      p.orderId ?? null,
      p.orderNumber ?? null,
      p.orderStatus ?? null,
      p.paymentId ?? null,
      change.attemptsDelta,
      change.steps.map((s) => s.step),
      change.steps.map((s) => s.status),
      change.steps.map((s) => s.attemptsDelta),
      change.steps.map((s) => s.lastError ?? null),
      change.failure !== undefined && change.failure !== null,
      change.failure?.code ?? null,
      change.failure?.reason ?? null,
      json(change.failure?.details),
    ];
    let shape: keyof typeof TRANSITION_SQL = 'checkout';
    const pay = change.payment;
    if (pay) {
      shape = 'payment';
      values.push(pay.id, pay.provider, pay.providerRef, pay.authorizationKey, pay.status, pay.amount, pay.currency, pay.declineCode);
      const event = paymentEventOf(id, pay);
      if (event) {
        shape = 'announce';
        values.push(event.eventId, PAYMENTS_SOURCE, streamOf(event.eventType), event.eventType, event.aggregateId, JSON.stringify(event));
      }
    }
    const rows = await queryNamed<CheckoutRow>(this.pool, `payments_checkout_transition_${shape}`, TRANSITION_SQL[shape], values);
    return rows[0] ?? null;
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
    paymentRef: row.payment_ref,
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
