import { CUSTOMER_CANCEL_REASON, refundedOnCancel, type Order, type OrderStatus } from '@shop/contracts';
import { formatMinorUnits } from '@shop/ui';
import type { PaymentStage } from './order-payment';

/** Statuses after which a checkout has settled: nothing to wait for. */
const SETTLED: readonly OrderStatus[] = ['CONFIRMED', 'FULFILLED', 'CANCELLED', 'REFUNDED'];

export function isSettled(status: OrderStatus): boolean {
  return SETTLED.includes(status);
}

/**
 * A checkout that ended before any money was taken: the saga captures the payment only after it
 * confirmed the order, so an order cancelled without ever being confirmed was never charged (and
 * its cart was never emptied). One cancelled after its confirmation was (an admin's cancel).
 */
export function cancelledBeforeCharge(order: Pick<Order, 'status' | 'history'>): boolean {
  return order.status === 'CANCELLED' && !order.history.some((h) => h.to === 'CONFIRMED');
}

/**
 * What a shopper reads about their money on an order cancelled after it was confirmed (paid for):
 * payments refunds what it captured, or voids the authorisation when the capture had not happened
 * yet (then nothing was charged; the hold on the card is released). `payment` says which
 * (`paymentStageOf`); when it cannot be known (a guest's order) both are said. Null when the order
 * was never confirmed (nothing was charged), nothing is left to give back, or it is not cancelled.
 */
export function cancelPaymentText(order: Pick<Order, 'status' | 'total' | 'refunds' | 'history' | 'currency'>, payment: PaymentStage): string | null {
  const refund = refundedOnCancel(order);
  if (refund === null || refund <= 0) return null;
  const money = formatMinorUnits(refund, order.currency);
  switch (payment) {
    case 'captured':
      return `The ${money} you paid is being refunded to the card you paid with.`;
    case 'authorised':
      return `Nothing was charged: the ${money} held on your card is released. Your bank may take a few days to remove the hold.`;
    case 'none':
      return 'Nothing was charged.';
    case 'unknown':
      return `If your card was charged, the ${money} is being refunded to it; if the payment was only held, the hold is released.`;
  }
}

type Lines = { lines: readonly { sku: string; quantity: number }[] };

/**
 * The cart still holds every line a confirmed order bought: the saga's last step, which takes them
 * out (after the capture, as a job), has not run yet, so the header's count is about to drop.
 */
export function cartAwaitsClearing(order: Pick<Order, 'status'> & Lines, cart: Lines | null): boolean {
  if (order.status !== 'CONFIRMED' || !cart) return false;
  return order.lines.every((bought) => cart.lines.some((l) => l.sku === bought.sku && l.quantity >= bought.quantity));
}

export const STATUS_LABEL: Record<OrderStatus, string> = {
  PENDING: 'Pending',
  AWAITING_PAYMENT: 'Awaiting payment',
  CONFIRMED: 'Confirmed',
  FULFILLED: 'Shipped',
  CANCELLED: 'Cancelled',
  REFUNDED: 'Refunded',
};

export type StatusTone = 'waiting' | 'good' | 'bad' | 'neutral';

export const STATUS_TONE: Record<OrderStatus, StatusTone> = {
  PENDING: 'waiting',
  AWAITING_PAYMENT: 'waiting',
  CONFIRMED: 'good',
  FULFILLED: 'good',
  CANCELLED: 'bad',
  REFUNDED: 'neutral',
};

/** Cancel reasons the checkout saga writes as codes, in a shopper's words; free text passes through. */
const REASONS: Record<string, string> = {
  OUT_OF_STOCK: 'Some items went out of stock before we could reserve them.',
  LIMIT_EXCEEDED: 'The order exceeded the per-customer limit of a sale item.',
  PAYMENT_DECLINED: 'Your card was declined. No money was taken.',
  PAYMENT_FAILED: 'The payment could not be completed. No money was taken.',
  PRICE_CHANGED: 'A price changed during checkout.',
  CHECKOUT_EXPIRED: 'The checkout took too long and expired.',
  CHECKOUT_ABANDONED: 'The checkout was abandoned.',
  CUSTOMER_REQUEST: 'Cancelled at your request.',
  // What the orders service records when a customer cancels without giving a reason.
  [CUSTOMER_CANCEL_REASON]: 'Cancelled at your request.',
  CANCELLED_BY_ADMIN: 'Cancelled by the shop.',
};

export function describeCancelReason(reason: string | null): string | null {
  if (!reason) return null;
  return REASONS[reason] ?? reason;
}

/** The order was cancelled because the card was declined or the payment failed: the shopper may try another card. */
export function isPaymentRefusal(reason: string | null): boolean {
  return reason === 'PAYMENT_DECLINED' || reason === 'PAYMENT_FAILED';
}

/** Where a shopper whose payment just failed tries again: the sale of a Buy now (`?back=/sales/<id>`), else their cart. Never anywhere else. */
export function retryLink(back: string | string[] | undefined): { href: string; label: string } {
  return typeof back === 'string' && /^\/sales\/[0-9a-f-]{36}$/i.test(back) ? { href: back, label: 'Back to the sale' } : { href: '/cart', label: 'Back to your cart' };
}
