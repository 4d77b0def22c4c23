import type { Coupon, CouponDiscount, CouponHold, CouponRefusal, FieldIssue } from '@shop/contracts';
import type { CouponRule } from '../domain/coupon-rule.js';

export interface NewCoupon {
  code: string;
  discount: CouponDiscount;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  at: Date;
}

/** A PATCH: absent fields stay as they are, null clears a limit or a window edge. */
export interface CouponChange {
  /** A new value of the same kind of discount (decided against the row as locked: `discountChangeProblem`). */
  discount?: CouponDiscount;
  usageLimit?: number | null;
  perCustomerLimit?: number | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  active?: boolean;
  at: Date;
}

export type CouponChangeResult =
  | { kind: 'changed'; coupon: Coupon }
  | { kind: 'not_found' }
  /** The new usage limit is below the uses already consumed or held. */
  | { kind: 'below_usage'; taken: number }
  | { kind: 'bad_window' }
  /** The new discount is another kind than the coupon's, or in another currency. */
  | { kind: 'bad_discount'; issue: FieldIssue };

export interface HoldRequest {
  code: string;
  checkoutId: string;
  customerId: string;
  at: Date;
  expiresAt: Date;
}

export type HoldResult =
  | { kind: 'created'; hold: CouponHold }
  /** The checkout already has this hold: it is answered as it is now. */
  | { kind: 'replay'; hold: CouponHold }
  /** The checkout id already holds another code or for another customer. */
  | { kind: 'checkout_reused'; hold: CouponHold }
  | { kind: 'refused'; reason: CouponRefusal };

export type SettleResult = { kind: 'settled' | 'unchanged'; hold: CouponHold } | { kind: 'released_before'; hold: CouponHold } | { kind: 'not_found' };

/**
 * Where coupons and their holds live. Every method that moves a use does it in statements that
 * lock the coupon's row (or change it conditionally), never by reading then writing.
 */
export interface CouponStore {
  /** Null when the code is taken. */
  insert(coupon: NewCoupon): Promise<Coupon | null>;
  find(code: string): Promise<Coupon | null>;
  list(page: { limit: number; after?: string }): Promise<{ items: Coupon[]; nextCursor: string | null }>;
  change(code: string, change: CouponChange): Promise<CouponChangeResult>;
  /** The coupon as a rule, and this customer's held and consumed uses of it. */
  rule(code: string): Promise<CouponRule | null>;
  usesBy(code: string, customerId: string): Promise<number>;
  /**
   * Holds one use under the coupon row's lock: `decide` sees the row and the customer's uses as
   * they are under that lock, and the use is taken only when it returns null.
   */
  hold(request: HoldRequest, decide: (rule: CouponRule | null, usesByCustomer: number) => CouponRefusal | null): Promise<HoldResult>;
  consume(checkoutId: string, at: Date): Promise<SettleResult>;
  release(checkoutId: string, at: Date): Promise<SettleResult>;
  /** consumed → released, giving a used use back (its order was cancelled); any other hold is answered as it is. */
  restore(checkoutId: string, at: Date): Promise<SettleResult>;
  /** Releases every hold still held at `at` past its expiry; returns how many. */
  releaseExpired(at: Date, batch: number): Promise<number>;
}
