import { customerCancelBlock, type Order } from '@shop/contracts';
import { FailureCode } from '@shop/contracts/failure';
import { formatMinorUnits } from '@shop/ui';
import type { PaymentStage } from './order-payment';
import { cancelPaymentText } from './order-status';

type Cancellable = Pick<Order, 'status' | 'refunds' | 'paymentClaimedAt'>;

/** Whether the shopper may cancel the order themselves: the orders service's own rule (before it ships, nothing refunded). */
export function canCancelOrder(order: Cancellable): boolean {
  return customerCancelBlock(order) === null;
}

const NOT_CHARGED_YET = 'Nothing has been charged yet; any hold on your card for this order is released.';

/**
 * What the confirmation step says will happen to the money. A confirmed order's payment was
 * authorised, and is captured a moment later: payments refunds a captured payment and voids one
 * only held (`payment`, from the checkout). An order not confirmed yet was not charged.
 */
export function cancelMoneyText(order: Pick<Order, 'status' | 'total' | 'currency'>, payment: PaymentStage): string {
  if (order.status !== 'CONFIRMED') return NOT_CHARGED_YET;
  const money = formatMinorUnits(order.total, order.currency);
  switch (payment) {
    case 'captured':
      return `The ${money} you paid will be refunded to the card you paid with.`;
    case 'authorised':
      return `Nothing has been charged yet: the ${money} held on your card for this order is released.`;
    case 'none':
      return NOT_CHARGED_YET;
    case 'unknown':
      return `If your card has been charged, the ${money} will be refunded to it; if the payment is only held, the hold is released.`;
  }
}

/**
 * What the shopper reads once the order is cancelled. Payments refunds the capture of a confirmed
 * order, or voids its authorisation when it was not captured (`payment`); an order cancelled
 * before its confirmation was never charged (its checkout releases the authorisation).
 */
export function cancelledText(order: Pick<Order, 'status' | 'total' | 'refunds' | 'history' | 'currency'>, payment: PaymentStage): string {
  const money = cancelPaymentText(order, payment);
  return `Your order is cancelled. ${money ?? 'Nothing was charged; if your bank shows a pending payment for it, that hold is released.'}`;
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
