import type {
  CreatePriceListBody,
  CreatePromotionBody,
  CreateScheduledPriceBody,
  PriceList,
  PriceListEntriesQuery,
  PriceListEntryPage,
  Promotion,
  ScheduledPrice,
  UpdatePriceListBody,
  UpdatePromotionBody,
} from '@shop/contracts';

/** Names the promotion among `promotions` that a write would duplicate, if any. */
export type TwinCheck = (promotions: readonly Promotion[]) => Promotion | undefined;

/**
 * The admin side of price lists, scheduled prices and promotions (implemented by the Prisma
 * repository). A write that can change what a SKU costs for any shopper (an entry, a list's
 * window, priority or group, a scheduled price) appends `pricing.price.changed.v1` naming its
 * SKUs in the same transaction (`at`: when), so search re-reads their prices.
 */
export interface PricingAdminStore {
  createPriceList(id: string, body: CreatePriceListBody, at: Date): Promise<PriceList>;
  /** Oldest first, then by id: `limit` lists after `after` (the previous page's last). */
  priceLists(limit: number, after: { createdAt: Date; id: string } | null): Promise<PriceList[]>;
  priceList(id: string): Promise<PriceList | null>;
  updatePriceList(id: string, body: UpdatePriceListBody, at: Date): Promise<PriceList | null>;
  deletePriceList(id: string, at: Date): Promise<boolean>;
  /** Upserts the entries; null when the list does not exist. */
  putEntries(id: string, entries: ReadonlyArray<{ sku: string; amount: number }>, at: Date): Promise<{ written: number; entryCount: number } | null>;
  entries(id: string, query: PriceListEntriesQuery): Promise<PriceListEntryPage | null>;
  deleteEntry(id: string, sku: string, at: Date): Promise<boolean>;

  createScheduledPrice(id: string, body: CreateScheduledPriceBody, at: Date): Promise<ScheduledPrice>;
  scheduledPrices(filter: { sku?: string; endingAfter: Date }): Promise<ScheduledPrice[]>;
  scheduledPrice(id: string): Promise<ScheduledPrice | null>;
  deleteScheduledPrice(id: string, at: Date): Promise<boolean>;

  /**
   * Creates the promotion unless `twin` finds, among the promotions as they stand, one it must not
   * sit beside; then nothing is written. Promotion writes that check so run one at a time (a lock),
   * so two requests cannot both find no twin and both write.
   */
  createPromotion(id: string, body: CreatePromotionBody, at: Date, twin: TwinCheck): Promise<{ created: Promotion } | { twin: Promotion }>;
  promotions(): Promise<Promotion[]>;
  promotion(id: string): Promise<Promotion | null>;
  /** As createPromotion: `twin` sees the promotion as the change would leave it. Null: no such promotion. */
  updatePromotion(id: string, body: UpdatePromotionBody, at: Date, twin: (updated: Promotion, promotions: readonly Promotion[]) => Promotion | undefined): Promise<{ updated: Promotion } | { twin: Promotion } | null>;
  deletePromotion(id: string): Promise<boolean>;
}
