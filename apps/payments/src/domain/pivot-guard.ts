import { FailureCode, OrderNotPayableDetails, type OrderStatus } from '@shop/contracts';
import type { SagaFailure } from './checkout-saga.js';

/** What the pivot needs to know of the order, as orders answers it now. */
export interface OrderAtPivot {
  status: OrderStatus;
  cancelReason: string | null;
}

/** Orders' answer to the pivot's payment claim, as far as the decision needs it. */
export type ClaimAnswer = { kind: 'ok' } | { kind: 'refused'; code: string; message: string; details: unknown };

/**
 * Why the saga must not take the point of no return for this order, or null when it may.
 *
 * Orders lets an admin cancel an order that awaits its payment (AWAITING_PAYMENT → CANCELLED). Past
 * the pivot nothing is undone, so a cancel found at confirm_order would leave the units sold and the
 * card authorized, waiting for an operator (dead). A cancel found at the pivot is a business
 * failure like a decline: the authorization is voided, the stock and the coupon are given back and
 * the order stays cancelled with the admin's reason. Only AWAITING_PAYMENT may go on.
 */
export function refusalAtPivot(order: OrderAtPivot): SagaFailure | null {
  if (order.status === 'AWAITING_PAYMENT') return null;
  const why = order.status === 'CANCELLED' && order.cancelReason ? ` (${order.cancelReason})` : '';
  return { code: FailureCode.ORDER_NOT_PAYABLE, reason: `the order is ${order.status}${why}, no longer awaiting its payment` };
}

/**
 * The pivot's decision from orders' answer to its payment claim. The claim is a conditional write
 * in orders (not a read): once it is made, an admin's cancel is refused until the saga confirms the
 * order, so no cancel can land between this check and confirm_order. Claimed (or claimed already by
 * this checkout, a retry): go on (null). Refused because the order no longer awaits its payment: the
 * checkout fails before the pivot (ORDER_NOT_PAYABLE). Any other refusal (another checkout's order,
 * an unknown order) is a bug, thrown: the step is retried, then waits for an operator.
 */
export function refusalOfClaim(answer: ClaimAnswer): SagaFailure | null {
  if (answer.kind === 'ok') return null;
  if (answer.code !== FailureCode.ORDER_NOT_PAYABLE) throw new Error(`orders refused the payment claim: ${answer.code}: ${answer.message}`);
  const order = OrderNotPayableDetails.safeParse(answer.details);
  return (order.success ? refusalAtPivot(order.data) : null) ?? { code: FailureCode.ORDER_NOT_PAYABLE, reason: answer.message };
}

/**
 * Whether a refused claim fails the checkout. A retried pivot whose earlier attempt committed the
 * reservation (its answer lost) has made the sale: the stock of a committed reservation cannot be
 * given back, so the pivot goes on and the order's state is left to confirm_order and an operator.
 * Only a saga that crossed from the read-only check of earlier versions can meet this: a claimed
 * order cannot be cancelled by an admin.
 */
export function failsAtPivot(refusal: SagaFailure | null, earlier: { retry: boolean; reservationCommitted: boolean }): SagaFailure | null {
  if (!refusal) return null;
  if (earlier.retry && earlier.reservationCommitted) return null;
  return refusal;
}
