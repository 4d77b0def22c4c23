import { ENDS_BEFORE_START } from '../common/clock.js';
import { z } from 'zod';
import { FailureCode } from '../common/failure.js';
import { Sku, SkuList } from '../catalog/catalog.js';
import { Limit, pageOf } from '../common/pagination.js';

/**
 * Inventory: stock levels per SKU and reservations (holds) against them. Counts are whole units.
 * Per SKU: onHand = available + reserved + committed, and none of them is ever negative.
 */

const Quantity = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be an integer') })
  .int('must be an integer')
  .min(1, 'must be at least 1')
  .max(1000, 'must be at most 1000');
const Count = z.number().int('must be an integer').min(0, 'must be at least 0').max(1_000_000_000, 'must be at most 1000000000');

export const MAX_RESERVATION_ITEMS = 50;
export const MAX_RESERVATION_TTL_SECONDS = 86_400;

/** `r<partition>_<uuid v4>`: the partition of the first item's SKU, so the gateway routes by id alone. */
export const ReservationId = z.string().regex(/^r(0|[1-9][0-9]{0,5})_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a reservation id');

/** Header `Idempotency-Key`: printable ASCII, at most 200 characters. */
export const IdempotencyKey = z
  .string({ error: 'is required' })
  .min(1, 'is required')
  .max(200, 'must be at most 200 characters long')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

export const CustomerId = z.string().min(1).max(128);

export const ReservationItem = z.strictObject({ sku: Sku, quantity: Quantity });
export type ReservationItem = z.infer<typeof ReservationItem>;

const uniqueSkus = (items: ReservationItem[]) => new Set(items.map((i) => i.sku)).size === items.length;

/**
 * Another identity a per-customer sale limit counts a reservation against: `addr:<hash>` (the
 * normalized shipping address) or `card:<fingerprint>` (the payment method). Checkout names them
 * so a second account shipping to the same address or paying with the same card hits the same limit.
 */
export const LimitKey = z.string().regex(/^(addr|card):[A-Za-z0-9_-]{8,128}$/, 'must be addr:<hash> or card:<fingerprint>');

export const CreateReservationBody = z.strictObject({
  items: z.array(ReservationItem).min(1).max(MAX_RESERVATION_ITEMS).refine(uniqueSkus, 'each SKU may appear once'),
  customerId: CustomerId.optional(),
  ttlSeconds: z.number().int('must be an integer').min(1).max(MAX_RESERVATION_TTL_SECONDS).optional(),
  /** Trusted services only (checkout); ignored for a customer's own request. */
  limitKeys: z.array(LimitKey).max(4).optional(),
  /**
   * Trusted services only (checkout turning a shopper's "buy now" hold into its reservation; a
   * customer's request naming it is refused 403): the new reservation is decided as if this held
   * reservation were released, in the same decision; on success it ends `released` (replaced), on
   * a refusal nothing changes. It must be held, have the same customerId and live wholly in the
   * partition of this request's first SKU (put one of its SKUs first); else 409 RESERVATION_NOT_HELD
   * (details.reason: not_held | other_customer | other_partition) or 404.
   */
  replaces: ReservationId.optional(),
});
export type CreateReservationBody = z.infer<typeof CreateReservationBody>;

/** 201 answer of a reservation (and of its idempotent replays). */
export const Reservation = z.object({
  reservationId: ReservationId,
  items: z.array(ReservationItem),
  expiresAt: z.iso.datetime(),
});
export type Reservation = z.infer<typeof Reservation>;

export const ReservationStatus = z.enum(['held', 'committed', 'released', 'expired']);
export type ReservationStatus = z.infer<typeof ReservationStatus>;

/** `GET /internal/inventory/reservations/:id` (checkout): a reservation as its coordinating partition records it. */
export const ReservationDetail = z.object({
  reservationId: ReservationId,
  customerId: z.string().nullable(),
  status: ReservationStatus,
  items: z.array(ReservationItem),
  expiresAt: z.iso.datetime(),
});
export type ReservationDetail = z.infer<typeof ReservationDetail>;

/**
 * `GET /api/inventory/reservations/:id` (its owner): where a shopper's hold stands. `held` until
 * it is committed (bought), released or past `expiresAt` (then `expired`).
 */
export const ReservationView = z.object({
  reservationId: ReservationId,
  status: ReservationStatus,
  items: z.array(ReservationItem),
  expiresAt: z.iso.datetime(),
});
export type ReservationView = z.infer<typeof ReservationView>;

/** Why a reservation cannot be replaced (`replaces`), in the details of 409 RESERVATION_NOT_HELD. */
export const ReplaceRefusalReason = z.enum(['not_held', 'other_customer', 'other_partition']);
export type ReplaceRefusalReason = z.infer<typeof ReplaceRefusalReason>;

/** Answer of release and commit: where the reservation ended up. */
export const ReservationOutcome = z.object({ reservationId: ReservationId, status: ReservationStatus });
export type ReservationOutcome = z.infer<typeof ReservationOutcome>;

export const StockLevel = z.object({
  sku: Sku,
  onHand: z.number().int(),
  reserved: z.number().int(),
  /** Sold (committed by checkout) but still counted in onHand. */
  committed: z.number().int(),
  available: z.number().int(),
});
export type StockLevel = z.infer<typeof StockLevel>;

/** How much of a SKU a shopper can buy, in words: more than a few, a few, none. */
export const StockAvailability = z.enum(['in_stock', 'low', 'sold_out']);
export type StockAvailability = z.infer<typeof StockAvailability>;

/**
 * `GET /api/inventory/:sku` (public): what a shopper needs and no more. `available` is the exact
 * count only when it is low or zero ("only 3 left"); above that it is null, so the public cannot
 * watch a sale's pace or the shop's stock. The full figures (StockLevel) are admin only.
 */
export const PublicStockLevel = z.object({
  sku: Sku,
  level: StockAvailability,
  available: z.number().int().min(0).nullable(),
});
export type PublicStockLevel = z.infer<typeof PublicStockLevel>;

/**
 * `GET /api/admin/inventory` (the console's stock list): every SKU with a stock record, in SKU
 * order, `limit` per page; `cursor` is the last SKU of the previous page. `q` keeps the SKUs that
 * contain it (case-insensitive); `availability` keeps one level (as shoppers see it: sold_out at
 * 0, low up to the shop's LOW_STOCK_THRESHOLD, else in_stock).
 */
export const AdminStockListQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .regex(/^[A-Za-z0-9-]+$/, 'may contain only letters, digits and hyphens')
    .transform((q) => q.toUpperCase())
    .optional(),
  availability: StockAvailability.optional(),
  limit: Limit,
  cursor: Sku.optional(),
});
export type AdminStockListQuery = z.infer<typeof AdminStockListQuery>;

