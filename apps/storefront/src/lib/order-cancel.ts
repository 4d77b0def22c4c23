import { customerCancelBlock, type Order } from '@shop/contracts';
import { FailureCode } from '@shop/contracts/failure';
import { formatMinorUnits } from '@shop/ui';
import { cancelRefundText } from './order-status';

type Cancellable = Pick<Order, 'status' | 'refunds' | 'paymentClaimedAt'>;

/** Whether the shopper may cancel the order themselves: the orders service's own rule (before it ships, nothing refunded). */
export function canCancelOrder(order: Cancellable): boolean {
  return customerCancelBlock(order) === null;
}

/** What the confirmation step says will happen to the money: a confirmed order was paid, an earlier one was not charged. */
export function cancelMoneyText(order: Pick<Order, 'status' | 'total' | 'currency'>): string {
  if (order.status === 'CONFIRMED') return `The ${formatMinorUnits(order.total, order.currency)} you paid will be refunded to the card you paid with.`;
  return 'Nothing has been charged yet; any hold on your card for this order is released.';
}

/**
 * What the shopper reads once the order is cancelled. Payments voids the authorization or refunds
 * the capture of a confirmed order; an order cancelled before its confirmation was never charged
 * (its checkout releases the authorization).
 */
export function cancelledText(order: Pick<Order, 'status' | 'total' | 'refunds' | 'history' | 'currency'>): string {
  const refund = cancelRefundText(order);
  return `Your order is cancelled. ${refund ?? 'Nothing was charged; if your bank shows a pending payment for it, that hold is released.'}`;
}

export interface CancelRefusal {
  /** The message under the form. */
  message: string;
  /** A word about the reason field, when the shop refused what was typed there. */
  reason?: string;
}

const WHY: Record<string, string> = {
  SHIPPED: 'This order has already shipped, so it can no longer be cancelled. Contact us if you would like to return it.',
  REFUNDED: 'This order was refunded, so there is nothing left to cancel.',
  PARTLY_REFUNDED: 'Part of this order was already refunded, so it cannot be cancelled online. Please contact us.',
  PAYMENT_IN_PROGRESS: 'Your payment is being completed right now. Please try again in a moment.',
  CANCELLED: 'This order is already cancelled.',
};

/** The route handler's refusal of a cancel, in a shopper's words (the API's are written for developers). */
export function cancelRefusal(status: number, body: unknown): CancelRefusal {
  const error = (body as { error?: { code?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : null;
  if (code === FailureCode.NOT_CANCELLABLE) {
    const why = (error?.details as { why?: unknown } | undefined)?.why;
    return { message: (typeof why === 'string' && WHY[why]) || 'This order can no longer be cancelled online. Please contact us.' };
  }
  if (code === FailureCode.CONFLICT) return { message: 'This order changed while you were looking at it. Check it as it is now and try again.' };
  if (status === 401) return { message: 'Your session has ended. Please sign in again to cancel this order.' };
  if (status === 404) return { message: 'This order could not be found in your account.' };
  if (status === 429) return { message: 'Too many tries in a row. Please wait a moment and try again.' };
  if (status === 400) {
    const fields = Array.isArray(error?.details) ? (error.details as { field?: unknown }[]).map((d) => d.field) : [];
    if (fields.includes('reason')) return { message: 'Please check the reason.', reason: 'Keep the reason under 500 characters.' };
  }
  return { message: 'The order could not be cancelled right now. Please try again in a moment.' };
}
