import { OrderStatusChangedV1, type OrderStatus } from '@shop/contracts';
import { on, routeEvents } from '@shop/messaging';
import type { Logger } from '@shop/observability';
import type { PaymentLedger } from '../application/payment-ledger.js';
import { ProviderRefusedError, type PaymentProvider, type ProviderCharge } from '../application/payment-provider.js';

/** Consumer group on `events.orders`. */
export const ORDER_REFUNDS_GROUP = 'payments.order-refunds';

const PAID: ReadonlySet<OrderStatus> = new Set(['CONFIRMED', 'FULFILLED']);
const UNDONE: ReadonlySet<OrderStatus> = new Set(['CANCELLED', 'REFUNDED']);

/**
 * Moves the money back when a paid order is undone after checkout: an admin cancels a CONFIRMED
 * order (or refunds a FULFILLED one), orders emits the change, and this voids the authorization
 * or refunds the capture, idempotency key `<checkout>:refund` / `<checkout>:void-after-cancel`.
 * So a captured charge never outlives its CONFIRMED order. Redelivery repeats idempotent calls;
 * a provider outage fails the delivery, which the consumer group retries.
 */
export function orderRefundsHandler(deps: { provider: PaymentProvider; payments: PaymentLedger; logger: Logger }) {
  return routeEvents([
    on(OrderStatusChangedV1, async (event) => {
      const { from, to, order } = event.payload;
      if (!PAID.has(from) || !UNDONE.has(to)) return;
      const payment = await deps.payments.ofCheckout(order.checkoutId);
      if (!payment?.providerRef) return; // not paid through this service
      let charge: ProviderCharge;
      if (payment.status === 'captured') {
        charge = await deps.provider.refund({ idempotencyKey: `${order.checkoutId}:refund`, chargeId: payment.providerRef, amount: payment.amount });
      } else if (payment.status === 'authorized') {
        try {
          charge = await deps.provider.void({
            idempotencyKey: `${order.checkoutId}:void-after-cancel`,
            authorizationKey: payment.authorizationKey,
            amount: payment.amount,
            currency: payment.currency,
          });
        } catch (err) {
          // Captured meanwhile (the saga's last step): refund instead.
          if (!(err instanceof ProviderRefusedError) || err.code !== 'charge_captured') throw err;
          charge = await deps.provider.refund({ idempotencyKey: `${order.checkoutId}:refund`, chargeId: payment.providerRef, amount: payment.amount });
        }
      } else {
        return; // already voided or refunded
      }
      await deps.payments.setStatus(order.checkoutId, charge.status);
      deps.logger.info({ orderId: order.id, checkoutId: order.checkoutId, from, to, payment: charge.status }, 'paid order undone: money returned');
    }),
  ]);
}
