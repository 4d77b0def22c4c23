import { StockChangedV1, StockRestockedV1 } from '@shop/contracts';
import { on, routeEvents } from '@shop/messaging';
import type { Clock } from '@shop/contracts';
import type { SubscriptionRepository } from '../adapters/subscription.repository.js';
import type { NotificationIntake } from '../application/notification-intake.js';
import { isBackInStock } from '../domain/notification-rules.js';

/** Consumer group on `events.inventory`. */
export const BACK_IN_STOCK_GROUP = 'notifications.back-in-stock';

/**
 * A SKU whose available stock went from none to some (a delivery or stock set by a merchant, or
 * units a refund or cancel put back): one mail per subscription, which is then used up.
 */
export function backInStockHandler(deps: { intake: NotificationIntake; subscriptions: SubscriptionRepository; clock: Clock; storefrontUrl: string }) {
  const tellWaiters = async (eventId: string, sku: string) => {
    const waiters = await deps.subscriptions.skuWaiters(sku);
    const productUrl = `${deps.storefrontUrl}/search?q=${encodeURIComponent(sku)}`;
    const planned = waiters.map((customerId) => ({ content: { template: 'back-in-stock' as const, sku, productUrl }, eventEmail: null, customerId }));
    await deps.intake.accept(BACK_IN_STOCK_GROUP, eventId, planned, (tx) => deps.subscriptions.useSkuSubscriptions(tx, sku, waiters, deps.clock.now()));
  };
  return routeEvents([
    on(StockChangedV1, async (event) => {
      if (isBackInStock(event.payload)) await tellWaiters(event.eventId, event.payload.sku);
    }),
    on(StockRestockedV1, async (event) => {
      const { available, availableBefore, sku } = event.payload;
      if (isBackInStock({ available, delta: available - availableBefore })) await tellWaiters(event.eventId, sku);
    }),
  ]);
}
