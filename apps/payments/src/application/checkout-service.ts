import { randomUUID } from 'node:crypto';
import {
  Failed,
  FailureCode,
  isFailureCode,
  type AdminListCheckoutsQuery,
  type CheckoutAccepted,
  type CheckoutBody,
  type CheckoutOutcome,
  type CheckoutPage,
  type CheckoutState,
  type CheckoutView,
} from '@shop/contracts';
import { unavailable } from '@shop/service-kit';
import { FIRST_STEP, LAST_REQUEST_STEP } from '../domain/checkout-saga.js';
import { guestOwnerId } from '../domain/guest-checkout.js';
import { requestHash } from '../domain/request-hash.js';
import { isRefusal } from '../domain/saga-state-machine.js';
import type { SagaJobs } from '../jobs/saga-jobs.js';
import type { PaymentsMetrics } from '../payments-metrics.js';
import type { CheckoutRecord, CheckoutStepRecord } from '../domain/checkout.js';
import { InvalidCursorError, type CheckoutStore } from './checkout-store.js';
import { StepRetryError, type SagaRunner } from '../saga/saga-runner.js';

/** Who checks out: a signed-in account (with the email the gateway vouched for) or a guest with the email they gave. */
export type Shopper = { kind: 'account'; customerId: string; email: string | null } | { kind: 'guest'; email: string };

/**
 * The checkout use cases. Starting a checkout runs the saga's first steps in the request — lock
 * the quote, hold its coupon, create the order — so the 202 can name the order; the rest runs on
 * after the answer (`SagaJobs.continueAfterRequest`). The Idempotency-Key (per customer) makes a
 * retried or duplicated request answer the same checkout.
 */
export class CheckoutService {
  constructor(
    private readonly repository: CheckoutStore,
    private readonly runner: SagaRunner,
    private readonly jobs: SagaJobs,
    private readonly metrics: PaymentsMetrics,
  ) {}

  async start(shopper: Shopper, idempotencyKey: string, body: CheckoutBody): Promise<CheckoutAccepted> {
    const guest = shopper.kind === 'guest';
    // A guest is keyed by their cart (its id is their only secret); an account by its id.
    const customerId = guest ? guestOwnerId(body.cartId) : shopper.customerId;
    // An account's order gets the account's email (the gateway vouches for it), a guest's the one given.
    const email = guest ? shopper.email : (shopper.email ?? null);
    const hash = requestHash({ customerId, body });
    // Insert first: a new checkout (the common case) costs one statement; a replay conflicts and reads.
    let checkout = await this.repository.insert({
      id: randomUUID(),
      idempotencyKey,
      requestHash: hash,
      customerId,
      cartId: body.cartId,
      guest,
      email,
      shippingAddress: body.shippingAddress,
      paymentMethod: body.payment.method,
      paymentToken: body.payment.token,
      ...(body.quote ? { offeredQuote: body.quote } : {}),
      ...(body.reservationId ? { replacesReservationId: body.reservationId } : {}),
      firstStep: FIRST_STEP,
    });
    const fresh = checkout !== null;
    if (fresh) this.metrics.started.inc();
    checkout ??= await this.repository.findByKey(customerId, idempotencyKey);
    if (!checkout) throw unavailable('the checkout could not be recorded; retry with the same Idempotency-Key');
    if (checkout.requestHash !== hash) {
      throw Failed.of(FailureCode.IDEMPOTENCY_KEY_REUSED, 'this Idempotency-Key was used with a different checkout request');
    }
    if (checkout.state === 'preparing') checkout = await this.prepare(checkout, fresh);
    return this.accepted(checkout);
  }

  /** Quote and order in the request; then the rest of the saga goes on after the answer. */
  private async prepare(checkout: CheckoutRecord, fresh: boolean): Promise<CheckoutRecord> {
    let prepared: CheckoutRecord;
    try {
      prepared = await this.runner.advance(checkout.id, { until: LAST_REQUEST_STEP, startedAtVersion: fresh ? checkout.version : undefined, loaded: checkout });
    } catch (err) {
      if (!(err instanceof StepRetryError)) throw err;
      const cause = err.cause instanceof Error ? err.cause.message : String(err.cause);
      throw unavailable(`the checkout could not ${describe(err.action.step)} (${cause}); retry with the same Idempotency-Key`);
    }
    // The request that created the checkout runs the saga on in this process; a replay that found it
    // still preparing queues it instead (one job per position, so duplicate replays add none).
    if (prepared.state === 'running' && fresh) await this.jobs.continueAfterRequest(prepared, prepared.version);
    else if (prepared.state === 'running') await this.jobs.enqueue(prepared, { startedAtVersion: prepared.version });
    return prepared;
  }

