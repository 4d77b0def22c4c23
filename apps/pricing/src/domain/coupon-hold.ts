import { ENDS_BEFORE_START, type CouponRefusal } from '@shop/contracts';
import type { CouponRule } from './coupon-rule.js';

/** Refusals a hold answers with 409 COUPON_EXHAUSTED (the code is fine, its uses are not). */
export type HoldExhaustion = Extract<CouponRefusal, 'exhausted' | 'customer_limit'>;

/**
 * Why a checkout cannot hold one more use of `rule` at `at` (null: it can). Decided against the
 * coupon row as read under its lock and the customer's held and consumed uses counted under that
 * same lock, so the answer is exact however many checkouts race.
 */
export function holdRefusal(rule: CouponRule | null, at: Date, usesByCustomer: number): CouponRefusal | null {
  if (!rule) return 'unknown';
  if (!rule.active) return 'inactive';
  if (rule.startsAt && at < rule.startsAt) return 'not_started';
  if (rule.endsAt && at >= rule.endsAt) return 'expired';
  if (rule.usageLimit !== null && rule.used + rule.held >= rule.usageLimit) return 'exhausted';
  if (rule.perCustomerLimit !== null && usesByCustomer >= rule.perCustomerLimit) return 'customer_limit';
  return null;
}

export function isExhaustion(refusal: CouponRefusal): refusal is HoldExhaustion {
  return refusal === 'exhausted' || refusal === 'customer_limit';
}

/** When a hold taken at `at` for `ttlSeconds` is released by the sweep unless consumed. */
export function holdExpiry(at: Date, ttlSeconds: number): Date {
  return new Date(at.getTime() + ttlSeconds * 1000);
}

/** A coupon's limits after a change: a window must still open before it closes. */
export function windowProblem(startsAt: Date | null, endsAt: Date | null): string | null {
  return startsAt && endsAt && startsAt >= endsAt ? ENDS_BEFORE_START : null;
}

/** A new coupon whose window has already closed would never apply: refused, not listed as "On". */
export function closedOnCreation(endsAt: Date | null, now: Date): string | null {
  return endsAt && endsAt.getTime() <= now.getTime() ? 'must be in the future (the coupon would never apply)' : null;
}
