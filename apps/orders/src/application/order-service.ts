import { randomUUID } from 'node:crypto';
import {
  Failed,
  FailureCode,
  OrderCreatedV1,
  OrderRefundedV1,
  OrderStatusChangedV1,
  type Clock,
  type CreateOrderBody,
  type EventEnvelope,
  type Order,
  type OrderStatus,
  type OrderLineQuantity,
  type OrderPage,
  type OrderPaymentClaim,
} from '@shop/contracts';
import { appendToOutbox, createEvent } from '@shop/messaging';
import { withTransaction, type PrismaClient } from '@shop/persistence';
import { isOrderError, type OrderError } from '../domain/order-errors.js';
import { decideRefund, unrefundedLines } from '../domain/order-refunds.js';
import { decideTransition, type TransitionRequest } from '../domain/order-state-machine.js';
import { decideClaim } from '../domain/payment-claim.js';
import { computeTotals } from '../domain/order-totals.js';
import { formatOrderNumber } from '../domain/order-number.js';
import type { OrdersMetrics } from '../orders-metrics.js';
import { InvalidCursorError, type OrderListFilter, type OrderStore, type OutboxWrite } from './order-store.js';

export const ORDERS_SOURCE = 'orders';

export interface OrderServiceOptions {
  /** Shipping in minor units when the creator does not say (SHIPPING_FLAT_FEE). */
  shippingFlatFee: number;
  /** NOTIFY the outbox relay at commit so events leave within milliseconds. */
  notifyOutbox: boolean;
}

/** A status change and who asked for it. */
export interface TransitionCommand extends TransitionRequest {
  actor: string;
  /** Only this customer's order (another's is not found, as reading it is): a customer's own cancel. */
  customerId?: string;
}

/** A refund and who asked for it; no `lines`: everything not refunded yet (a full refund). */
export interface RefundCommand {
  lines?: readonly OrderLineQuantity[];
  reason: string;
  expectedVersion?: number;
  actor: string;
  /** The admin request's Idempotency-Key: a repeat answers the order and refunds nothing more. */
  idempotencyKey?: string;
}

/** How many times a transition re-decides after losing a race to a concurrent change. */
const MAX_TRANSITION_ATTEMPTS = 5;

