import { ENDS_BEFORE_START } from '../common/clock.js';
import { z } from 'zod';
import { Sku } from '../catalog/catalog.js';
import { Money } from '../common/money.js';
import { Cursor, Limit, pageOf } from '../common/pagination.js';

/**
 * Flash sales: `units` of a SKU at `salePrice` between `startsAt` and `endsAt`, at most
 * `perCustomerLimit` per customer. Pricing owns the sale; scheduling it configures the inventory
 * engine (its sale allocation and per-customer limit), which enforces both — never the UI.
 */

const Instant = z.iso.datetime({ offset: true });
const PositivePrice = Money.refine((m) => m.amount > 0, { message: 'must be more than 0', path: ['amount'] });

/**
 * `POST /api/admin/flash-sales` → 201 FlashSale (status `scheduled`). Refused with 400 naming the
 * field when it cannot work: end before start, a start in the past, units above the SKU's stock,
 * a price of 0 or in another currency than the SKU's, an overlapping sale of the same SKU.
 */
export const CreateFlashSaleBody = z
  .strictObject({
    sku: Sku,
    salePrice: PositivePrice,
    units: z.number().int('must be an integer').min(1, 'must be at least 1').max(1_000_000),
    perCustomerLimit: z.number().int('must be an integer').min(1, 'must be at least 1').max(1000),
    startsAt: Instant,
    endsAt: Instant,
  })
  .refine((b) => Date.parse(b.startsAt) < Date.parse(b.endsAt), { message: ENDS_BEFORE_START, path: ['endsAt'] })
  .refine((b) => b.perCustomerLimit <= b.units, { message: 'must not be more than units', path: ['perCustomerLimit'] });
export type CreateFlashSaleBody = z.infer<typeof CreateFlashSaleBody>;

/** `PATCH /api/admin/flash-sales/:id` while scheduled (409 FLASH_SALE_NOT_SCHEDULED after). */
export const UpdateFlashSaleBody = z
  .strictObject({
    salePrice: PositivePrice.optional(),
    units: z.number().int().min(1).max(1_000_000).optional(),
    perCustomerLimit: z.number().int().min(1).max(1000).optional(),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateFlashSaleBody = z.infer<typeof UpdateFlashSaleBody>;

export const FlashSaleStatus = z.enum(['scheduled', 'live', 'sold_out', 'ended', 'cancelled']);
export type FlashSaleStatus = z.infer<typeof FlashSaleStatus>;

/** A sale as shoppers see it (`GET /api/flash-sales`, `GET /api/flash-sales/:id`). */
export const PublicFlashSale = z.object({
  id: z.uuid(),
  sku: Sku,
  productSlug: z.string(),
  title: z.string(),
  image: z.string().nullable(),
  listPrice: Money,
  salePrice: Money,
  unitsTotal: z.number().int(),
  /** Live from the inventory engine's own figures: units not yet held or sold at the sale price. */
  unitsRemaining: z.number().int().min(0),
  perCustomerLimit: z.number().int(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  status: FlashSaleStatus,
});
export type PublicFlashSale = z.infer<typeof PublicFlashSale>;

/** The server's clock comes with every answer so a countdown runs on server time, not the device's. */
export const FlashSaleList = z.object({ serverTime: z.iso.datetime(), items: z.array(PublicFlashSale) });
export type FlashSaleList = z.infer<typeof FlashSaleList>;
export const FlashSaleAnswer = PublicFlashSale.extend({ serverTime: z.iso.datetime() });
export type FlashSaleAnswer = z.infer<typeof FlashSaleAnswer>;

/** The admin view adds bookkeeping. */
export const FlashSale = PublicFlashSale.extend({
  createdAt: z.iso.datetime(),
  cancelledAt: z.iso.datetime().nullable(),
  /**
   * `POST /api/admin/flash-sales/:id/stop` (no body) ended the open sale at this instant: `endsAt`
   * is then the stop and `plannedEndsAt` the end it had. Null when never stopped.
   */
  stoppedAt: z.iso.datetime().nullable(),
  /** The admin (user id) who stopped it. */
  stoppedBy: z.uuid().nullable(),
  plannedEndsAt: z.iso.datetime().nullable(),
  /** Units sold (committed) at the sale price so far. */
  unitsSold: z.number().int(),
});
export type FlashSale = z.infer<typeof FlashSale>;

/**
 * `GET /api/admin/flash-sales?limit=&cursor=`: every sale, latest start first (then id), in keyset
 * pages; `nextCursor` (opaque) asks for the next page, null on the last. A cursor of another
 * listing, or a mangled one, is 400 INVALID_CURSOR.
 */
export const AdminFlashSalesQuery = z.strictObject({ limit: Limit, cursor: Cursor.optional() });
export type AdminFlashSalesQuery = z.infer<typeof AdminFlashSalesQuery>;
export const AdminFlashSalePage = pageOf(FlashSale);
export type AdminFlashSalePage = z.infer<typeof AdminFlashSalePage>;
