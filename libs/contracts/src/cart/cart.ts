import { z } from 'zod';
import { FailureCode } from '../common/failure.js';
import { Attributes, Id, Image, Sku, Slug } from '../catalog/catalog.js';
import { Currency, Money } from '../common/money.js';
import { CouponRefusal } from '../pricing/coupons.js';
import { AppliedDiscount, Quote } from '../pricing/quote.js';

/** `c_` + 128 random bits in base64url: unguessable, so a guest cart is reachable by its id alone. */
export const CartId = z.string().regex(/^c_[A-Za-z0-9_-]{22}$/, 'must be a cart id');
export type CartId = z.infer<typeof CartId>;

/**
 * The customer id the gateway forwards in `x-user-id` after authenticating a token. No braces,
 * so it can sit inside a Redis Cluster hash tag.
 */
export const CartCustomerId = z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, 'must be a user id');

/** The cookie that keeps a browser's cart id. */
export const CART_COOKIE = 'cart_id';

/** Upper bound of any quantity on the wire; the configured per-line maximum (default 99) is checked by the cart. */
export const CartQuantity = z.number().int('must be an integer').min(1, 'must be at least 1').max(999, 'must be at most 999');

export const AddCartItemBody = z
  .object({
    sku: Sku,
    quantity: CartQuantity.default(1),
  })
  .strict();
export type AddCartItemBody = z.infer<typeof AddCartItemBody>;

export const UpdateCartItemBody = z.object({ quantity: CartQuantity }).strict();
export type UpdateCartItemBody = z.infer<typeof UpdateCartItemBody>;

/**
 * `POST /api/carts/buy-now` (a signed-in customer): a cart of its own for one "Buy now" — one unit
 * of `sku`, bound to the customer, no coupon — so checking it out buys that unit alone and leaves
 * the customer's cart as it is. It is never the customer's current cart.
 */
export const BuyNowCartBody = z.object({ sku: Sku }).strict();
export type BuyNowCartBody = z.infer<typeof BuyNowCartBody>;

/**
 * - `available`: the catalog says the product is active and it has a price in the cart's currency.
 * - `unavailable`: unknown SKU, draft or archived product, or no price in the cart's currency;
 *   left out of the totals and refused at checkout.
 * - `unverified`: the catalog could not be asked; the line shows the price it was added at.
 */
export const CartLineStatus = z.enum(['available', 'unavailable', 'unverified']);
export type CartLineStatus = z.infer<typeof CartLineStatus>;

export const CartLine = z.object({
  sku: Sku,
  productId: Id,
  productSlug: Slug,
  productTitle: z.string(),
  title: z.string(),
  attributes: Attributes,
  image: Image.nullable(),
  quantity: z.number().int(),
  /** The unit price when the line was last priced (added or changed). */
  unitPrice: Money,
  /** The unit price now (the pricing quote's: a sale price during its window); null when the line is unverified or unavailable. */
  currentUnitPrice: Money.nullable(),
  /** The catalog's list price now, to strike through when `currentUnitPrice` is lower; null when unverified or unavailable. */
  listPrice: Money.nullable(),
  /** This line's discounts in the quote (promotions, the coupon), each with its reason; empty when not quoted. */
  discounts: z.array(AppliedDiscount),
  /** The price now differs from `unitPrice`; the totals use the price now. */
  priceChanged: z.boolean(),
  /** quantity × (currentUnitPrice ?? unitPrice), before discounts. */
  lineTotal: Money,
  status: CartLineStatus,
});
export type CartLine = z.infer<typeof CartLine>;

/** Over the lines that can be bought (available or unverified). */
export const CartTotals = z.object({
  /** Sum of the lines' totals before discounts. */
  subtotal: Money,
  /** Every discount of the quote (lines, cart, shipping); zero when the cart is not quoted. */
  discountTotal: Money,
  /** Shipping as quoted (after free-shipping discounts); null when the cart is not quoted. */
  shipping: Money.nullable(),
  /** subtotal − discountTotal + shipping: the quote's total; the subtotal when not quoted. */
  total: Money,
  itemCount: z.number().int(),
});
export type CartTotals = z.infer<typeof CartTotals>;

/**
 * The coupon on a cart. A coupon that stops applying (expired, used up, nothing qualifies) stays
 * on the cart as `not_applied` with its reason, never silently dropped; the shopper removes it.
 * - `applied`: the quote took it; its discount is among the quote's.
 * - `not_applied`: pricing refused it now (`reason`, `message` say why).
 * - `unverified`: pricing could not be asked (or there is nothing to price yet).
 */
export const CartCouponStatus = z.enum(['applied', 'not_applied', 'unverified']);
export type CartCouponStatus = z.infer<typeof CartCouponStatus>;
export const CartCoupon = z.object({
  code: z.string(),
  status: CartCouponStatus,
  reason: CouponRefusal.nullable(),
  message: z.string().nullable(),
});
export type CartCoupon = z.infer<typeof CartCoupon>;

/**
 * `POST /internal/carts/:id/purchases` (payments only): a confirmed checkout takes what it bought
 * out of the cart it came from — each SKU's bought quantity, never more than the line holds, and
 * what was added meanwhile stays. Idempotent by `checkoutId`: a replay removes nothing more.
 * `customerId` is the cart's owner as the checkout knows it (null: a guest cart).
 */
