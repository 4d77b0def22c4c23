import {
  FlashSaleCancelledV1,
  FlashSaleEndedV1,
  FlashSaleSoldOutV1,
  FlashSaleStartedV1,
  PriceChangedV1,
  ProductArchivedV1,
  ProductCreatedV1,
  ProductUpdatedV1,
  ReservationExpiredV1,
  ReservationReleasedV1,
  StockChangedV1,
  StockSoldOutV1,
  type EventEnvelope,
} from '@shop/contracts';
import { on, routeEvents } from '@shop/messaging';
import type { Indexer } from '../application/indexer.js';
import type { IndexLag } from './index-lag.js';

/**
 * The streams the index follows and how each event changes it. Redelivery is harmless: product
 * versions, stock versions and the flash sales' stored state decide (see Indexer), so no
 * processed-event record is needed. A failure is retried by the stream consumer, then dead-lettered.
 */
export const CATALOG_STREAM = 'events.catalog';
export const PRICING_STREAM = 'events.pricing';
export const INVENTORY_STREAM = 'events.inventory';

/** Product created, updated or archived: the document is rebuilt from the product the event carries. */
export function catalogHandler(indexer: Indexer, lag: IndexLag) {
  const handle = async (event: EventEnvelope<{ product: Parameters<Indexer['productChanged']>[0] }>) => {
    await indexer.productChanged(event.payload.product);
    lag(CATALOG_STREAM, event);
  };
  return routeEvents([on(ProductCreatedV1, handle), on(ProductUpdatedV1, handle), on(ProductArchivedV1, handle)]);
}

/**
 * A flash sale's price shows while it runs; ended, cancelled or sold out clears it. Any other
 * price change pricing announces (a price list, a scheduled or demand price) is read again from
 * pricing; a window opening or closing needs no event (the price feed reads it at its instant).
 */
export function pricingHandler(indexer: Indexer, lag: IndexLag) {
  type SaleEvent = EventEnvelope<{ flashSaleId: string; sku: string; salePrice: { amount: number } }>;
  const sale = (e: SaleEvent) => ({ flashSaleId: e.payload.flashSaleId, sku: e.payload.sku, salePrice: e.payload.salePrice.amount });
  const over = async (event: SaleEvent) => {
    await indexer.saleOver(sale(event));
    lag(PRICING_STREAM, event);
  };
  return routeEvents([
    on(FlashSaleStartedV1, async (event) => {
      await indexer.saleStarted(sale(event));
      lag(PRICING_STREAM, event);
    }),
    on(FlashSaleEndedV1, over),
    on(FlashSaleCancelledV1, over),
    on(FlashSaleSoldOutV1, over),
    on(PriceChangedV1, async (event) => {
      await indexer.pricesChanged(event.payload.skus);
      lag(PRICING_STREAM, event);
    }),
  ]);
}

/**
 * Stock levels (changed, sold out) carry the SKU's stock version: available > 0 is in stock. A
 * released or expired reservation gives stock back (unless another reservation took its place).
 * Reservations made or committed only take stock: a sell-out is announced by its own event.
 */
export function inventoryHandler(indexer: Indexer, lag: IndexLag) {
  const levels = async (event: EventEnvelope<{ sku: string; available: number }>) => {
    await indexer.stockChanged(event.payload.sku, event.payload.available > 0, event.version);
    lag(INVENTORY_STREAM, event);
  };
  const returned = async (event: EventEnvelope<{ items: { sku: string }[]; replacedBy?: string | undefined }>) => {
    if (event.payload.replacedBy !== undefined) return;
    for (const item of event.payload.items) await indexer.stockChanged(item.sku, true, null);
    lag(INVENTORY_STREAM, event);
  };
  return routeEvents([on(StockChangedV1, levels), on(StockSoldOutV1, levels), on(ReservationReleasedV1, returned), on(ReservationExpiredV1, returned)]);
}
