import { FlashSaleStartedV1 } from '@shop/contracts';
import { on, routeEvents } from '@shop/messaging';
import type { Clock } from '@shop/contracts';
import type { SubscriptionRepository } from '../adapters/subscription.repository.js';
import type { NotificationIntake } from '../application/notification-intake.js';

/** Consumer group on `events.pricing`. */
export const FLASH_SALE_MAILS_GROUP = 'notifications.flash-sale-mails';

/** "The sale is live" to every customer who asked to be reminded; each reminder is used once. */
export function flashSaleMailsHandler(deps: { intake: NotificationIntake; subscriptions: SubscriptionRepository; clock: Clock; storefrontUrl: string }) {
  return routeEvents([
    on(FlashSaleStartedV1, async (event) => {
      const sale = event.payload;
      const waiters = await deps.subscriptions.saleWaiters(sale.flashSaleId);
      const saleUrl = `${deps.storefrontUrl}/sales/${sale.flashSaleId}`;
      const planned = waiters.map((customerId) => ({
        content: { template: 'flash-sale-live' as const, sku: sale.sku, salePrice: sale.salePrice, endsAt: sale.endsAt, saleUrl },
        eventEmail: null,
        customerId,
      }));
      await deps.intake.accept(FLASH_SALE_MAILS_GROUP, event.eventId, planned, (tx) =>
        deps.subscriptions.useSaleReminders(tx, sale.flashSaleId, waiters, deps.clock.now()),
      );
    }),
  ]);
}
