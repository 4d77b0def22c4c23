import { FlashSaleStartedV1 } from '@shop/contracts';
import { on, routeEvents } from '@shop/messaging';
import type { MarketingMailDeps } from './marketing-mail-deps.js';
import { alertedProductName, isForSale } from '../domain/alerted-product.js';

/** Consumer group on `events.pricing`. */
export const FLASH_SALE_MAILS_GROUP = 'notifications.flash-sale-mails';

export type FlashSaleMailsDeps = MarketingMailDeps;

/**
 * "The sale is live" to every customer who asked to be reminded; each reminder is used once. The
 * mail names the product as the catalog has it now, as a back-in-stock mail does: the catalog is
 * asked only when someone waits, and when it cannot answer the event is retried (not
 * acknowledged). A sale whose product is not for sale (draft, archived, gone) mails nobody and
 * leaves its reminders unused: there is no page worth sending the shopper to.
 */
export function flashSaleMailsHandler(deps: FlashSaleMailsDeps) {
  return routeEvents([
    on(FlashSaleStartedV1, async (event) => {
      const sale = event.payload;
      const waiters = await deps.subscriptions.saleWaiters(sale.flashSaleId);
      if (waiters.length === 0) return;
      const variant = await deps.products.variant(sale.sku);
      if (!variant || !isForSale(variant)) {
        deps.logger.info(
          { eventId: event.eventId, flashSaleId: sale.flashSaleId, sku: sale.sku, status: variant?.status ?? 'unknown' },
          'sale live: its product is not for sale; nobody is reminded',
        );
        return;
      }
      const saleUrl = `${deps.storefrontUrl}/sales/${encodeURIComponent(sale.flashSaleId)}`;
      const content = { template: 'flash-sale-live' as const, sku: sale.sku, productName: alertedProductName(variant), salePrice: sale.salePrice, endsAt: sale.endsAt, saleUrl };
      const planned = waiters.map((customerId) => ({ content, eventEmail: null, customerId }));
      await deps.intake.accept(FLASH_SALE_MAILS_GROUP, event.eventId, planned, (tx) =>
        deps.subscriptions.useSaleReminders(tx, sale.flashSaleId, waiters, deps.clock.now()),
      );
    }),
  ]);
}
