import { FailureCode, type OrderStatus } from '@shop/contracts';
import type { OrderError } from './order-errors.js';
import { refusalOfCustomerCancel } from './customer-cancel.js';
import { refusalWhileClaimed } from './payment-claim.js';

/**
 * Every status change an order may make. Anything not listed is refused (409 ILLEGAL_TRANSITION).
 *
 * - The checkout saga moves PENDING → AWAITING_PAYMENT → CONFIRMED, or cancels on the way
 *   (OUT_OF_STOCK, PAYMENT_DECLINED, ...).
 * - CONFIRMED → CANCELLED is allowed: a confirmed order that has not shipped can still be
 *   cancelled. Money was authorized or captured by then, so payments reacts to that change
 *   (from CONFIRMED) by voiding or refunding; the order does not wait for it.
 * - REFUNDED only after the customer paid (CONFIRMED or FULFILLED). It records the decision to
 *   refund; payments reacts to the event and moves the money.
 * - FULFILLED cannot be cancelled (the goods left): refund it instead.
 * - CANCELLED and REFUNDED are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['AWAITING_PAYMENT', 'CANCELLED'],
  AWAITING_PAYMENT: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['FULFILLED', 'CANCELLED', 'REFUNDED'],
  FULFILLED: ['REFUNDED'],
  CANCELLED: [],
  REFUNDED: [],
};

/** Statuses that need a reason on the way in, so the order can say why. */
const NEEDS_REASON: ReadonlySet<OrderStatus> = new Set(['CANCELLED', 'REFUNDED']);

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function isFinal(status: OrderStatus): boolean {
  return ORDER_TRANSITIONS[status].length === 0;
}

export interface TransitionRequest {
  to: OrderStatus;
  /** Compare-and-set: the status the caller believes the order is in. */
  from?: OrderStatus;
  /** Compare-and-set: the version the caller read. */
  expectedVersion?: number;
  reason?: string;
  /** The order's own checkout asks (the saga, holder of the payment claim): it may move a claimed order. */
  byCheckout?: boolean;
  /**
   * The order's customer asks (their own cancel): allowed only before it ships and before anything
   * was refunded, and not while its checkout completes the payment (409 NOT_CANCELLABLE).
   */
  byCustomer?: boolean;
}

/** The order as a transition is decided on; a claim unknown to the caller is no claim. */
export interface TransitionSubject {
  status: OrderStatus;
  version: number;
  checkoutId?: string;
  paymentClaimedAt?: Date | null;
  /** The refunds made so far (a customer may not cancel an order once any was made). */
  refunds?: readonly unknown[];
}

export type TransitionDecision =
  /** Make the change. */
  | { kind: 'apply'; from: OrderStatus; to: OrderStatus }
  /** Already there: a retried request answers the order as it is, with no new change or event. */
  | { kind: 'unchanged' }
  | { kind: 'refused'; error: OrderError };

/**
 * Decides a status change against the order as it is now. Pure: the caller makes the decision
 * stick with a write conditional on the version it decided on.
 */
export function decideTransition(current: TransitionSubject, request: TransitionRequest): TransitionDecision {
  const { status } = current;
  if (status === request.to) return { kind: 'unchanged' };
  if (request.byCustomer) {
    const notTheirs = refusalOfCustomerCancel({ status, refunds: current.refunds ?? [], paymentClaimedAt: current.paymentClaimedAt });
    if (notTheirs) return refused(notTheirs);
  }
  if (current.paymentClaimedAt && current.checkoutId !== undefined) {
    const claimed = refusalWhileClaimed({ status, checkoutId: current.checkoutId, paymentClaimedAt: current.paymentClaimedAt }, request.byCheckout === true);
    if (claimed) return refused(claimed);
  }
  if (request.from !== undefined && request.from !== status) {
    return refused({
      code: FailureCode.CONFLICT,
      message: `the order is ${status}, not ${request.from}`,
      details: { expected: request.from, actual: status },
    });
  }
  if (request.expectedVersion !== undefined && request.expectedVersion !== current.version) {
    return refused({
      code: FailureCode.CONFLICT,
      message: `the order changed since version ${request.expectedVersion} (now ${current.version}); reload and retry`,
      details: { expected: request.expectedVersion, actual: current.version },
    });
  }
  if (!canTransition(status, request.to)) {
    return refused({
      code: FailureCode.ILLEGAL_TRANSITION,
      message: `an order cannot go from ${status} to ${request.to}`,
      details: { from: status, to: request.to, allowed: [...ORDER_TRANSITIONS[status]] },
    });
  }
  if (NEEDS_REASON.has(request.to) && !request.reason?.trim()) {
    return refused({ code: FailureCode.REASON_REQUIRED, message: `a reason is required to move an order to ${request.to}`, details: { to: request.to } });
  }
  return { kind: 'apply', from: status, to: request.to };
}

function refused(error: OrderError): TransitionDecision {
  return { kind: 'refused', error };
}
