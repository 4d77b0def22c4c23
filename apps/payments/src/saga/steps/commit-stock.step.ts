import { FailureCode } from '@shop/contracts';
import type { Orders, StockReservations } from '../../application/upstreams.js';
import { refusalAtPivot } from '../../domain/pivot-guard.js';
import { failed, required, succeeded, type SagaStep } from '../saga-step.js';

/**
 * The point of no return: commit the reservation (the units are sold). First it asks orders
 * whether the order still awaits its payment: an admin may have cancelled it while the card was
 * being authorized, and such a checkout fails here, before the pivot — the payment is voided, the
 * stock and the coupon given back (ORDER_NOT_PAYABLE; the order keeps the admin's reason). A
 * reservation that is no longer held (it expired while the saga waited) fails the checkout the
 * same way (CHECKOUT_EXPIRED). No compensation: after this the saga only moves forward.
 */
export function commitStockStep(deps: { inventory: StockReservations; orders: Orders }): SagaStep {
  return {
    async invoke(checkout) {
      const reservationId = required(checkout.reservationId, 'reservation');
      const orderId = required(checkout.orderId, 'order');
      const order = await deps.orders.get(orderId);
      if (!order) throw new Error(`orders does not know the checkout's order ${orderId}`); // a bug: retried, then dead
      const refusal = refusalAtPivot(order);
      if (refusal) {
        // An earlier attempt may have committed already (its answer lost): then the sale is made
        // and the pivot goes on; the stock of a committed reservation cannot be released.
        const committedBefore = checkout.stepAttempts > 1 && (await deps.inventory.reservation(reservationId))?.status === 'committed';
        if (!committedBefore) return failed(refusal.code, refusal.reason);
      }
      const answer = await deps.inventory.commit(reservationId);
      if (answer.kind === 'finished') {
        if (answer.outcome.status === 'committed') return succeeded();
        return failed(FailureCode.CHECKOUT_EXPIRED, `the reservation is ${answer.outcome.status}`);
      }
      if (answer.code === FailureCode.RESERVATION_NOT_HELD || answer.code === FailureCode.NOT_FOUND) return failed(FailureCode.CHECKOUT_EXPIRED, `${answer.code}: ${answer.message}`);
      throw new Error(`inventory refused the commit: ${answer.code}: ${answer.message}`);
    },
  };
}
