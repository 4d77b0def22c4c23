import { z } from 'zod';
import { defineEvent } from '../events/envelope.js';
import { Sku } from '../catalog/catalog.js';
import { Money } from '../common/money.js';

/** Pricing's events (stream `events.pricing`): prices moved, and a flash sale's life. */
const FlashSaleEvent = z.object({
  flashSaleId: z.uuid(),
  sku: Sku,
  salePrice: Money,
  units: z.number().int(),
  perCustomerLimit: z.number().int(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
});

export const FlashSaleScheduledV1 = defineEvent('pricing.flash-sale.scheduled.v1', FlashSaleEvent);
export const FlashSaleStartedV1 = defineEvent('pricing.flash-sale.started.v1', FlashSaleEvent);
export const FlashSaleSoldOutV1 = defineEvent('pricing.flash-sale.sold-out.v1', FlashSaleEvent);
export const FlashSaleEndedV1 = defineEvent('pricing.flash-sale.ended.v1', FlashSaleEvent);
export const FlashSaleCancelledV1 = defineEvent('pricing.flash-sale.cancelled.v1', FlashSaleEvent);

/** A SKU's price changed (a price list, a scheduled or demand price): caches and search re-read it. */
export const PriceChangedV1 = defineEvent(
  'pricing.price.changed.v1',
  z.object({ skus: z.array(Sku), reason: z.string() }),
);

export const PricingEvents = [FlashSaleScheduledV1, FlashSaleStartedV1, FlashSaleSoldOutV1, FlashSaleEndedV1, FlashSaleCancelledV1, PriceChangedV1] as const;
