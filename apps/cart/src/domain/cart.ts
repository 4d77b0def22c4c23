import { FailureCode, isFailureCode, type FailureWith, type Image, type Money, type VariantView } from '@shop/contracts';

/** One line as stored: the quantity, the price it was last priced at, and what the catalog said then. */
export interface CartLineRecord {
  sku: string;
  quantity: number;
  unitPrice: Money;
  productId: string;
  productSlug: string;
  productTitle: string;
  title: string;
  attributes: Record<string, string>;
  image: Image | null;
  addedAt: string;
  pricedAt: string;
}

export interface CartMeta {
  id: string;
  /** The customer the cart is bound to; null for a guest cart. */
  customerId: string | null;
  currency: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every saved change; saving compares it, so concurrent changes never overwrite each other. */
  version: number;
  /** Guest carts already merged into this one (the latest few), so repeating a merge changes nothing. */
  mergedFrom: string[];
  /** Set on a guest cart while it is merged into this customer's cart; nobody else can see it meanwhile. */
  mergingFor: string | null;
  /** The coupon code the shopper applied (upper case); whether it applies is asked of pricing on every read. */
  couponCode: string | null;
  /** Checkouts whose bought items were already taken out (the latest few), so a replay removes nothing more. */
  purchasedBy?: string[];
}

export interface CartState {
  meta: CartMeta;
  /** In the order they were added. */
  lines: CartLineRecord[];
}

export interface CartLimits {
  /** Largest quantity of one line. */
  maxQuantity: number;
  /** Largest number of lines (distinct SKUs). */
  maxLines: number;
}

/** Expected failures of a cart change: values, not exceptions (the application throws them). */
export type CartError =
  | FailureWith<typeof FailureCode.UNKNOWN_SKU, { sku: string }>
  | FailureWith<typeof FailureCode.SKU_UNAVAILABLE, { sku: string; productStatus?: string }>
  | FailureWith<typeof FailureCode.CURRENCY_MISMATCH, { sku: string; currency: string; cartCurrency: string }>
  | FailureWith<typeof FailureCode.QUANTITY_LIMIT_EXCEEDED, { sku: string; maxQuantity: number; requested: number }>
  | FailureWith<typeof FailureCode.CART_FULL, { maxLines: number }>
  /** More than inventory can still sell (`available` units left; `inCart` already in this cart). */
  | FailureWith<typeof FailureCode.OUT_OF_STOCK, { sku: string; available: number; inCart: number; requested: number }>
  /** A line that is not in the cart: an ordinary 404 to clients. */
  | FailureWith<typeof FailureCode.NOT_FOUND, { sku: string }>;

export function isCartError(value: unknown): value is CartError {
  return typeof value === 'object' && value !== null && isFailureCode((value as { code?: unknown }).code);
}

export function lineNotFound(sku: string): CartError {
  return { code: FailureCode.NOT_FOUND, message: `SKU ${sku} is not in the cart`, details: { sku } };
}

/** A SKU the catalog confirmed can be sold, with the unit price to charge now. */
export interface Offer {
  variant: VariantView;
  unitPrice: Money;
}

/** Decides whether a SKU can go into a cart of `currency`, from what the catalog and the price source said. */
export function offerFor(sku: string, variant: VariantView | undefined, price: Money | undefined, currency: string): Offer | CartError {
  if (!variant) return { code: FailureCode.UNKNOWN_SKU, message: `SKU ${sku} does not exist`, details: { sku } };
  if (variant.status !== 'active') {
    return { code: FailureCode.SKU_UNAVAILABLE, message: `SKU ${sku} is no longer available`, details: { sku, productStatus: variant.status } };
  }
  if (!price) return { code: FailureCode.SKU_UNAVAILABLE, message: `SKU ${sku} has no price`, details: { sku } };
  if (price.currency !== currency) {
    return {
      code: FailureCode.CURRENCY_MISMATCH,
      message: `SKU ${sku} is priced in ${price.currency}, the cart in ${currency}`,
      details: { sku, currency: price.currency, cartCurrency: currency },
    };
  }
  return { variant, unitPrice: price };
}

export function newCart(id: string, customerId: string | null, currency: string, now: Date): CartState {
  const at = now.toISOString();
  return {
    meta: { id, customerId, currency, createdAt: at, updatedAt: at, version: 0, mergedFrom: [], mergingFor: null, couponCode: null },
    lines: [],
  };
}

/**
 * A customer's cart is theirs alone; a guest cart is open to whoever holds its unguessable id.
 * A guest cart being merged is hidden from everyone but the merging customer's merge.
 */
export function canAccess(cart: CartState, customerId: string | null): boolean {
  if (cart.meta.mergingFor !== null) return false;
  return cart.meta.customerId === null || cart.meta.customerId === customerId;
}

/**
 * Adds `quantity` of an offered SKU: a new line, or more of an existing one (re-priced now).
 * `available`: the units inventory can still sell (null: unknown, not checked).
 */
