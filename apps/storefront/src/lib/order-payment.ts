import { refundedOnCancel, type CheckoutView, type Order } from '@shop/contracts';

/**
 * How far the order's payment went, as its checkout (the payments saga, `GET /api/checkouts/:id`)
 * says: `captured` (the money was taken: a cancel refunds it), `authorised` (only held on the card:
 * a cancel voids the authorisation, nothing is charged), `none` (never authorised), or `unknown`
 * (the checkout cannot be read: a guest's order, an order without a checkout, payments away).
 * The saga authorises, confirms the order, then captures: a confirmed order may not be charged yet.
 */
export type PaymentStage = 'captured' | 'authorised' | 'none' | 'unknown';

/** The stage from the checkout's steps; null (not readable) is `unknown`. */
export function paymentStageOf(checkout: Pick<CheckoutView, 'steps'> | null): PaymentStage {
  if (!checkout) return 'unknown';
  const status = (step: CheckoutView['steps'][number]['step']) => checkout.steps.find((s) => s.step === step)?.status;
  if (status('capture_payment') === 'succeeded') return 'captured';
  if (status('authorize_payment') === 'succeeded') return 'authorised';
  return 'none';
}

/**
 * Whether the words on the order's page depend on the stage, so it is worth reading the checkout:
 * a confirmed order (its cancel says what happens to the money) or one cancelled after it was paid.
 */
export function paymentStageMatters(order: Pick<Order, 'status' | 'total' | 'refunds' | 'history'>): boolean {
  return order.status === 'CONFIRMED' || refundedOnCancel(order) !== null;
}
