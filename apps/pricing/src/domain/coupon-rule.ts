import type { CouponDiscount, CouponRefusal, CouponRejection } from '@shop/contracts';

/** A coupon as the quote and the holds see it. */
export interface CouponRule {
  code: string;
  discount: CouponDiscount;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  active: boolean;
  /** Uses consumed by confirmed checkouts. */
  used: number;
  /** Uses held by checkouts in progress. */
  held: number;
}

/**
 * Why a coupon cannot apply at `at` (null: it can). `usesByCustomer` are this customer's consumed
 * and held uses. Exhaustion is checked here for a friendly answer when it is applied to a cart;
 * the hold (one conditional statement) is what makes the limit exact under concurrency.
 */
export function couponRefusal(
  rule: CouponRule | null,
  at: Date,
  context: { currency: string; usesByCustomer?: number },
): CouponRefusal | null {
  if (!rule) return 'unknown';
  if (!rule.active) return 'inactive';
  if (rule.startsAt && at < rule.startsAt) return 'not_started';
  if (rule.endsAt && at >= rule.endsAt) return 'expired';
  if ('amountOff' in rule.discount && rule.discount.amountOff.currency !== context.currency) return 'currency';
  if (rule.usageLimit !== null && rule.used + rule.held >= rule.usageLimit) return 'exhausted';
  if (rule.perCustomerLimit !== null && (context.usesByCustomer ?? 0) >= rule.perCustomerLimit) return 'customer_limit';
  return null;
}

/** In words, for a 400 COUPON_INVALID. */
export const COUPON_REFUSAL_TEXT: Record<CouponRefusal, string> = {
  unknown: 'no coupon has this code',
  not_started: 'this coupon is not valid yet',
  expired: 'this coupon has expired',
  inactive: 'this coupon is no longer active',
  exhausted: 'this coupon has been used up',
  customer_limit: 'you have already used this coupon as often as it allows',
  currency: "this coupon is in another currency than the cart's",
  not_applicable: 'nothing in the cart qualifies for this coupon',
};

/**
 * A quote's word on a coupon it was asked for and does not apply: the shopper reads it next to
 * their coupon, so it says what happened to their total (the quote is priced without it).
 */
export function couponRejection(code: string, reason: CouponRefusal): CouponRejection {
  return { code, reason, message: REJECTION_TEXT[reason](code) };
}

const REJECTION_TEXT: Record<CouponRefusal, (code: string) => string> = {
  unknown: (code) => `We don’t recognise the coupon ${code}, so nothing is taken off your total.`,
  not_started: (code) => `Coupon ${code} can’t be used yet, so it isn’t taken off your total.`,
  expired: (code) => `Coupon ${code} has ended, so it is no longer taken off your total.`,
  inactive: (code) => `Coupon ${code} is no longer available, so it isn’t taken off your total.`,
  exhausted: (code) => `Coupon ${code} has run out, so it is no longer taken off your total.`,
  customer_limit: (code) => `You’ve already used coupon ${code} as many times as it allows, so it isn’t taken off your total.`,
  currency: (code) => `Coupon ${code} can’t be used with your cart’s currency, so it isn’t taken off your total.`,
  not_applicable: (code) => `Nothing in your cart qualifies for coupon ${code}, so it isn’t taken off your total.`,
};
