import { ENDS_BEFORE_START } from '../common/clock.js';
import { z } from 'zod';
import { Sku } from '../catalog/catalog.js';
import { Currency, Money } from '../common/money.js';
import { Cursor, Limit, pageOf, QueryInt } from '../common/pagination.js';

/**
 * Promotions apply on their own (no code) inside their window. Stacking is explicit:
 * - promotions run in `priority` order (highest first; ties by creation, oldest first);
 * - an `exclusive` promotion applies only to lines (or a cart) no other promotion has discounted
 *   yet, and once it has applied nothing else applies to them;
 * - a non-exclusive promotion stacks on what came before, computed on what is left of the line;
 * - a coupon applies last, on what is left, unless an exclusive promotion took the line;
 * - a line never goes below zero.
 * The rules live in pricing's `domain/promotion-engine.ts`; docs/pricing.md walks through them.
 */

const Instant = z.iso.datetime({ offset: true });

export const PromotionTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('product'), productIds: z.array(z.uuid()).min(1).max(1000) }),
  z.strictObject({ kind: z.literal('sku'), skus: z.array(Sku).min(1).max(1000) }),
  /** A category and every category under it. */
  z.strictObject({ kind: z.literal('category'), categoryIds: z.array(z.uuid()).min(1).max(100) }),
  z.strictObject({ kind: z.literal('cart') }),
]);
export type PromotionTarget = z.infer<typeof PromotionTarget>;

export const PromotionBenefit = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('percent_off'), percent: z.number().int('must be a whole percentage').min(1).max(100) }),
  z.strictObject({ kind: z.literal('amount_off'), amount: Money.refine((m) => m.amount > 0, 'must be more than 0') }),
  /** Of every `buy + get` units of the targeted lines, the `get` cheapest are free. */
  z.strictObject({ kind: z.literal('buy_x_get_y'), buy: z.number().int().min(1).max(100), get: z.number().int().min(1).max(100) }),
  z.strictObject({ kind: z.literal('free_shipping') }),
]);
export type PromotionBenefit = z.infer<typeof PromotionBenefit>;

export const CreatePromotionBody = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    target: PromotionTarget,
    benefit: PromotionBenefit,
    /** A cart subtotal below this does not qualify (cart and free-shipping promotions). */
    minSubtotal: Money.optional(),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    priority: z.number().int().min(0).max(1000).default(0),
    exclusive: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .refine((b) => !b.startsAt || !b.endsAt || Date.parse(b.startsAt) < Date.parse(b.endsAt), { message: ENDS_BEFORE_START, path: ['endsAt'] })
  .refine((b) => b.benefit.kind !== 'buy_x_get_y' || b.target.kind !== 'cart', { message: 'buy X get Y needs a product, SKU or category target', path: ['target'] });
export type CreatePromotionBody = z.infer<typeof CreatePromotionBody>;

export const UpdatePromotionBody = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  startsAt: Instant.nullable().optional(),
  endsAt: Instant.nullable().optional(),
  priority: z.number().int().min(0).max(1000).optional(),
  exclusive: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type UpdatePromotionBody = z.infer<typeof UpdatePromotionBody>;

export const Promotion = z.object({
  id: z.uuid(),
  name: z.string(),
  target: PromotionTarget,
  benefit: PromotionBenefit,
  minSubtotal: Money.nullable(),
  startsAt: z.iso.datetime().nullable(),
  endsAt: z.iso.datetime().nullable(),
  priority: z.number().int(),
  exclusive: z.boolean(),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Promotion = z.infer<typeof Promotion>;

/** Price lists: per currency and (optionally) customer group, each entry overrides a SKU's list price. */
export const CustomerGroup = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be lower-case letters, digits, - or _');
export const CreatePriceListBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  currency: Currency,
  /** Applies only to this group's customers; to everyone when absent. */
  customerGroup: CustomerGroup.optional(),
  /** Among lists that price the same SKU, the highest priority wins. */
  priority: z.number().int().min(0).max(1000).default(0),
  startsAt: Instant.optional(),
  endsAt: Instant.optional(),
});
export type CreatePriceListBody = z.infer<typeof CreatePriceListBody>;

