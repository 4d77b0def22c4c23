import { FailureCode } from '@shop/contracts';
import type { Orders, StockReservations } from '../../application/upstreams.js';
import { failsAtPivot, refusalOfClaim } from '../../domain/pivot-guard.js';
import { failed, required, succeeded, type SagaStep } from '../saga-step.js';

/**
 * The point of no return: commit the reservation (the units are sold). First it claims the order
 * for this checkout's payment in orders (a conditional write, idempotent for the checkout): from
 * then on an admin cannot cancel the order until confirm_order has confirmed it, so no cancel can
 * leave the saga dead past the pivot. An order an admin cancelled before the claim fails the
 * checkout here, before the pivot — the payment is voided, the stock and the coupon given back
 * (ORDER_NOT_PAYABLE; the order keeps the admin's reason). If the checkout fails before the pivot
 * after claiming (an expired reservation: CHECKOUT_EXPIRED), create_order's compensation cancels the
 * claimed order itself. No compensation: after this the saga only moves forward.
 */
export function commitStockStep(deps: { inventory: StockReservations; orders: Orders }): SagaStep {
  return {
    async invoke(checkout) {
      const reservationId = required(checkout.reservationId, 'reservation');
      const orderId = required(checkout.orderId, 'order');
      const refusal = refusalOfClaim(await deps.orders.claimPayment(orderId, checkout.id));
      if (refusal) {
        // An earlier attempt may have committed already (its answer lost): then the sale is made.
        const retry = checkout.stepAttempts > 1;
        const reservationCommitted = retry && (await deps.inventory.reservation(reservationId))?.status === 'committed';
        const failure = failsAtPivot(refusal, { retry, reservationCommitted });
        if (failure) return failed(failure.code, failure.reason);
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
