import { z } from 'zod';
import { FailureCode } from '../common/failure.js';
import { Attributes, Id, Image, Sku, Slug } from '../catalog/catalog.js';
import { Currency, Money } from '../common/money.js';

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
  /** The unit price now; null when the line is unverified or unavailable. */
  currentUnitPrice: Money.nullable(),
  /** The price now differs from `unitPrice`; the totals use the price now. */
  priceChanged: z.boolean(),
  /** quantity × (currentUnitPrice ?? unitPrice). */
  lineTotal: Money,
  status: CartLineStatus,
});
export type CartLine = z.infer<typeof CartLine>;

/** Over the lines that can be bought (available or unverified). */
export const CartTotals = z.object({
  subtotal: Money,
  itemCount: z.number().int(),
});
export type CartTotals = z.infer<typeof CartTotals>;

export const Cart = z.object({
  id: CartId,
  /** The customer the cart is bound to; null for a guest cart. */
  customerId: CartCustomerId.nullable(),
  currency: Currency,
  lines: z.array(CartLine),
  totals: CartTotals,
  /** False when the catalog could not be asked: lines are `unverified` and prices are those at adding. */
  verified: z.boolean(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  /** The cart is deleted after this much inactivity (every change pushes it back). */
  expiresAt: z.string().datetime(),
});
export type Cart = z.infer<typeof Cart>;

/** Error codes the cart answers with, besides the platform's common ones. */
export const CartErrorCode = z.enum([
  FailureCode.UNKNOWN_SKU, // 422: no such SKU in the catalog
  FailureCode.SKU_UNAVAILABLE, // 409: the product is a draft or archived, or has no price
  FailureCode.CURRENCY_MISMATCH, // 422: the SKU is priced in another currency than the cart
  FailureCode.QUANTITY_LIMIT_EXCEEDED, // 422: a line would exceed the per-line maximum
  FailureCode.CART_FULL, // 422: the cart already has the maximum number of lines
  FailureCode.CART_BUSY, // 409: too many concurrent changes to one cart; retry
]);
export type CartErrorCode = z.infer<typeof CartErrorCode>;
