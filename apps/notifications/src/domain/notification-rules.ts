import { MARKETING_TEMPLATES, type NotificationTemplate, type OrderStatus } from '@shop/contracts';

/**
 * The order mail a status change calls for, or null (PENDING, AWAITING_PAYMENT: nothing to say;
 * REFUNDED: each refund, partial or the last, has its own event and mail, see order-mails.consumer).
 */
export type OrderTemplate = 'order-confirmed' | 'order-cancelled' | 'order-shipped';

export function orderTemplateFor(to: OrderStatus): OrderTemplate | null {
  switch (to) {
    case 'CONFIRMED':
      return 'order-confirmed';
    case 'CANCELLED':
      return 'order-cancelled';
    case 'FULFILLED':
      return 'order-shipped';
    default:
      return null;
  }
}

const CANCEL_REASONS: Record<string, string> = {
  OUT_OF_STOCK: 'some items ran out of stock before payment',
  PAYMENT_DECLINED: 'the payment was declined',
  PAYMENT_FAILED: 'the payment could not be completed',
  PRICE_CHANGED: 'a price changed during checkout',
  CHECKOUT_EXPIRED: 'the checkout expired before it was paid',
  CUSTOMER_REQUEST: 'you asked us to cancel it',
};

/** A cancel reason in words: the checkout's codes are translated, an admin's own words kept. */
export function cancelReasonInWords(reason: string | null): string {
  if (!reason) return 'no reason was given';
  return CANCEL_REASONS[reason] ?? reason;
}

/**
 * Back in stock: a stock change that took a SKU's available units from none to some. `delta`
 * moves on-hand, and available moves with it, so the level before was available − delta.
 */
export function isBackInStock(change: { available: number; delta: number }): boolean {
  return change.available > 0 && change.available - change.delta <= 0;
}

export function isMarketing(template: NotificationTemplate): boolean {
  return MARKETING_TEMPLATES.includes(template);
}

/**
 * A sent password reset mail's body is not kept: its link is a key to the account until it
 * expires, and whoever reads the table must not hold one. Other mails stay as sent.
 */
export function keepsBodyAfterSending(template: string): boolean {
  return template !== 'password-reset';
}

/** What is known about where a mail may go, gathered before deciding. */
export interface RecipientFacts {
  template: NotificationTemplate;
  /** The address the event named (an order's email), if any. */
  eventEmail: string | null;
  /** The account's address and state, when the mail is for an account that was found. */
  account: { email: string; disabled: boolean } | null;
  /** The event named an account (customerId) but it was not found (deleted). */
  accountMissing: boolean;
  /** The address followed an unsubscribe link. */
  optedOut: (email: string) => boolean;
}

export type RecipientDecision = { send: true; recipient: string } | { send: false; recipient: string; reason: string };

/**
 * Where a mail goes, or why it is not sent. The event's address wins (a guest order's, or the one
 * given at checkout); otherwise the account's. A disabled account gets nothing, a marketing mail
 * is not sent to an address that unsubscribed, and transactional mails ignore the opt-out.
 */
export function decideRecipient(facts: RecipientFacts): RecipientDecision {
  const recipient = (facts.eventEmail ?? facts.account?.email ?? '').trim().toLowerCase();
  if (facts.account?.disabled) return { send: false, recipient, reason: 'the account is disabled' };
  if (recipient === '') return { send: false, recipient, reason: facts.accountMissing ? 'the account no longer exists and the event has no email' : 'the event has no email address' };
  if (isMarketing(facts.template) && facts.optedOut(recipient)) return { send: false, recipient, reason: 'the recipient unsubscribed from marketing emails' };
  return { send: true, recipient };
}

/**
 * Exponential backoff between send attempts: base, 2×base, 4×base… (BullMQ's "exponential"
 * strategy computes the same); the job is dead-lettered after `maxAttempts`.
 */
export function isLastAttempt(attemptsMade: number, maxAttempts: number): boolean {
  return attemptsMade >= maxAttempts;
}