/** A row of the stock list: the SKU's figures as committed, its level, and when they last changed. */
export const AdminStockItem = StockLevel.extend({ level: StockAvailability, updatedAt: z.iso.datetime() });
export type AdminStockItem = z.infer<typeof AdminStockItem>;

/** A page of the stock list; `total` counts every SKU matching the filters (all pages). */
export const AdminStockPage = pageOf(AdminStockItem).extend({ total: z.number().int().min(0) });
export type AdminStockPage = z.infer<typeof AdminStockPage>;

export const MAX_SKUS_PER_STOCK_READ = 500;

/** `GET /internal/inventory/stock?skus=A,B` (search's reindex): up to 500 SKUs. */
export const InternalStockQuery = z.object({ skus: SkuList(MAX_SKUS_PER_STOCK_READ) }).strict();
export type InternalStockQuery = z.infer<typeof InternalStockQuery>;

/**
 * The committed available stock of the SKUs that have a stock row (the others are left out: they
 * have no stock), with the stock version their events carry, so a reader can follow the events on.
 */
export const InternalStockList = z.object({
  items: z.array(z.object({ sku: Sku, available: z.number().int(), version: z.number().int() })),
});
export type InternalStockList = z.infer<typeof InternalStockList>;

export const StockReason = z.string().min(1).max(200);

/** `PUT /api/admin/inventory/:sku`: the absolute on-hand count (creates the SKU's stock row). */
export const SetStockBody = z.strictObject({ onHand: Count, reason: StockReason.optional() });
export type SetStockBody = z.infer<typeof SetStockBody>;

/** `POST /api/admin/inventory/:sku/adjustments`: a relative change with its reason (recount, damage, delivery). */
export const AdjustStockBody = z.strictObject({
  delta: z
    .number()
    .int('must be an integer')
    .min(-1_000_000_000)
    .max(1_000_000_000)
    .refine((d) => d !== 0, 'must not be 0'),
  reason: StockReason,
});
export type AdjustStockBody = z.infer<typeof AdjustStockBody>;

