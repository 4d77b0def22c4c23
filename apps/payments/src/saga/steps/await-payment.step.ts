import { FailureCode } from '@shop/contracts';
import type { Orders } from '../../application/upstreams.js';
import { failed, required, SAGA_ACTOR, succeeded, type SagaStep } from '../saga-step.js';

/**
 * Move the order PENDING → AWAITING_PAYMENT (compare-and-set on `from`). An order create_order saw
 * created (or already) AWAITING_PAYMENT needs no call; one created PENDING (by a checkout from
 * before orders were created ready for payment) is moved. Nothing of its own to undo: cancelling
 * the order (create_order's compensation) covers it.
 */
export function awaitPaymentStep(deps: { orders: Orders }): SagaStep {
  return {
    async invoke(checkout) {
      if (checkout.orderStatus === 'AWAITING_PAYMENT') return succeeded();
      const orderId = required(checkout.orderId, 'order');
      const answer = await deps.orders.transition(orderId, { to: 'AWAITING_PAYMENT', from: 'PENDING', actor: SAGA_ACTOR });
      if (answer.kind === 'ok') return succeeded();
      // Someone (an admin) moved the order meanwhile, e.g. cancelled it.
      return failed(FailureCode.ORDER_NOT_PAYABLE, `${answer.code}: ${answer.message}`);
    },
  };
}
