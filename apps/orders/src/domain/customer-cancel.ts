import { customerCancelBlock, FailureCode, type CustomerCancelBlock, type OrderStatus } from '@shop/contracts';
import type { OrderError } from './order-errors.js';

/** The order as a customer's own cancel is decided on. */
export interface CustomerCancelSubject {
  status: OrderStatus;
  refunds: readonly unknown[];
  paymentClaimedAt?: Date | string | null;
}

/** What the customer reads, per reason (the storefront says it in its own words too). */
const MESSAGES: Record<CustomerCancelBlock, string> = {
  SHIPPED: 'this order has shipped and can no longer be cancelled; ask the shop for a return instead',
  REFUNDED: 'this order was refunded and can no longer be cancelled',
  PARTLY_REFUNDED: 'part of this order was refunded already, so it cannot be cancelled online; please contact the shop',
  PAYMENT_IN_PROGRESS: 'the payment of this order is being completed; try again in a moment',
  CANCELLED: 'this order is cancelled already',
};

/**
 * Whether a signed-in customer may cancel their own order: before it ships and before anything was
 * refunded (the rule, `customerCancelBlock`, is shared with the storefront). A refusal is 409
 * NOT_CANCELLABLE naming why; null lets the cancel go on to the state machine's own checks.
 */
export function refusalOfCustomerCancel(order: CustomerCancelSubject): OrderError | null {
  const why = customerCancelBlock(order);
  if (why === null) return null;
  return { code: FailureCode.NOT_CANCELLABLE, message: MESSAGES[why], details: { status: order.status, why } };
}
