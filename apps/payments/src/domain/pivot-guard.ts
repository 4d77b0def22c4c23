import { FailureCode, type OrderStatus } from '@shop/contracts';
import type { SagaFailure } from './checkout-saga.js';

/** What the pivot needs to know of the order, as orders answers it now. */
export interface OrderAtPivot {
  status: OrderStatus;
  cancelReason: string | null;
}

/**
 * Why the saga must not take the point of no return for this order, or null when it may.
 *
 * Orders lets an admin cancel an order that awaits its payment (AWAITING_PAYMENT → CANCELLED), and
 * the saga learns of it only when it asks orders. Past the pivot nothing is undone, so a cancel
 * found at confirm_order would leave the units sold and the card authorized, waiting for an
 * operator (dead). Looked at just before the pivot, the cancel is a business failure like a
 * decline: the authorization is voided, the stock and the coupon are given back and the order
 * stays cancelled with the admin's reason. Only AWAITING_PAYMENT may go on: the order is created in
 * it (or moved there by await_payment) and nothing but a cancel moves it elsewhere before confirm_order.
 */
export function refusalAtPivot(order: OrderAtPivot): SagaFailure | null {
  if (order.status === 'AWAITING_PAYMENT') return null;
  const why = order.status === 'CANCELLED' && order.cancelReason ? ` (${order.cancelReason})` : '';
  return { code: FailureCode.ORDER_NOT_PAYABLE, reason: `the order is ${order.status}${why}, no longer awaiting its payment` };
}
