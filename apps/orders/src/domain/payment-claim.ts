import { FailureCode, type OrderStatus } from '@shop/contracts';
import type { OrderError } from './order-errors.js';

/**
 * The checkout saga's claim on its order's payment. At its point of no return (commit_stock) the
 * saga claims the order it created instead of reading it: a write conditional on the order still
 * awaiting its payment, racing an admin's cancel on the order's version. Exactly one of them wins:
 * - the claim first: the order stays AWAITING_PAYMENT, claimed; an admin's cancel is refused
 *   (ORDER_PAYMENT_IN_PROGRESS) until the saga confirms the order, after which a cancel goes the
 *   way of any paid order (payments voids or refunds). If the saga fails before the pivot after
 *   claiming, its compensation cancels the order itself (as the claim's holder), so no order is
 *   left claimed by a checkout that gave up;
 * - the cancel first: the claim is refused (ORDER_NOT_PAYABLE) and the saga undoes everything.
 */
export interface ClaimableOrder {
  status: OrderStatus;
  checkoutId: string;
  cancelReason: string | null;
  paymentClaimedAt: Date | null;
}

export type ClaimDecision =
  /** Write the claim (conditional on the version this was decided on). */
  | { kind: 'claim' }
  /** This checkout claimed it already (a retried step): answer the order as it is. */
  | { kind: 'held' }
  | { kind: 'refused'; error: OrderError };

export function decideClaim(order: ClaimableOrder, checkoutId: string): ClaimDecision {
  if (order.checkoutId !== checkoutId) {
    return { kind: 'refused', error: { code: FailureCode.CONFLICT, message: `the order belongs to checkout ${order.checkoutId}, not ${checkoutId}`, details: { expected: checkoutId, actual: order.checkoutId } } };
  }
  const claimed = order.paymentClaimedAt !== null;
  if (order.status === 'AWAITING_PAYMENT') return claimed ? { kind: 'held' } : { kind: 'claim' };
  // A retry of a claim that went on to its confirmation: still this checkout's, and paid.
  if (order.status === 'CONFIRMED' && claimed) return { kind: 'held' };
  const why = order.status === 'CANCELLED' && order.cancelReason ? ` (${order.cancelReason})` : '';
  return {
    kind: 'refused',
    error: {
      code: FailureCode.ORDER_NOT_PAYABLE,
      message: `the order is ${order.status}${why}, no longer awaiting its payment`,
      details: { status: order.status, cancelReason: order.cancelReason },
    },
  };
}

/**
 * Whether a status change must wait for the claim's holder. Only the order's checkout (the saga,
 * through the internal API) moves a claimed order that awaits its payment: to CONFIRMED, or to
 * CANCELLED as its compensation. Anyone else is refused, with a message an admin can act on.
 */
export function refusalWhileClaimed(order: { status: OrderStatus; checkoutId: string; paymentClaimedAt: Date | null }, byCheckout: boolean): OrderError | null {
  if (byCheckout || order.status !== 'AWAITING_PAYMENT' || order.paymentClaimedAt === null) return null;
  return {
    code: FailureCode.ORDER_PAYMENT_IN_PROGRESS,
    message:
      'the payment of this order is being completed and it cannot be cancelled now; once it is confirmed (in a moment), cancel it again and the payment is refunded',
    details: { checkoutId: order.checkoutId, claimedAt: order.paymentClaimedAt.toISOString() },
  };
}
