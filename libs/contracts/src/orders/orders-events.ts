import { z } from 'zod';
import { defineEvent } from '../events/envelope.js';
import { Order, OrderRefund, OrderStatus } from './orders.js';

/**
 * Orders events carry the order as it is after the change, so consumers need not call back.
 * One event per change, and the envelope `version` is the order's version after it: a consumer
 * that reacts to a particular status (payments refunds on `to: 'REFUNDED'`, voids or refunds on
 * `from: 'CONFIRMED', to: 'CANCELLED'`) filters `orders.order.status-changed.v1` on `from`/`to`.
 */
export const OrderCreatedV1 = defineEvent('orders.order.created.v1', z.object({ order: Order }));

export const OrderStatusChangedV1 = defineEvent(
  'orders.order.status-changed.v1',
  z.object({
    from: OrderStatus,
    to: OrderStatus,
    reason: z.string().nullable(),
    actor: z.string(),
    order: Order,
  }),
);

/**
 * Some units of a paid order were refunded (`final`: nothing is left to refund, and a
 * status-changed event to REFUNDED follows in the same transaction). Payments gives `refund.amount`
 * back; inventory restocks `refund.lines`. One event per refund, aggregate = the order.
 */
export const OrderRefundedV1 = defineEvent(
  'orders.order.refunded.v1',
  z.object({ refund: OrderRefund, final: z.boolean(), order: Order }),
);

export const OrdersEvents = [OrderCreatedV1, OrderStatusChangedV1, OrderRefundedV1] as const;
export type OrderCreatedPayload = z.infer<typeof OrderCreatedV1.payload>;
export type OrderStatusChangedPayload = z.infer<typeof OrderStatusChangedV1.payload>;
export type OrderRefundedPayload = z.infer<typeof OrderRefundedV1.payload>;