/** `PUT /api/admin/inventory/:sku/sale-limit`: at most `perCustomer` units per customer within the window. */
export const SaleLimitBody = z
  .strictObject({
    perCustomer: z.number().int('must be an integer').min(1).max(1_000_000),
    /**
     * A flash sale's allocation: at most this many units held or sold within the window (beyond
     * it: 409 OUT_OF_STOCK with details.saleAllocation); the whole stock when absent.
     */
    units: z.number().int('must be an integer').min(1).max(1_000_000_000).optional(),
    startsAt: z.iso.datetime().optional(),
    endsAt: z.iso.datetime().optional(),
  })
  .refine((b) => !b.startsAt || !b.endsAt || Date.parse(b.startsAt) < Date.parse(b.endsAt), {
    message: ENDS_BEFORE_START,
    path: ['endsAt'],
  });
export type SaleLimitBody = z.infer<typeof SaleLimitBody>;

export const SaleLimit = z.object({
  sku: Sku,
  perCustomer: z.number().int(),
  /** The sale's allocation (null: the whole stock). */
  units: z.number().int().nullable(),
  /** Units held or committed in the window so far (the engine's own figure). */
  unitsTaken: z.number().int(),
  /** What shoppers can still get in the window: min(units − unitsTaken, available). */
  unitsRemaining: z.number().int().min(0),
  startsAt: z.iso.datetime().nullable(),
  endsAt: z.iso.datetime().nullable(),
});
export type SaleLimit = z.infer<typeof SaleLimit>;

/**
 * `details` of a 409 OUT_OF_STOCK refused by a flash sale's allocation (`units` of SaleLimit): the
 * SKUs whose sale is sold out, though stock may remain outside the sale.
 */
export const SaleAllocationExhausted = z.object({ skus: z.array(Sku), saleAllocation: z.literal('exhausted') });
export type SaleAllocationExhausted = z.infer<typeof SaleAllocationExhausted>;

/**
 * Error codes of the inventory API (the body is the platform's one ErrorBody):
 * OUT_OF_STOCK 409 (details: the SKUs short; or SaleAllocationExhausted when a flash sale's allocation is), SKU_UNAVAILABLE 409 (details: SKUs of draft or archived
 * products, which nobody may hold), LIMIT_EXCEEDED 409 (details: the SKUs over the
 * customer's sale limit), IDEMPOTENCY_KEY_REUSED 422, RESERVATION_NOT_HELD 409 (commit of a
 * released or expired reservation), STOCK_BELOW_COMMITMENTS 409 (onHand below reserved +
 * committed), OVERLOADED 503 (a partition's mailbox is full; Retry-After), PARTITION_UNAVAILABLE
 * 503 (the partition is moving between instances; Retry-After).
 */
export const InventoryErrorCode = z.enum([
  FailureCode.OUT_OF_STOCK, FailureCode.SKU_UNAVAILABLE, FailureCode.LIMIT_EXCEEDED, FailureCode.IDEMPOTENCY_KEY_REUSED, FailureCode.RESERVATION_NOT_HELD, FailureCode.STOCK_BELOW_COMMITMENTS, FailureCode.OVERLOADED, FailureCode.PARTITION_UNAVAILABLE,
]);
export type InventoryErrorCode = z.infer<typeof InventoryErrorCode>;

/** Internal (instance to instance): hold a partition's items of another partition's reservation. */
export const InternalHoldBody = z.strictObject({
  reservationId: ReservationId,
  customerId: CustomerId.nullable(),
  items: z.array(ReservationItem).min(1).max(MAX_RESERVATION_ITEMS),
  /** Epoch milliseconds. */
  expiresAt: z.number().int().min(0),
  /** A customer's hold bounds, checked by the participant for its SKUs; null for a trusted service's reservation. */
  bounds: z.strictObject({ perSkuUnits: z.number().int().min(0), partitionUnits: z.number().int().min(0) }).nullable(),
  limitKeys: z.array(LimitKey).max(4).default([]),
});
export type InternalHoldBody = z.infer<typeof InternalHoldBody>;

/**
 * Internal (inventory consuming orders events, and instance to instance): put sold units of a SKU
 * back into available stock, once per `key`.
 */
export const InternalRestockBody = z.strictObject({
  key: z.string().trim().min(1).max(200),
  sku: Sku,
  quantity: z.number().int().min(1).max(1_000_000),
  reason: z.string().trim().max(500).nullable(),
});
export type InternalRestockBody = z.infer<typeof InternalRestockBody>;

export const PartitionParam = z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(0).max(65_535);

export const StockLedgerEntry = z.object({
  id: z.string(),
  sku: Sku,
  delta: z.number().int(),
  onHandAfter: z.number().int(),
  kind: z.enum(['set', 'adjust']),
  reason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type StockLedgerEntry = z.infer<typeof StockLedgerEntry>;