/** The orders use cases: creation (idempotent per checkout), status changes, reads. */
export class OrderService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly orders: OrderStore,
    private readonly clock: Clock,
    private readonly options: OrderServiceOptions,
    private readonly metrics: OrdersMetrics,
  ) {}

  /**
   * Creates the order of a checkout, PENDING — or AWAITING_PAYMENT when the checkout asks (its
   * next step), with the history and events of both statuses. The checkout id is the idempotency
   * key: a retry, even one racing the first call, gets the same order back with `created: false`.
   * Insert first: a new checkout (the common case) costs one statement.
   */
  async create(body: CreateOrderBody, actor = 'checkout'): Promise<{ order: Order; created: boolean }> {
    const totals = orFail(computeTotals(body.lines, body.shipping ?? this.options.shippingFlatFee, body.discounts));
    const at = this.clock.now();
    const statuses: { from: OrderStatus | null; to: OrderStatus }[] = [{ from: null, to: 'PENDING' }];
    if (body.status === 'AWAITING_PAYMENT') statuses.push({ from: 'PENDING', to: 'AWAITING_PAYMENT' });
    const draft = { id: randomUUID(), checkoutId: body.checkoutId, customerId: body.customerId, email: body.email ?? null, currency: body.currency, ...totals, shippingAddress: body.shippingAddress, actor, at };
    // The order as each event shows it; the number is the database's (filled in by the insert).
    const orderAt = (n: number): Order => {
      const history = statuses.slice(0, n).map((h) => ({ from: h.from, to: h.to, reason: null, actor, at: at.toISOString() }));
      return {
        id: draft.id,
        number: formatOrderNumber(0),
        customerId: draft.customerId,
        email: draft.email,
        status: statuses[n - 1]!.to,
        currency: draft.currency,
        lines: totals.lines,
        subtotal: totals.subtotal,
        discounts: totals.discounts,
        discountTotal: totals.discountTotal,
        shipping: totals.shipping,
        total: totals.total,
        shippingAddress: draft.shippingAddress,
        cancelReason: null,
        checkoutId: draft.checkoutId,
        history,
        refunds: [],
        version: n,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
      };
    };
    const events = statuses.map((h, i) => {
      const order = orderAt(i + 1);
      const envelope =
        h.from === null
          ? createEvent(OrderCreatedV1, { aggregateId: order.id, version: order.version, payload: { order }, source: ORDERS_SOURCE })
          : createEvent(OrderStatusChangedV1, { aggregateId: order.id, version: order.version, payload: { from: h.from, to: h.to, reason: null, actor, order }, source: ORDERS_SOURCE });
      return this.outbox(envelope);
    });
    const sequence = await this.orders.create(draft, statuses, events);
    if (sequence !== null) {
      this.metrics.created.inc();
      return { order: { ...orderAt(statuses.length), number: formatOrderNumber(sequence) }, created: true };
    }
    // This checkout already has an order (a retry, or a concurrent duplicate that committed first).
    const existing = await this.orders.findByCheckoutId(body.checkoutId);
    if (!existing) throw new Error(`the order of checkout ${body.checkoutId} exists but could not be read`);
    return { order: sameCheckout(existing, body), created: false };
  }

  /**
   * Applies a status change if the state machine allows it from the order's current status.
   * The write is conditional on the version the decision was made on, in one statement with the
   * history row and the event; losing a race means deciding again on the new status.
   */
  async transition(ref: string, command: TransitionCommand): Promise<Order> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(ref, command.customerId);
      // Only an order awaiting its payment can be claimed; only there does a claim hold a change back
      // (and only then does the order say it, read with the order itself).
      const paymentClaimedAt = current.paymentClaimedAt && !command.byCheckout ? new Date(current.paymentClaimedAt) : null;
      const decision = decideTransition({ ...current, paymentClaimedAt }, command);
      if (decision.kind === 'unchanged') return current;
      if (decision.kind === 'refused') {
        this.metrics.refusedTransitions.inc({ code: decision.error.code });
        throw new Failed(decision.error);
      }
      const reason = command.reason?.trim() || null;
      const at = this.clock.now();
      // The claim is said only while the order awaits its payment (as the repository reads it).
      const { paymentClaimedAt: _claim, ...unclaimed } = current;
      const next: Order = {
        ...unclaimed,
        status: decision.to,
        version: current.version + 1,
        updatedAt: at.toISOString(),
        cancelReason: decision.to === 'CANCELLED' ? reason : current.cancelReason,
        history: [...current.history, { from: decision.from, to: decision.to, reason, actor: command.actor, at: at.toISOString() }],
      };
      const event = createEvent(OrderStatusChangedV1, {
        aggregateId: next.id,
        version: next.version,
        payload: { from: decision.from, to: decision.to, reason, actor: command.actor, order: next },
        source: ORDERS_SOURCE,
      });
      const change = { id: current.id, expectedVersion: current.version, from: decision.from, to: decision.to, reason, actor: command.actor, at };
      if (await this.orders.changeStatus(change, this.outbox(event))) {
        this.metrics.statusChanges.inc({ from: decision.from, to: decision.to });
        return next;
      }
      if (attempt >= MAX_TRANSITION_ATTEMPTS) {
        this.metrics.refusedTransitions.inc({ code: FailureCode.CONFLICT });
        throw Failed.of(FailureCode.CONFLICT, 'the order kept changing concurrently; retry', {
          expected: current.version,
          actual: current.version + 1,
        });
      }
    }
  }

  /**
   * The order's checkout claims it for its payment, at the saga's point of no return (see
   * domain/payment-claim.ts). Idempotent for the same checkout. The claim moves the order's version
   * on, so it and an admin's cancel race on the order's row: exactly one of them wins. The usual
   * claim (this checkout's order, awaiting its payment, unclaimed) is one conditional write; only
   * when that writes nothing is the order read, to answer a claim already held or say why not.
   */
  async claimPayment(id: string, checkoutId: string): Promise<OrderPaymentClaim> {
    const at = this.clock.now();
    const claimed = (order: { id: string; version: number }): OrderPaymentClaim => ({ ...order, checkoutId, status: 'AWAITING_PAYMENT', paymentClaimedAt: at.toISOString() });
    const first = await this.orders.claimPayment({ id, checkoutId, at });
    if (first) return claimed(first);
    for (let attempt = 1; ; attempt++) {
      const found = await this.orders.findWithClaim(id);
      if (!found) throw Failed.of(FailureCode.NOT_FOUND, `order ${id} not found`);
      const { order: current, paymentClaimedAt } = found;
      const decision = decideClaim({ ...current, paymentClaimedAt }, checkoutId);
      if (decision.kind === 'held') {
        return { id: current.id, checkoutId, status: current.status, version: current.version, paymentClaimedAt: (paymentClaimedAt ?? at).toISOString() };
      }
      if (decision.kind === 'refused') {
        this.metrics.refusedTransitions.inc({ code: decision.error.code });
        throw new Failed(decision.error);
      }
      // Awaiting its payment and unclaimed now: the write above raced another change.
      const next = await this.orders.claimPayment({ id: current.id, checkoutId, at });
      if (next) return claimed(next);
      if (attempt >= MAX_TRANSITION_ATTEMPTS) {
        throw Failed.of(FailureCode.CONFLICT, 'the order kept changing concurrently; retry', { expected: current.version, actual: current.version + 1 });
      }
    }
  }

  private outbox(envelope: EventEnvelope): OutboxWrite {
    return { envelope, source: ORDERS_SOURCE, notify: this.options.notifyOutbox };
  }

  /**
   * Refunds some units of a paid order (or, without lines, all that is left): records the refund
   * and emits `orders.order.refunded.v1` (payments gives the money back, inventory restocks the
   * units) in one transaction, conditional on the version it was decided on; the refund that
   * leaves nothing to refund also moves the order to REFUNDED (with its status-changed event).
   */
  async refund(ref: string, command: RefundCommand): Promise<Order> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(ref);
      if (command.idempotencyKey !== undefined && (await this.orders.findRefundByKey(current.id, command.idempotencyKey))) return current;
      // A retried full refund of an order already refunded answers it as it is.
      if (command.lines === undefined && current.status === 'REFUNDED' && command.expectedVersion === undefined) return current;
      const lines = command.lines ?? unrefundedLines(current);
      const decision = decideRefund(current, { lines, expectedVersion: command.expectedVersion });
      if (decision.kind === 'refused') {
        this.metrics.refusedTransitions.inc({ code: decision.error.code });
        throw new Failed(decision.error);
      }
      const reason = command.reason.trim();
      const at = this.clock.now();
      const refundId = randomUUID();
      const changed = await withTransaction(this.prisma, async (tx) => {
        const next = await this.orders.addRefund(tx, {
          orderId: current.id,
          expectedVersion: current.version,
          from: current.status,
          refundId,
          amount: decision.amount,
          lines: decision.lines,
          final: decision.final,
          reason,
          actor: command.actor,
          idempotencyKey: command.idempotencyKey ?? null,
          at,
        });
        if (!next) return null;
        const refund = next.refunds.find((r) => r.id === refundId)!;
        const refunded = createEvent(OrderRefundedV1, {
          aggregateId: next.id,
          version: next.version,
          payload: { refund, final: decision.final, order: next },
          source: ORDERS_SOURCE,
        });
        await appendToOutbox(tx, refunded, ORDERS_SOURCE, { notify: this.options.notifyOutbox });
        if (decision.final) {
          const statusChanged = createEvent(OrderStatusChangedV1, {
            aggregateId: next.id,
            version: next.version,
            payload: { from: current.status, to: 'REFUNDED', reason, actor: command.actor, order: next },
            source: ORDERS_SOURCE,
          });
          await appendToOutbox(tx, statusChanged, ORDERS_SOURCE, { notify: this.options.notifyOutbox });
        }
        return next;
      });
      if (changed) {
        if (decision.final) this.metrics.statusChanges.inc({ from: current.status, to: 'REFUNDED' });
        return changed;
      }
      if (attempt >= MAX_TRANSITION_ATTEMPTS) {
        throw Failed.of(FailureCode.CONFLICT, 'the order kept changing concurrently; retry', { expected: current.version, actual: current.version + 1 });
      }
    }
  }

  /** One order by id or number; with `customerId`, only that customer's (another's is not found). */
  async get(ref: string, customerId?: string): Promise<Order> {
    const order = await this.orders.find(ref, customerId);
    if (!order) throw Failed.of(FailureCode.NOT_FOUND, `order ${ref} not found`);
    return order;
  }

  /**
   * A guest's order by its number and the email given at checkout (case-insensitive). A wrong
   * number, a wrong email, or an account's order (read it signed in) are the same 404, so the
   * route tells a prober nothing. Never by id.
   */
  async lookup(numberSeq: number, email: string): Promise<Order> {
    const order = await this.orders.find(formatOrderNumber(numberSeq));
    if (!order || order.customerId !== null || order.email === null || order.email.toLowerCase() !== email.toLowerCase()) {
      throw Failed.of(FailureCode.NOT_FOUND, 'no order has this number and email');
    }
    return customerView(order);
  }

  async list(filter: OrderListFilter): Promise<OrderPage> {
    try {
      return await this.orders.list(filter);
    } catch (err) {
      if (err instanceof InvalidCursorError) throw Failed.of(FailureCode.INVALID_CURSOR, err.message);
      throw err;
    }
  }
}

