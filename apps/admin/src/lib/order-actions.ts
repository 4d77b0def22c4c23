import type { Order, OrderStatus } from '@shop/contracts';

export type OrderAction = 'cancel' | 'refund' | 'fulfil';

/**
 * The admin actions worth offering for an order in `status` (the orders service's state machine
 * decides for real and refuses the others with ILLEGAL_TRANSITION). `paymentInProgress`: its
 * checkout is completing the payment (`paymentClaimedAt`), when orders refuses a cancel.
 */
export function orderActionsFor(status: OrderStatus, paymentInProgress = false): OrderAction[] {
  switch (status) {
    case 'PENDING':
      return ['cancel'];
    case 'AWAITING_PAYMENT':
      return paymentInProgress ? [] : ['cancel'];
    case 'CONFIRMED':
      return ['fulfil', 'refund', 'cancel'];
    case 'FULFILLED':
      return ['refund'];
    case 'CANCELLED':
    case 'REFUNDED':
      return [];
  }
}

export const ORDER_STATUSES: readonly OrderStatus[] = ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'FULFILLED', 'CANCELLED', 'REFUNDED'];

/** "AWAITING_PAYMENT" → "Awaiting payment". */
export function statusLabel(status: string): string {
  const words = status.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The admin ids in actors such as "admin:<user id>" (the orders service records who acted). */
export function adminIdsOf(actors: readonly string[]): string[] {
  return [...new Set(actors.filter((a) => a.startsWith('admin:')).map((a) => a.slice('admin:'.length)))];
}

/** Who acted, in words: an admin by their email when it could be read (else "an admin"), "checkout" and the like as recorded. */
export function actorLabel(actor: string, adminEmails: ReadonlyMap<string, string>): string {
  if (!actor.startsWith('admin:')) return actor;
  const email = adminEmails.get(actor.slice('admin:'.length));
  return email ? `admin ${email}` : 'an admin';
}

/**
 * What went back to the customer when a paid order was cancelled (a CONFIRMED or FULFILLED order's
 * cancel refunds the rest of its payment, recorded as the status change, not as a refund line):
 * the total less the refunds before it; null when the order was never paid or not cancelled.
 */
export function refundedOnCancel(order: Pick<Order, 'status' | 'total' | 'refunds' | 'history'>): number | null {
  if (order.status !== 'CANCELLED') return null;
  const paidThenCancelled = order.history.some((h) => h.to === 'CANCELLED' && (h.from === 'CONFIRMED' || h.from === 'FULFILLED'));
  if (!paidThenCancelled) return null;
  return order.total - order.refunds.reduce((n, r) => n + r.amount, 0);
}
