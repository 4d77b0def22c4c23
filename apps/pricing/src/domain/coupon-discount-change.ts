import type { CouponDiscount, FieldIssue } from '@shop/contracts';

const ANOTHER_KIND = 'create a new coupon for another kind of discount';

/**
 * Why a coupon's discount cannot become `next` (null: it can). Only its value changes: a
 * percentage stays a percentage, an amount stays an amount in the coupon's currency (the carts
 * that carry the code are in it), free shipping has no value. Another kind is another coupon.
 * The value itself is checked by the contract, as on create (1–100 percent, an amount above 0).
 */
export function discountChangeProblem(current: CouponDiscount, next: CouponDiscount): FieldIssue | null {
  if ('percentOff' in current) {
    return 'percentOff' in next ? null : { field: 'discount', reason: `must stay a percentage off (percentOff): this coupon takes a percentage off; ${ANOTHER_KIND}` };
  }
  if ('amountOff' in current) {
    const currency = current.amountOff.currency;
    if (!('amountOff' in next)) return { field: 'discount', reason: `must stay an amount off in ${currency} (amountOff): this coupon takes an amount off; ${ANOTHER_KIND}` };
    return next.amountOff.currency === currency ? null : { field: 'discount.amountOff.currency', reason: `must be ${currency}, the coupon's currency` };
  }
  return 'freeShipping' in next ? null : { field: 'discount', reason: `must stay free shipping: a free-shipping coupon has no value to change; ${ANOTHER_KIND}` };
}
