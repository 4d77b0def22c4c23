import { OrderRefundedV1, OrderStatusChangedV1, type Order, type OrderLineQuantity, type OrderStatus } from '@shop/contracts';
import { on, routeEvents } from '@shop/messaging';
import type { Logger } from '@shop/observability';
import type { PaymentLedger } from '../application/payment-ledger.js';
import { ProviderRefusedError, type PaymentProvider } from '../application/payment-provider.js';
import type { PaymentRecord } from '../domain/checkout.js';

/** Consumer group on `events.orders`. */
export const ORDER_REFUNDS_GROUP = 'payments.order-refunds';
/** The events of `events.orders` the handler acts on (the consumer acknowledges the rest unread). */
export const ORDER_REFUNDS_EVENT_TYPES = [OrderRefundedV1.type, OrderStatusChangedV1.type] as const;

const PAID: ReadonlySet<OrderStatus> = new Set(['CONFIRMED', 'FULFILLED']);

/** A refund reached an authorization not captured yet: the saga's capture (its last step) is due; the delivery is retried. */
export class NotCapturedYetError extends Error {
  constructor(checkoutId: string) {
    super(`checkout ${checkoutId}: the payment is not captured yet; the refund waits for the capture`);
    this.name = 'NotCapturedYetError';
  }
}

/**
 * Moves the money back when a paid order is undone after checkout, each time once:
 * - `orders.order.refunded.v1` (an admin refunds some lines, or all that is left): refunds
 *   `refund.amount` of the capture, provider key `<checkout>:refund:<refund id>`;
 * - a cancel of a CONFIRMED order (`orders.order.status-changed.v1`, → CANCELLED): voids the
 *   authorization (`<checkout>:void-after-cancel`), or refunds what is captured and not refunded
 *   yet (`<checkout>:refund`).
 * The move to REFUNDED itself moves no money: its refund event did. Each effect is recorded on
 * the payment with its `payments.payment.*` event, once per key. Redelivery repeats idempotent
 * calls; a provider outage fails the delivery, which the consumer group retries.
 */
export function orderRefundsHandler(deps: { provider: PaymentProvider; payments: PaymentLedger; logger: Logger }) {
  const refund = async (payment: PaymentRecord, order: Order, key: string, amount: number, details: { refundId: string | null; reason: string | null; lines: OrderLineQuantity[] }) => {
    const charge = await deps.provider.refund({ idempotencyKey: key, chargeId: payment.providerRef!, amount });
    const recorded = await deps.payments.recordRefund({ key, payment, order: { id: order.id, number: order.number }, amount, ...details });
    deps.logger.info({ orderId: order.id, checkoutId: order.checkoutId, amount, recorded, payment: charge.status }, 'money returned');
  };

  return routeEvents([
    on(OrderRefundedV1, async (event) => {
      const { refund: r, order } = event.payload;
      const payment = await deps.payments.ofCheckout(order.checkoutId);
      if (!payment?.providerRef || r.amount === 0) return; // not paid through this service, or nothing to give back
      if (payment.status === 'authorized' || payment.status === 'pending') throw new NotCapturedYetError(order.checkoutId);
      if (payment.status !== 'captured' && payment.status !== 'refunded') return; // voided or declined: no money was taken
      await refund(payment, order, `${order.checkoutId}:refund:${r.id}`, r.amount, { refundId: r.id, reason: r.reason, lines: r.lines });
    }),
    on(OrderStatusChangedV1, async (event) => {
      const { from, to, order, reason } = event.payload;
      if (to !== 'CANCELLED' || !PAID.has(from)) return;
      const payment = await deps.payments.ofCheckout(order.checkoutId);
      if (!payment?.providerRef) return; // not paid through this service
      const rest = { refundId: null, reason, lines: [] };
      if (payment.status === 'captured') {
        const left = payment.amount - payment.refundedAmount;
        if (left > 0) await refund(payment, order, `${order.checkoutId}:refund`, left, rest);
        return;
      }
      if (payment.status !== 'authorized') return; // already voided or refunded
      try {
        await deps.provider.void({
          idempotencyKey: `${order.checkoutId}:void-after-cancel`,
          authorizationKey: payment.authorizationKey,
          amount: payment.amount,
          currency: payment.currency,
        });
      } catch (err) {
        // Captured meanwhile (the saga's last step): refund instead.
        if (!(err instanceof ProviderRefusedError) || err.code !== 'charge_captured') throw err;
        await refund(payment, order, `${order.checkoutId}:refund`, payment.amount - payment.refundedAmount, rest);
        return;
      }
      await deps.payments.recordVoid(payment, { id: order.id, number: order.number }, reason);
      deps.logger.info({ orderId: order.id, checkoutId: order.checkoutId }, 'paid order cancelled: authorization voided');
    }),
  ]);
}