/** A customer sees that an admin acted, not which one. */
export function customerView(order: Order): Order {
  return {
    ...order,
    history: order.history.map((h) => ({ ...h, actor: h.actor.split(':')[0] })),
    refunds: order.refunds.map((r) => ({ ...r, actor: r.actor.split(':')[0] })),
  };
}

/**
 * The same checkout id must mean the same checkout: a retry that names another customer or
 * other lines is a bug in the caller, not a retry, and gets 409 instead of someone else's order.
 */
function sameCheckout(order: Order, body: CreateOrderBody): Order {
  const lines = (ls: readonly { sku: string; unitPrice: number; quantity: number }[]) =>
    ls.map((l) => `${l.sku}:${l.unitPrice}x${l.quantity}`).join(',');
  const discountTotal = (body.discounts ?? []).reduce((n, d) => n + d.amount, 0);
  if (
    order.customerId !== body.customerId ||
    order.currency !== body.currency ||
    lines(order.lines) !== lines(body.lines) ||
    order.discountTotal !== discountTotal
  ) {
    throw Failed.of(FailureCode.CHECKOUT_ID_REUSED, 'an order with this checkoutId exists with another customer, currency, lines or discounts', {
      checkoutId: body.checkoutId,
      orderId: order.id,
    });
  }
  return order;
}

function orFail<T>(result: T | OrderError): T {
  if (isOrderError(result)) throw new Failed(result);
  return result;
}
