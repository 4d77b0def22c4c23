import { ENDS_BEFORE_START } from '../common/clock.js';
import { z } from 'zod';
import { Currency } from '../common/money.js';
import { CustomerId } from '../inventory/inventory.js';
import { Limit, pageOf } from '../common/pagination.js';

/** Coupon codes are case-insensitive for shoppers and stored upper case. */
export const CouponCode = z
  .string({ error: 'is required' })
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, - and _')
  .transform((c) => c.toUpperCase());
export type CouponCode = z.infer<typeof CouponCode>;

const Instant = z.iso.datetime({ offset: true });

export const CouponDiscount = z.union([
  z.strictObject({ percentOff: z.number().int('must be a whole percentage').min(1, 'must be at least 1').max(100, 'must be at most 100') }),
  z.strictObject({
    amountOff: z.strictObject({ amount: z.number().int('must be an integer amount of minor units').min(1, 'must be at least 1'), currency: Currency }),
  }),
  z.strictObject({ freeShipping: z.literal(true) }),
]);
export type CouponDiscount = z.infer<typeof CouponDiscount>;

/** `POST /api/admin/coupons` → 201 Coupon; 409 COUPON_CODE_TAKEN when the code exists. */
export const CreateCouponBody = z
  .strictObject({
    code: CouponCode,
    discount: CouponDiscount,
    /** Uses in total over every customer; unlimited when absent. */
    usageLimit: z.number().int('must be an integer').min(1, 'must be at least 1').max(10_000_000).optional(),
    perCustomerLimit: z.number().int('must be an integer').min(1, 'must be at least 1').max(1000).optional(),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
  })
  .refine((b) => !b.startsAt || !b.endsAt || Date.parse(b.startsAt) < Date.parse(b.endsAt), { message: ENDS_BEFORE_START, path: ['endsAt'] });
export type CreateCouponBody = z.infer<typeof CreateCouponBody>;

/**
 * `PATCH /api/admin/coupons/:code`: change its discount's value, end it early, change its limit or
 * window, or switch it off. A new `discount` keeps the coupon's kind (a percentage stays one; an
 * amount stays in the coupon's currency: else 400 naming `discount` or `discount.amountOff.currency`)
 * and is checked as on create; quotes made from then on use it, a quote signed before is charged as signed.
 */
export const UpdateCouponBody = z.strictObject({
  discount: CouponDiscount.optional(),
  usageLimit: z.number().int().min(1).max(10_000_000).nullable().optional(),
  perCustomerLimit: z.number().int().min(1).max(1000).nullable().optional(),
  startsAt: Instant.nullable().optional(),
  endsAt: Instant.nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateCouponBody = z.infer<typeof UpdateCouponBody>;

export const Coupon = z.object({
  code: z.string(),
  discount: CouponDiscount,
  usageLimit: z.number().int().nullable(),
  perCustomerLimit: z.number().int().nullable(),
  startsAt: z.iso.datetime().nullable(),
  endsAt: z.iso.datetime().nullable(),
  active: z.boolean(),
  /** Uses consumed by confirmed checkouts. */
  used: z.number().int(),
  /** Uses held by checkouts in progress (they count against the limit until released). */
  held: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type Coupon = z.infer<typeof Coupon>;

/** `GET /api/admin/coupons`: every coupon in code order with its usage so far (used, held); `cursor` is the last code of the previous page. */
export const ListCouponsQuery = z.strictObject({ limit: Limit, cursor: CouponCode.optional() });
export type ListCouponsQuery = z.infer<typeof ListCouponsQuery>;
export const CouponPage = pageOf(Coupon);
export type CouponPage = z.infer<typeof CouponPage>;

/** Why a coupon cannot be applied: the `reason` of a 400 COUPON_INVALID (details), and of a quote's `couponRejection`. */
export const CouponRefusal = z.enum(['unknown', 'not_started', 'expired', 'inactive', 'exhausted', 'customer_limit', 'currency', 'not_applicable']);
export type CouponRefusal = z.infer<typeof CouponRefusal>;

/** `POST /api/carts/:id/coupon` (and `/api/carts/current/coupon`): apply a code to a cart. */
export const ApplyCouponBody = z.strictObject({ code: CouponCode });
export type ApplyCouponBody = z.infer<typeof ApplyCouponBody>;

/**
 * Internal (cart → pricing): can this code be applied now, to a cart in `currency` of this
 * customer (a guest: no customerId)? `POST /internal/pricing/coupons/:code/check` → 200
 * CouponCheck, or 400 COUPON_INVALID with details { reason: CouponRefusal }. A check holds
 * nothing: the checkout's hold is what makes the limit exact.
 */
export const CheckCouponBody = z.strictObject({
  currency: Currency,
  customerId: CustomerId.optional(),
});
export type CheckCouponBody = z.infer<typeof CheckCouponBody>;
export const CouponCheck = z.object({ code: z.string(), discount: CouponDiscount, endsAt: z.iso.datetime().nullable() });
export type CouponCheck = z.infer<typeof CouponCheck>;

/** The details of a 400 COUPON_INVALID or a 409 COUPON_EXHAUSTED. */
export const CouponRefusalDetails = z.object({ code: z.string(), reason: CouponRefusal });
export type CouponRefusalDetails = z.infer<typeof CouponRefusalDetails>;

/**
 * Internal (checkout saga → pricing): hold one use of a coupon for a checkout, like stock.
 * `POST /internal/pricing/coupons/:code/holds` → 201 CouponHold; 409 COUPON_EXHAUSTED when every
 * use is consumed or held (details: { reason: 'exhausted' | 'customer_limit' }); idempotent by
 * checkoutId (a replay answers 200 with the hold as it is now, even released; the same checkoutId
 * for another code or customer: 409 CONFLICT). 400 COUPON_INVALID (details { reason }) when the
 * code is unknown, inactive, not started or expired. `POST /internal/pricing/coupon-holds/:checkoutId/consume`
 * and `/release` settle it → 200 CouponHold (both idempotent; a released hold cannot be consumed:
 * 409 COUPON_HOLD_RELEASED; releasing a consumed hold answers it unchanged; 404 for no such hold).
 */
export const CouponHoldBody = z.strictObject({
  checkoutId: z.uuid(),
  customerId: CustomerId,
  /** Released on its own after this long unless consumed (a checkout that died). */
  ttlSeconds: z.number().int().min(1).max(86_400).optional(),
});
export type CouponHoldBody = z.infer<typeof CouponHoldBody>;

export const CouponHoldStatus = z.enum(['held', 'consumed', 'released']);
export const CouponHold = z.object({
  checkoutId: z.uuid(),
  code: z.string(),
  customerId: z.string(),
  status: CouponHoldStatus,
  expiresAt: z.iso.datetime(),
});
export type CouponHold = z.infer<typeof CouponHold>;
