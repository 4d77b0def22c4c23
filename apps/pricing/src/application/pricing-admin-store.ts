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

/** The admin side of price lists, scheduled prices and promotions (implemented by the Prisma repository). */
export interface PricingAdminStore {
  createPriceList(id: string, body: CreatePriceListBody, at: Date): Promise<PriceList>;
  /** Oldest first, then by id: `limit` lists after `after` (the previous page's last). */
  priceLists(limit: number, after: { createdAt: Date; id: string } | null): Promise<PriceList[]>;
  priceList(id: string): Promise<PriceList | null>;
  updatePriceList(id: string, body: UpdatePriceListBody): Promise<PriceList | null>;
  deletePriceList(id: string): Promise<boolean>;
  /** Upserts the entries; null when the list does not exist. */
  putEntries(id: string, entries: ReadonlyArray<{ sku: string; amount: number }>): Promise<{ written: number; entryCount: number } | null>;
  entries(id: string, query: PriceListEntriesQuery): Promise<PriceListEntryPage | null>;
  deleteEntry(id: string, sku: string): Promise<boolean>;

  createScheduledPrice(id: string, body: CreateScheduledPriceBody, at: Date): Promise<ScheduledPrice>;
  scheduledPrices(filter: { sku?: string; endingAfter: Date }): Promise<ScheduledPrice[]>;
  scheduledPrice(id: string): Promise<ScheduledPrice | null>;
  deleteScheduledPrice(id: string): Promise<boolean>;

  createPromotion(id: string, body: CreatePromotionBody, at: Date): Promise<Promotion>;
  promotions(): Promise<Promotion[]>;
  promotion(id: string): Promise<Promotion | null>;
  updatePromotion(id: string, body: UpdatePromotionBody, at: Date): Promise<Promotion | null>;
  deletePromotion(id: string): Promise<boolean>;
}
