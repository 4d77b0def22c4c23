import { isPaidStatus, OrderStatusChangedV1 } from '@shop/contracts';
import { on, routeEvents, type EventHandler } from '@shop/messaging';
import type { Logger } from '@shop/observability';
import type { CouponService } from '../application/coupon-service.js';

/** Consumer group on `events.orders`: coupon uses of cancelled orders. */
export const CANCELLED_ORDERS_GROUP = 'pricing.cancelled-orders';

/**
 * A paid order the shop cancels gives its coupon use back: the shopper may use a one-each code
 * again, and a limited coupon has that use for someone else. An order cancelled before payment
 * never consumed its use (the saga released the hold). Redelivered events change nothing: a use
 * comes back once per checkout.
 */
export function cancelledOrdersHandler(coupons: CouponService, logger: Logger): EventHandler {
  return routeEvents([
    on(OrderStatusChangedV1, async (event) => {
      const { from, to, order } = event.payload;
      if (to !== 'CANCELLED' || !isPaidStatus(from) || !order.discounts.some((d) => d.source === 'coupon')) return;
      if (await coupons.restoreUse(order.checkoutId)) logger.info({ orderId: order.id, checkoutId: order.checkoutId }, 'coupon use given back: its order was cancelled');
    }),
  ]);
}