export function addItem(cart: CartState, offer: Offer, quantity: number, limits: CartLimits, now: Date, available: number | null = null): CartState | CartError {
  const sku = offer.variant.sku;
  const existing = cart.lines.find((l) => l.sku === sku);
  const requested = (existing?.quantity ?? 0) + quantity;
  if (requested > limits.maxQuantity) return quantityLimit(sku, limits, requested);
  if (available !== null && requested > available) return notEnoughStock(sku, available, existing?.quantity ?? 0, requested);
  if (!existing && cart.lines.length >= limits.maxLines) {
    return { code: FailureCode.CART_FULL, message: `a cart holds at most ${limits.maxLines} different items`, details: { maxLines: limits.maxLines } };
  }
  const at = now.toISOString();
  const line = priced(offer, requested, existing?.addedAt ?? at, at);
  const lines = existing ? cart.lines.map((l) => (l.sku === sku ? line : l)) : [...cart.lines, line];
  return touched(cart, lines, now);
}

/**
 * Sets a line's quantity and re-prices it with the current offer. `available` as for addItem; only
 * a raise is checked against it (lowering a line that is over the stock must stay possible).
 */
export function changeQuantity(
  cart: CartState,
  offer: Offer,
  quantity: number,
  limits: CartLimits,
  now: Date,
  available: number | null = null,
): CartState | CartError {
  const sku = offer.variant.sku;
  const existing = cart.lines.find((l) => l.sku === sku);
  if (!existing) return lineNotFound(sku);
  if (quantity > limits.maxQuantity) return quantityLimit(sku, limits, quantity);
  if (available !== null && quantity > existing.quantity && quantity > available) return notEnoughStock(sku, available, existing.quantity, quantity);
  const line = priced(offer, quantity, existing.addedAt, now.toISOString());
  return touched(
    cart,
    cart.lines.map((l) => (l.sku === sku ? line : l)),
    now,
  );
}

/** Removes a line; the same cart back when there was none (nothing to save). */
export function removeItem(cart: CartState, sku: string, now: Date): CartState {
  if (!cart.lines.some((l) => l.sku === sku)) return cart;
  return touched(
    cart,
    cart.lines.filter((l) => l.sku !== sku),
    now,
  );
}

/** Puts a coupon code on the cart (replacing another); the same cart back when it is already there. */
export function applyCoupon(cart: CartState, code: string, now: Date): CartState {
  if (cart.meta.couponCode === code) return cart;
  return { meta: { ...cart.meta, couponCode: code, updatedAt: now.toISOString() }, lines: cart.lines };
}

/** Takes the coupon off; the same cart back when there was none (DELETE is idempotent). */
export function removeCoupon(cart: CartState, now: Date): CartState {
  if (cart.meta.couponCode === null) return cart;
  return { meta: { ...cart.meta, couponCode: null, updatedAt: now.toISOString() }, lines: cart.lines };
}

function notEnoughStock(sku: string, available: number, inCart: number, requested: number): CartError {
  const message = available === 0 ? `${sku} is sold out` : `only ${available} of ${sku} left; the cart would hold ${requested}`;
  return { code: FailureCode.OUT_OF_STOCK, message, details: { sku, available, inCart, requested } };
}

export function hasLine(cart: CartState, sku: string): boolean {
  return cart.lines.some((l) => l.sku === sku);
}

/** The guest cart becomes the customer's cart (merge on login when the customer has none). */
export function bindToCustomer(cart: CartState, customerId: string, now: Date): CartState {
  return { meta: { ...cart.meta, customerId, mergingFor: null, updatedAt: now.toISOString() }, lines: cart.lines };
}

/** Hides a guest cart while its lines move into `customerId`'s cart, so no change to it is lost midway. */
export function freezeForMerge(cart: CartState, customerId: string, now: Date): CartState {
  return { meta: { ...cart.meta, mergingFor: customerId, updatedAt: now.toISOString() }, lines: cart.lines };
}

function priced(offer: Offer, quantity: number, addedAt: string, pricedAt: string): CartLineRecord {
  const v = offer.variant;
  return {
    sku: v.sku,
    quantity,
    unitPrice: offer.unitPrice,
    productId: v.productId,
    productSlug: v.productSlug,
    productTitle: v.productTitle,
    title: v.title,
    attributes: v.attributes,
    image: v.image ?? null,
    addedAt,
    pricedAt,
  };
}

function touched(cart: CartState, lines: CartLineRecord[], now: Date): CartState {
  return { meta: { ...cart.meta, updatedAt: now.toISOString() }, lines };
}

function quantityLimit(sku: string, limits: CartLimits, requested: number): CartError {
  return {
    code: FailureCode.QUANTITY_LIMIT_EXCEEDED,
    message: `at most ${limits.maxQuantity} of one item per cart`,
    details: { sku, maxQuantity: limits.maxQuantity, requested },
  };
}
