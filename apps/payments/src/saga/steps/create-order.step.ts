import { FailureCode } from '@shop/contracts';
import type { Orders } from '../../application/upstreams.js';
import type { CheckoutRecord } from '../../domain/checkout.js';
import { orderCustomerOf } from '../../domain/guest-checkout.js';
import { chargedTotal } from '../../domain/checkout-quote.js';
import { compensated, failed, required, SAGA_ACTOR, succeeded, type SagaStep } from '../saga-step.js';

/**
 * Create the order (AWAITING_PAYMENT, which await_payment would move it to) from the locked quote — its lines, discounts and shipping, so the
 * order's total is the quote's total (checked: the payment charges it); the checkout id is its idempotency key, so a
 * retry gets the same order. Undone by cancelling it with the saga's failure code as the reason
 * (OUT_OF_STOCK, PAYMENT_DECLINED, ...). When the creation's answer was lost, the compensation
 * creates again with the same checkout id to learn the order, then cancels it.
 */
export function createOrderStep(deps: { orders: Orders }): SagaStep {
  const create = (checkout: CheckoutRecord) => {
    const quote = required(checkout.quote, 'quote');
    return deps.orders.create({
      checkoutId: checkout.id,
      customerId: orderCustomerOf(checkout),
      ...(checkout.email ? { email: checkout.email } : {}),
      currency: quote.currency,
      lines: quote.lines,
      shippingAddress: checkout.shippingAddress,
      // Created ready for payment: await_payment then has no call to make.
      status: 'AWAITING_PAYMENT',
      // The quote's shipping and discounts: the order totals exactly what pricing quoted.
      ...(quote.shipping !== undefined ? { shipping: quote.shipping } : {}),
      ...(quote.discounts ? { discounts: quote.discounts, discountTotal: quote.discountTotal ?? quote.discounts.reduce((n, d) => n + d.amount, 0) } : {}),
    });
  };
  return {
    async invoke(checkout) {
      const answer = await create(checkout);
      if (answer.kind === 'refused') return failed(FailureCode.ORDER_REFUSED, `${answer.code}: ${answer.message}`);
      const quoted = chargedTotal(required(checkout.quote, 'quote'));
      if (quoted !== null && answer.order.total !== quoted) {
        // Never charge another amount than the quote: the order is cancelled by the compensation.
        return failed(FailureCode.ORDER_REFUSED, `the order totals ${answer.order.total}, the quote ${quoted}`, 'unknown', { patch: { orderId: answer.order.id } });
      }
      return succeeded({ patch: { orderId: answer.order.id, orderNumber: answer.order.number, orderStatus: answer.order.status, amount: answer.order.total } });
    },

    async compensate(checkout) {
      let orderId = checkout.orderId;
      if (!orderId) {
        if (!checkout.quote) return compensated(); // never got as far as asking for an order
        const answer = await create(checkout);
        if (answer.kind === 'refused') return compensated(); // no order exists for this checkout
        orderId = answer.order.id;
      }
      const reason = checkout.failureCode ?? FailureCode.CHECKOUT_CANCELLED;
      const answer = await deps.orders.transition(orderId, { to: 'CANCELLED', reason, actor: SAGA_ACTOR });
      if (answer.kind === 'ok' || answer.code === FailureCode.NOT_FOUND) return compensated({ patch: { orderId } });
      // A shipped or refunded order is not ours to cancel any more: retried, then an admin decides.
      throw new Error(`the order refused to be cancelled: ${answer.code}: ${answer.message}`);
    },
  };
}