  private accepted(checkout: CheckoutRecord): CheckoutAccepted {
    if (checkout.state === 'rejected' || !checkout.orderId) {
      // A refusal before an order exists is answered with the saga's failure code (a stored code is one of them).
      const code = isFailureCode(checkout.failureCode) ? checkout.failureCode : FailureCode.CHECKOUT_ABANDONED;
      throw Failed.of(code, checkout.failureReason ?? 'the checkout was refused', checkout.failureDetails ?? undefined);
    }
    return { checkoutId: checkout.id, orderId: checkout.orderId, orderNumber: checkout.orderNumber, status: outcomeOf(checkout.state) };
  }

  /** The customer's own checkout (another's is answered 404). */
  async view(id: string, customerId?: string): Promise<CheckoutView> {
    const checkout = await this.repository.find(id);
    if (!checkout || (customerId !== undefined && checkout.customerId !== customerId)) {
      throw Failed.of(FailureCode.NOT_FOUND, `checkout ${id} not found`);
    }
    return this.viewOf(checkout);
  }

  async list(query: AdminListCheckoutsQuery): Promise<CheckoutPage> {
    try {
      const page = await this.repository.list(query);
      // Two queries for the whole page: the checkouts, then all their steps.
      const steps = await this.repository.stepsOf(page.items.map((c) => c.id));
      return { items: page.items.map((c) => checkoutView(c, steps.get(c.id) ?? [])), nextCursor: page.nextCursor };
    } catch (err) {
      if (err instanceof InvalidCursorError) throw Failed.of(FailureCode.BAD_REQUEST, err.message);
      throw err;
    }
  }

  /** An admin's retry of a dead checkout: the dead step runs again with a fresh retry budget. */
  async retry(id: string): Promise<CheckoutView> {
    const result = await this.runner.retry(await this.existing(id));
    if (isRefusal(result)) throw Failed.of(FailureCode.NOT_RETRYABLE, result.reason);
    await this.jobs.enqueue(result);
    return this.viewOf(result);
  }

  /** An admin gives up on a checkout before the point of no return: it is compensated. */
  async cancel(id: string): Promise<CheckoutView> {
    const result = await this.runner.cancel(await this.existing(id));
    if (isRefusal(result)) throw Failed.of(FailureCode.NOT_CANCELLABLE, result.reason);
    await this.jobs.enqueue(result);
    return this.viewOf(result);
  }

  private async existing(id: string): Promise<string> {
    const checkout = await this.repository.find(id);
    if (!checkout) throw Failed.of(FailureCode.NOT_FOUND, `checkout ${id} not found`);
    return checkout.id;
  }

  private async viewOf(c: CheckoutRecord): Promise<CheckoutView> {
    return checkoutView(c, await this.repository.steps(c.id));
  }
}

function checkoutView(c: CheckoutRecord, steps: CheckoutStepRecord[]): CheckoutView {
  return {
    id: c.id,
    customerId: c.customerId,
    guest: c.guest,
    email: c.email,
    cartId: c.cartId,
    orderId: c.orderId,
    status: outcomeOf(c.state),
    state: c.state,
    currentStep: c.currentStep,
    deadFrom: c.deadFrom,
    amount: c.amount,
    currency: c.currency,
    reservationId: c.reservationId,
    paymentId: c.paymentId,
    failure: c.failureCode ? { code: c.failureCode, reason: c.failureReason } : null,
    attempts: c.attempts,
    couponCode: c.quote?.couponCode ?? null,
    steps: steps.map((s) => ({ ...s, updatedAt: s.updatedAt.toISOString() })),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The checkout in the order's words: CONFIRMED or CANCELLED once settled, PENDING before. */
export function outcomeOf(state: CheckoutState): CheckoutOutcome {
  if (state === 'completed') return 'CONFIRMED';
  if (state === 'cancelled' || state === 'rejected') return 'CANCELLED';
  return 'PENDING';
}

function describe(step: string): string {
  if (step === 'quote') return 'read the cart and its prices';
  if (step === 'hold_coupon') return "hold the cart's coupon";
  return step === 'create_order' ? 'create the order' : `run ${step}`;
}
