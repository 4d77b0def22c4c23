import type { OrderStatus } from '@shop/contracts';

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
  // A customer who cancelled their own order: the order page already names its customer.
  if (actor.startsWith('customer:')) return 'the customer';
  if (!actor.startsWith('admin:')) return actor;
  const email = adminEmails.get(actor.slice('admin:'.length));
  return email ? `admin ${email}` : 'an admin';
}

