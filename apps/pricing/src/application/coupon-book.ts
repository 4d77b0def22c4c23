import type { CouponRule } from '../domain/coupon-rule.js';

/** Coupons as the quote reads them (implemented by the coupon repository). */
export interface CouponBook {
  byCode(code: string): Promise<CouponRule | null>;
  /** A customer's consumed and held uses of a code. */
  usesBy(code: string, customerId: string): Promise<number>;
}
