import { FailureCode } from '@shop/contracts';
import type { InventoryClient } from '../../adapters/inventory-client.js';
import { failed, required, succeeded, type SagaStep } from '../saga-step.js';

/**
 * The point of no return: commit the reservation (the units are sold). A reservation that is no
 * longer held (it expired while the saga waited) fails the checkout — the payment is voided and
 * the order cancelled (CHECKOUT_EXPIRED). No compensation: after this the saga only moves forward.
 */
export function commitStockStep(deps: { inventory: InventoryClient }): SagaStep {
  return {
    async invoke(checkout) {
      const answer = await deps.inventory.commit(required(checkout.reservationId, 'reservation'));
      if (answer.kind === 'finished') {
        if (answer.outcome.status === 'committed') return succeeded();
        return failed(FailureCode.CHECKOUT_EXPIRED, `the reservation is ${answer.outcome.status}`);
      }
      if (answer.code === FailureCode.RESERVATION_NOT_HELD || answer.code === FailureCode.NOT_FOUND) return failed(FailureCode.CHECKOUT_EXPIRED, `${answer.code}: ${answer.message}`);
      throw new Error(`inventory refused the commit: ${answer.code}: ${answer.message}`);
    },
  };
}
