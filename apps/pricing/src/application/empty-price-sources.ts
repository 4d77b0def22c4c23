import type { CouponBook } from './coupon-book.js';
import type { DemandPrices, FlashSalePrices } from './price-inputs.js';

/**
 * Sources with nothing in them, for a composition that has no flash sales, demand rules or
 * coupons wired (the lead wires the real adapters of those parts; tests pass their own).
 */
export const noFlashSales: FlashSalePrices = { forSkus: async () => [] };
export const noDemandPrices: DemandPrices = { currentFor: async () => new Map() };
export const noCoupons: CouponBook = { byCode: async () => null, usesBy: async () => 0 };
