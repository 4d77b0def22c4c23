import { FailureCode } from '@shop/contracts';
import type { OrdersClient } from '../../adapters/orders-client.js';
import { failed, required, SAGA_ACTOR, succeeded, type SagaStep } from '../saga-step.js';

/** AWAITING_PAYMENT → CONFIRMED (compare-and-set). After the pivot: retried, never undone. */
export function confirmOrderStep(deps: { orders: OrdersClient }): SagaStep {
  return {
    async invoke(checkout) {
      const answer = await deps.orders.transition(required(checkout.orderId, 'order'), { to: 'CONFIRMED', from: 'AWAITING_PAYMENT', actor: SAGA_ACTOR });
      if (answer.kind === 'ok') return succeeded();
      return failed(FailureCode.ORDER_NOT_CONFIRMABLE, `${answer.code}: ${answer.message}`);
    },
  };
}
