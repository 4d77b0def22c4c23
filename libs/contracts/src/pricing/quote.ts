import { z } from 'zod';
import { Sku } from '../catalog/catalog.js';
import { Currency, Money } from '../common/money.js';
import { CustomerId } from '../inventory/inventory.js';
import { CouponCode, CouponRefusal } from './coupons.js';

/**
 * Quotes: the prices of some lines now, with every discount that applies and why, signed by the
 * pricing service (HMAC-SHA256) so checkout can charge exactly what the shopper saw without
 * recomputing it. A quote expires at `expiresAt`: never later than the next moment a price or
 * promotion window it used opens or closes, so a sale price cannot outlive its sale.
 */

const QuoteQuantity = z.number().int('must be an integer').min(1, 'must be at least 1').max(1000, 'must be at most 1000');
const Amount = z.number().int('must be an integer amount of minor units');

export const QuoteRequestLine = z.strictObject({ sku: Sku, quantity: QuoteQuantity });
export type QuoteRequestLine = z.infer<typeof QuoteRequestLine>;

/** `POST /api/pricing/quote` (public; the caller's customer group, when signed in, picks price lists). */
export const QuoteRequest = z.strictObject({
  lines: z
    .array(QuoteRequestLine)
    .min(1, 'a quote needs at least one line')
    .max(100, 'at most 100 lines')
    .refine((lines) => new Set(lines.map((l) => l.sku)).size === lines.length, 'each SKU may appear once'),
  couponCode: CouponCode.optional(),
  /** The cart's currency; the first line's list currency when absent. */
  currency: Currency.optional(),
});
export type QuoteRequest = z.infer<typeof QuoteRequest>;

/** `POST /internal/pricing/quotes` (cart, payments): a quote for this customer (coupon limits per customer). */
export const InternalQuoteRequest = QuoteRequest.extend({ customerId: CustomerId });
export type InternalQuoteRequest = z.infer<typeof InternalQuoteRequest>;

/** Where a line's unit price came from, strongest first. */
export const PriceSourceKind = z.enum(['flash_sale', 'scheduled', 'demand', 'price_list', 'list']);
export type PriceSourceKind = z.infer<typeof PriceSourceKind>;

/** One discount and what gave it: a promotion or a coupon, with a reason a shopper can read. */
export const AppliedDiscount = z.object({
  /** `promotion` or `coupon`. */
  source: z.enum(['promotion', 'coupon']),
  /** The promotion's id, or the coupon's code. */
  sourceId: z.string(),
  label: z.string(),
  /** Why it applies, in words: "20% off Shoes", "buy 2 get 1 free", "coupon WELCOME10". */
  reason: z.string(),
  /** Minor units taken off (positive). */
  amount: Amount.min(0),
});
export type AppliedDiscount = z.infer<typeof AppliedDiscount>;

export const QuoteLine = z.object({
  sku: Sku,
  quantity: z.number().int().min(1),
  /** The unit price before discounts (a sale price during its window). */
  unitPrice: Money,
  /** The catalog's list price, so a client can strike it through when `unitPrice` is lower. */
  listPrice: Money,
  priceSource: PriceSourceKind,
  /** The flash sale pricing this line, when one does. */
  flashSaleId: z.uuid().optional(),
  discounts: z.array(AppliedDiscount),
  /** unitPrice × quantity − this line's discounts. */
  total: Money,
});
export type QuoteLine = z.infer<typeof QuoteLine>;

export const QuoteShipping = z.object({
  amount: Money,
  /** Free-shipping promotions or coupons that waived it. */
  discounts: z.array(AppliedDiscount),
  total: Money,
});
export type QuoteShipping = z.infer<typeof QuoteShipping>;

/**
 * The coupon a quote was asked for that does not apply now, and why: the quote is priced without
 * it (its `couponCode` is null). `message` is a sentence a shopper can read, e.g. "Coupon SPRING10
 * has run out, so it is no longer taken off your total."
 */
export const CouponRejection = z.object({
  /** The code as asked for (upper case). */
  code: z.string(),
  reason: CouponRefusal,
  message: z.string(),
});
export type CouponRejection = z.infer<typeof CouponRejection>;

export const Quote = z.object({
  lines: z.array(QuoteLine),
  /** Discounts on the whole cart (not on one line). */
  cartDiscounts: z.array(AppliedDiscount),
  /** The coupon applied (null: none was asked for, or it does not apply: see `couponRejection`). */
  couponCode: CouponCode.nullable(),
  /**
   * Present only when the request named a coupon that does not apply now (left out otherwise, so a
   * quote without one signs as it always did). Signed with the rest of the quote.
   */
  couponRejection: CouponRejection.optional(),
  /** Sum of unitPrice × quantity. */
  subtotal: Money,
  /** Every line, cart and shipping discount. */
  discountTotal: Money,
  shipping: QuoteShipping,
  /** subtotal − discountTotal + shipping. */
  total: Money,
  currency: Currency,
  /** Price lists of this customer group applied (null: the public prices). */
  customerGroup: z.string().nullable(),
  quotedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** HMAC-SHA256 (base64url) over the quote's canonical form; see pricing's quote-signature. */
  signature: z.string().min(1),
});
export type Quote = z.infer<typeof Quote>;

/**
 * `POST /internal/pricing/quotes/verify` (services only): whether a quote is the pricing service's,
 * untampered and unexpired. Checkout re-quotes when it is not and answers 409 PRICE_CHANGED with
 * the new quote when the total moved.
 */
export const VerifyQuoteBody = z.strictObject({ quote: Quote });
export type VerifyQuoteBody = z.infer<typeof VerifyQuoteBody>;
export const VerifyQuoteAnswer = z.object({ valid: z.boolean(), reason: z.enum(['ok', 'bad_signature', 'expired']) });
export type VerifyQuoteAnswer = z.infer<typeof VerifyQuoteAnswer>;
