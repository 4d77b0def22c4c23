import { FailureCode } from '@shop/contracts';
import type { StockReservations } from '../../application/upstreams.js';
import { shopperOf } from '../../domain/guest-checkout.js';
import { limitKeysOf } from '../../domain/purchase-identity.js';
import type { CheckoutRecord } from '../../domain/checkout.js';
import { compensated, failed, required, succeeded, type SagaStep } from '../saga-step.js';

/**
 * Reserve the quote's stock, all or nothing, with Idempotency-Key = the checkout id (a retry gets
 * the same reservation). Undone by releasing it. When the reservation's answer was lost, the
 * compensation reserves again with the same key to learn its id (or that nothing is held).
 */
export function reserveStockStep(deps: { inventory: StockReservations; ttlSeconds: number; cardFingerprint: (token: string) => string }): SagaStep {
  const reserve = (checkout: CheckoutRecord) => {
    const quote = required(checkout.quote, 'quote');
    return deps.inventory.reserve(
      {
        items: quote.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
        customerId: shopperOf(checkout),
        ttlSeconds: deps.ttlSeconds,
        // Sale limits count the shipping address and the card too, not only the account.
        limitKeys: limitKeysOf(checkout.shippingAddress, deps.cardFingerprint(checkout.paymentToken)),
        // The shopper's own hold becomes this reservation atomically (the quote put its SKU first, so it routes there).
        ...(checkout.replacesReservationId ? { replaces: checkout.replacesReservationId } : {}),
      },
      checkout.id,
    );
  };
  return {
    async invoke(checkout) {
      const answer = await reserve(checkout);
      if (answer.kind === 'reserved') return succeeded({ patch: { reservationId: answer.reservation.reservationId } });
      const detail = `${answer.code}: ${answer.message}${Array.isArray(answer.details) ? ` (${answer.details.join(', ')})` : ''}`;
      // An unknown SKU has no stock record: for the shopper that is out of stock.
      if (answer.code === FailureCode.OUT_OF_STOCK || answer.code === FailureCode.NOT_FOUND) return failed(FailureCode.OUT_OF_STOCK, detail);
      if (answer.code === FailureCode.LIMIT_EXCEEDED) return failed(FailureCode.LIMIT_EXCEEDED, detail);
      if (answer.code === FailureCode.SKU_UNAVAILABLE) return failed(FailureCode.SKU_UNAVAILABLE, detail);
      // A replaced reservation that is no longer the customer's held one (expired, released meanwhile).
      if (answer.code === FailureCode.RESERVATION_NOT_HELD || answer.code === FailureCode.FORBIDDEN) return failed(FailureCode.RESERVATION_REFUSED, detail);
      return failed(FailureCode.RESERVATION_REFUSED, detail);
    },

    async compensate(checkout) {
      let reservationId = checkout.reservationId;
      if (!reservationId) {
        if (!checkout.quote) return compensated();
        const answer = await reserve(checkout);
        if (answer.kind === 'refused') return compensated(); // nothing is held under this key
        reservationId = answer.reservation.reservationId;
      }
      const answer = await deps.inventory.release(reservationId);
      if (answer.kind === 'finished' || answer.code === FailureCode.NOT_FOUND) return compensated({ patch: { reservationId } });
      const status = (answer.details as { status?: unknown } | undefined)?.status;
      // Released or expired already: the stock is back either way.
      if (answer.code === FailureCode.RESERVATION_NOT_HELD && status !== 'committed') return compensated({ patch: { reservationId } });
      throw new Error(`the reservation refused to be released: ${answer.code}: ${answer.message}`);
    },
  };
}
