import { z } from 'zod';
import { defineEvent } from '../events/envelope.js';
import { Money } from '../common/money.js';
import { OrderLineQuantity, OrderNumber } from '../orders/orders.js';

/**
 * Payments events (stream `events.payments`), written to the outbox in the same transaction as
 * the payment change they describe: one event per effect. Aggregate = the payment id.
 */
const PaymentEvent = z.object({
  paymentId: z.uuid(),
  checkoutId: z.uuid(),
  /** The order the money is for (null while the saga has not created it). */
  orderId: z.uuid().nullable(),
  orderNumber: OrderNumber.nullable(),
  amount: Money,
  provider: z.string(),
});

export const PaymentAuthorizedV1 = defineEvent('payments.payment.authorized.v1', PaymentEvent);
export const PaymentCapturedV1 = defineEvent('payments.payment.captured.v1', PaymentEvent);
/** The authorization was released: no money moved. */
export const PaymentVoidedV1 = defineEvent('payments.payment.voided.v1', PaymentEvent.extend({ reason: z.string().nullable() }));

/**
 * Money went back to the shopper: `amount` this time (a partial refund of some lines, or all that
 * was left), `refundedTotal` so far. `lines` are the order lines refunded (empty when the refund is
 * not of lines, e.g. a cancel of a captured order: then everything not refunded before), `final`
 * when nothing captured is left. `refundId` is the order's refund record, when there is one.
 */
export const PaymentRefundedV1 = defineEvent(
  'payments.payment.refunded.v1',
  PaymentEvent.extend({
    refundId: z.uuid().nullable(),
    reason: z.string().nullable(),
    lines: z.array(OrderLineQuantity),
    refundedTotal: Money,
    final: z.boolean(),
  }),
);

/** The card was declined or the provider refused for good; `reason` in words, `code` for machines. */
export const PaymentFailedV1 = defineEvent('payments.payment.failed.v1', PaymentEvent.extend({ code: z.string(), reason: z.string() }));

export const PaymentsEvents = [PaymentAuthorizedV1, PaymentCapturedV1, PaymentVoidedV1, PaymentRefundedV1, PaymentFailedV1] as const;
export type PaymentEventPayload = z.infer<typeof PaymentEvent>;
export type PaymentRefundedPayload = z.infer<typeof PaymentRefundedV1.payload>;