export const RemovePurchasedBody = z
  .object({
    checkoutId: z.uuid(),
    customerId: z.uuid().nullable(),
    items: z
      .array(z.object({ sku: Sku, quantity: CartQuantity }).strict())
      .min(1)
      .max(100),
  })
  .strict();
export type RemovePurchasedBody = z.infer<typeof RemovePurchasedBody>;

/** The answer: which quantities went (a replay of a checkout already applied: `alreadyApplied`, nothing removed). */
export const RemovePurchasedAnswer = z.object({
  cartId: CartId,
  alreadyApplied: z.boolean(),
  removed: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
});
export type RemovePurchasedAnswer = z.infer<typeof RemovePurchasedAnswer>;

/**
 * `GET /internal/carts/:id/contents` (checkout, payments' credential): what the cart holds as
 * stored — lines, coupon code, currency — with no catalog check and no price. Checkout has pricing
 * quote the lines itself (pricing refuses a SKU no longer for sale), so re-pricing the cart for
 * this read would only cost a catalog call and a second signed quote.
 */
export const CartContentsQuery = z
  .object({
    /** The account the checkout acts for; absent for a guest cart (read as a guest). */
    customerId: CartCustomerId.optional(),
  })
  .strict();
export type CartContentsQuery = z.infer<typeof CartContentsQuery>;

export const CartContentsAnswer = z.object({
  id: CartId,
  customerId: CartCustomerId.nullable(),
  currency: Currency,
  /** The coupon the shopper applied (upper case), if any; whether it applies is pricing's answer. */
  couponCode: z.string().nullable(),
  /** In the order they were added; titles as the catalog showed them when the line was added. */
  lines: z.array(z.object({ sku: Sku, quantity: CartQuantity, productTitle: z.string(), title: z.string() })),
});
export type CartContentsAnswer = z.infer<typeof CartContentsAnswer>;

export const Cart = z.object({
  id: CartId,
  /** The customer the cart is bound to; null for a guest cart. */
  customerId: CartCustomerId.nullable(),
  currency: Currency,
  lines: z.array(CartLine),
  totals: CartTotals,
  /** False when the catalog could not be asked: lines are `unverified` and prices are those at adding. */
  verified: z.boolean(),
  /** The code the shopper applied, and whether it applies now; null when none. */
  coupon: CartCoupon.nullable(),
  /** Discounts on the whole cart (not on one line) in the quote, each with its reason. */
  cartDiscounts: z.array(AppliedDiscount),
  /**
   * True when the prices are the pricing service's quote. False when pricing could not be asked
   * (or the cart has nothing to price): the lines show the catalog's list prices, no discounts, and
   * checkout prices the cart itself.
   */
  quoted: z.boolean(),
  /** The signed quote these prices come from, for checkout to charge exactly this; null when not quoted. */
  quote: Quote.nullable(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  /** The cart is deleted after this much inactivity (every change pushes it back). */
  expiresAt: z.string().datetime(),
});
export type Cart = z.infer<typeof Cart>;

/**
 * A guest line that did not come over whole when a guest cart was merged into a customer's cart on
 * login (a merge never fails: it cuts down or leaves out what does not fit, and says so):
 * - `out_of_stock`: inventory can sell only `available` units; the line holds that many (never
 *   less than the customer's own cart already held), 0 when sold out (left out);
 * - `quantity_limit`: the per-line maximum; `cart_full`: no room for another line; `currency`: priced
 *   in another currency (both left out).
 * `requested` is what the merged line would have held, `quantity` what it holds now (0: not in the cart).
 */
export const CartMergeAdjustment = z.object({
  sku: Sku,
  productTitle: z.string(),
  title: z.string(),
  reason: z.enum(['out_of_stock', 'quantity_limit', 'cart_full', 'currency']),
  requested: z.number().int(),
  quantity: z.number().int(),
  /** Units inventory can still sell (`out_of_stock` only; else null). */
  available: z.number().int().nullable(),
});
export type CartMergeAdjustment = z.infer<typeof CartMergeAdjustment>;

/**
 * `POST /api/carts/:id/merge`: the customer's cart after the merge, and what of the guest cart did
 * not come over whole (empty when everything fit, and on a repeated merge).
 */
export const MergedCart = Cart.extend({ mergeAdjustments: z.array(CartMergeAdjustment) });
export type MergedCart = z.infer<typeof MergedCart>;

/** Error codes the cart answers with, besides the platform's common ones. */
export const CartErrorCode = z.enum([
  FailureCode.COUPON_INVALID, // 400: the coupon cannot be applied (details.reason: CouponRefusal)
  FailureCode.UNKNOWN_SKU, // 422: no such SKU in the catalog
  FailureCode.SKU_UNAVAILABLE, // 409: the product is a draft or archived, or has no price
  FailureCode.CURRENCY_MISMATCH, // 422: the SKU is priced in another currency than the cart
  FailureCode.QUANTITY_LIMIT_EXCEEDED, // 422: a line would exceed the per-line maximum
  FailureCode.CART_FULL, // 422: the cart already has the maximum number of lines
  FailureCode.CART_BUSY, // 409: too many concurrent changes to one cart; retry
]);
export type CartErrorCode = z.infer<typeof CartErrorCode>;
