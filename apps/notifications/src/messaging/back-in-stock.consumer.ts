import { StockChangedV1, StockRestockedV1 } from '@shop/contracts';
import { on, routeEvents } from '@shop/messaging';
import type { MarketingMailDeps } from './marketing-mail-deps.js';
import { alertedProductName, isForSale, productPagePath } from '../domain/alerted-product.js';
import { isBackInStock } from '../domain/notification-rules.js';

/** Consumer group on `events.inventory`. */
export const BACK_IN_STOCK_GROUP = 'notifications.back-in-stock';

export type BackInStockDeps = MarketingMailDeps;

/**
 * A SKU whose available stock went from none to some (a delivery or stock set by a merchant, or
 * units a refund or cancel put back): one mail per subscription, which is then used up. The mail
 * names the product as the catalog has it now and links to its page with the variant chosen. The
 * catalog is asked only when someone waits; when it cannot answer, the event is retried (not
 * acknowledged). A SKU whose product is not for sale (draft, archived, gone) mails nobody, and its
 * requests stay for a restock once it is.
 */
export function backInStockHandler(deps: BackInStockDeps) {
  const tellWaiters = async (eventId: string, sku: string) => {
    const waiters = await deps.subscriptions.skuWaiters(sku);
    if (waiters.length === 0) return;
    const variant = await deps.products.variant(sku);
    if (!variant || !isForSale(variant)) {
      deps.logger.info({ eventId, sku, status: variant?.status ?? 'unknown' }, 'back in stock: the product is not for sale; its requests wait');
      return;
    }
    const content = { template: 'back-in-stock' as const, sku, productName: alertedProductName(variant), productUrl: `${deps.storefrontUrl}${productPagePath(variant)}` };
    const planned = waiters.map((customerId) => ({ content, eventEmail: null, customerId, unsubscribeAlert: { sku } }));
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