export const PriceList = z.object({
  id: z.uuid(),
  name: z.string(),
  currency: Currency,
  customerGroup: z.string().nullable(),
  priority: z.number().int(),
  startsAt: z.iso.datetime().nullable(),
  endsAt: z.iso.datetime().nullable(),
  entryCount: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type PriceList = z.infer<typeof PriceList>;

/** `PATCH /api/admin/price-lists/:id`: rename, re-prioritise, move its window or its group (null clears). */
export const UpdatePriceListBody = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    customerGroup: CustomerGroup.nullable().optional(),
    priority: z.number().int().min(0).max(1000).optional(),
    startsAt: Instant.nullable().optional(),
    endsAt: Instant.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'the update is empty');
export type UpdatePriceListBody = z.infer<typeof UpdatePriceListBody>;

export const PriceListEntry = z.object({ sku: Sku, amount: z.number().int() });
export type PriceListEntry = z.infer<typeof PriceListEntry>;
/** `GET /api/admin/price-lists/:id/entries?limit&cursor`: entries in SKU order. */
/**
 * `GET /api/admin/price-lists?limit=&cursor=`: every price list, oldest first (then id), in keyset
 * pages; `nextCursor` (opaque) asks for the next page. A cursor not of this listing: 400 INVALID_CURSOR.
 */
export const AdminPriceListsQuery = z.strictObject({ limit: Limit, cursor: Cursor.optional() });
export type AdminPriceListsQuery = z.infer<typeof AdminPriceListsQuery>;
export const PriceListPage = pageOf(PriceList);
export type PriceListPage = z.infer<typeof PriceListPage>;

export const PriceListEntriesQuery = z.strictObject({ limit: QueryInt(1, 1000).default(100), cursor: Sku.optional() });
export type PriceListEntriesQuery = z.infer<typeof PriceListEntriesQuery>;
export const PriceListEntryPage = pageOf(PriceListEntry);
export type PriceListEntryPage = z.infer<typeof PriceListEntryPage>;
/** The answer to a PUT of entries. */
export const PriceListEntriesWritten = z.object({ written: z.number().int(), entryCount: z.number().int() });
export type PriceListEntriesWritten = z.infer<typeof PriceListEntriesWritten>;

/** `GET /api/admin/scheduled-prices?sku=`: those not ended yet, by start. */
export const ScheduledPricesQuery = z.strictObject({ sku: Sku.optional() });
export type ScheduledPricesQuery = z.infer<typeof ScheduledPricesQuery>;

/** `PUT /api/admin/price-lists/:id/entries`: upsert up to 10,000 entries at once (amounts in the list's currency). */
export const PriceListEntriesBody = z.strictObject({
  entries: z
    .array(z.strictObject({ sku: Sku, amount: z.number().int('must be an integer amount of minor units').min(1, 'must be at least 1') }))
    .min(1)
    .max(10_000)
    .refine((e) => new Set(e.map((x) => x.sku)).size === e.length, 'each SKU may appear once'),
});
export type PriceListEntriesBody = z.infer<typeof PriceListEntriesBody>;

/** `POST /api/admin/scheduled-prices`: a SKU's sale price from `startsAt` until `endsAt`, to the second. */
export const CreateScheduledPriceBody = z
  .strictObject({
    sku: Sku,
    price: Money.refine((m) => m.amount > 0, { message: 'must be more than 0', path: ['amount'] }),
    startsAt: Instant,
    endsAt: Instant,
  })
  .refine((b) => Date.parse(b.startsAt) < Date.parse(b.endsAt), { message: ENDS_BEFORE_START, path: ['endsAt'] });
export type CreateScheduledPriceBody = z.infer<typeof CreateScheduledPriceBody>;

export const ScheduledPrice = z.object({
  id: z.uuid(),
  sku: Sku,
  price: Money,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type ScheduledPrice = z.infer<typeof ScheduledPrice>;

/** `GET /api/pricing/prices?skus=a,b` (public): each SKU's price now, for product and list pages. */
/**
 * A promotion that targets a SKU itself (its SKU, product or category; cart-wide ones are not
 * listed), open now: what a product page can announce before the cart applies it.
 */
export const ItemPromotion = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The benefit in a shopper's words, with its conditions: "20% off", "buy 2, get 1 free", "free shipping on orders from €50.00". */
  summary: z.string(),
});
export type ItemPromotion = z.infer<typeof ItemPromotion>;

export const SkuPrice = z.object({
  sku: Sku,
  listPrice: Money,
  price: Money,
  priceSource: z.enum(['flash_sale', 'scheduled', 'demand', 'price_list', 'list']),
  flashSaleId: z.uuid().optional(),
  /** When this price stops applying (the end of its window), if it will. */
  until: z.iso.datetime().nullable(),
  /** The promotions the cart takes off this SKU (in stacking order); absent or empty: none. */
  promotions: z.array(ItemPromotion).optional(),
});
export type SkuPrice = z.infer<typeof SkuPrice>;
export const SkuPrices = z.object({ items: z.array(SkuPrice), currency: Currency.optional() });
export type SkuPrices = z.infer<typeof SkuPrices>;
/** How many distinct SKUs one `GET /api/pricing/prices` may name; callers with more split them. */
export const MAX_SKUS_PER_PRICES_QUERY = 100;
/** `?skus=A-1,B-2` of `GET /api/pricing/prices`: at most MAX_SKUS_PER_PRICES_QUERY distinct SKUs. */
export const SkuPricesQuery = z.strictObject({
  skus: z
    .string()
    .transform((s) => [...new Set(s.split(',').map((t) => t.trim()).filter((t) => t.length > 0))])
    .pipe(z.array(Sku).min(1, 'must name at least one SKU').max(MAX_SKUS_PER_PRICES_QUERY, `must name at most ${MAX_SKUS_PER_PRICES_QUERY} SKUs`)),
});
export type SkuPricesQuery = z.infer<typeof SkuPricesQuery>;
