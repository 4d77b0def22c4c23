import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AddCartItemBody, type BuyNowCartBody, type Cart, type CartContentsAnswer, type CartMergeAdjustment, type MergedCart, type Clock, type RemovePurchasedAnswer, Failed, FailureCode, type Money } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { notFound, unavailable, UpstreamUnavailableError } from '@shop/service-kit';
import {
  addItem,
  applyCoupon,
  bindToCustomer,
  canAccess,
  changeQuantity,
  freezeForMerge,
  hasLine,
  isCartError,
  lineNotFound,
  newCart,
  offerFor,
  removeCoupon,
  removeItem,
  type CartError,
  type CartLimits,
  type CartState,
} from '../domain/cart.js';
import { buyNowCart } from '../domain/buy-now-cart.js';
import { mergeCarts } from '../domain/cart-merge.js';
import { removePurchased, type PurchasedItem } from '../domain/cart-purchase.js';
import { NOT_QUOTED, viewCart, type CartPricing, type CatalogCheck } from '../domain/cart-view.js';
import { CatalogUnavailableError, type VariantCatalog } from './variant-catalog.js';
import type { CartStore } from './cart-store.js';
import type { PriceSource } from './price-source.js';
import type { StockSource } from './stock-source.js';

export interface CartSettings {
  /** Inactivity after which a cart is deleted. */
  ttlSeconds: number;
  /** The shop's currency: every cart is in it. */
  currency: string;
  limits: CartLimits;
  /** Compare-and-set rounds before a change gives up with CART_BUSY. */
  maxSaveAttempts?: number;
}

/** `c_` + 128 random bits: a guest cart's id is its only key, so it must not be guessable. */
export function randomCartId(): string {
  return `c_${randomBytes(16).toString('base64url')}`;
}

/**
 * The cart's use cases. Every change is read → decided by the pure domain → saved with a
 * compare-and-set on the cart's version, and redone on a conflict, so concurrent requests never
 * lose each other's changes. Changes that put something in the cart ask the catalog first
 * (503 when it cannot answer) and inventory how many units are left (never more in the cart than
 * that; unchecked when inventory cannot say); reads re-price every line in one catalog call and one pricing
 * quote (with the cart's coupon), and still answer when either is down: marked unverified (catalog)
 * or not quoted, at list prices (pricing).
 */
export class CartService {
  private readonly maxAttempts: number;

  constructor(
    private readonly store: CartStore,
    private readonly catalog: VariantCatalog,
    private readonly prices: PriceSource,
    private readonly stock: StockSource,
    private readonly clock: Clock,
    private readonly settings: CartSettings,
    private readonly logger: Logger,
    private readonly newId: () => string = randomCartId,
  ) {
    this.maxAttempts = settings.maxSaveAttempts ?? 50;
  }

  /** A new cart; a customer who already has one gets it back instead (one active cart per customer). */
  async create(customerId: string | null): Promise<{ cart: Cart; created: boolean }> {
    if (customerId === null) {
      const saved = await this.store.save(null, newCart(this.newId(), null, this.settings.currency, this.clock.now()));
      if (!saved) throw this.busy();
      return { cart: await this.view(saved), created: true };
    }
    const { cart, created } = await this.customerCartOrNew(customerId);
    return { cart: await this.view(cart), created };
  }

  /**
   * A new cart of its own for one "Buy now": one unit of the SKU, bound to the customer but never
   * their current cart (the customer index does not point at it), so checking it out buys that
   * unit alone and leaves the customer's cart, and its coupon, as they are. Each call makes a new
   * one; it expires like any cart.
   */
  async createBuyNow(customerId: string, { sku }: BuyNowCartBody): Promise<Cart> {
    const currency = this.settings.currency;
    const check = await this.lookup([sku], currency, sku);
    const offer = offerFor(sku, check.variants.get(sku), check.prices.get(sku), currency);
    if (isCartError(offer)) throw new Failed(offer);
    const cart = buyNowCart(this.newId(), customerId, currency, offer, this.settings.limits, this.clock.now());
    if (isCartError(cart)) throw new Failed(cart);
    const saved = await this.store.save(null, cart);
    if (!saved) throw this.busy();
    return this.view(saved, check);
  }

  async get(cartId: string, customerId: string | null): Promise<Cart> {
    return this.view(await this.accessible(cartId, customerId));
  }

  /** What the cart holds, as stored (checkout quotes it itself): no catalog call, no pricing call. */
  async contents(cartId: string, customerId: string | null): Promise<CartContentsAnswer> {
    const { meta, lines } = await this.accessible(cartId, customerId);
    return {
      id: meta.id,
      customerId: meta.customerId,
      currency: meta.currency,
      couponCode: meta.couponCode,
      lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, productTitle: l.productTitle, title: l.title })),
    };
  }

  /** The customer's cart, else the cart named by the browser's cookie (a guest cart). */
  async current(customerId: string | null, cookieCartId: string | null): Promise<Cart> {
    if (customerId !== null) {
      const mine = await this.customerCart(customerId);
      if (mine) return this.view(mine);
    }
    if (cookieCartId !== null) {
      const cart = await this.store.load(cookieCartId);
      if (cart && canAccess(cart, customerId)) return this.view(cart);
    }
    throw notFound('there is no current cart');
  }

  async addItem(cartId: string, customerId: string | null, item: AddCartItemBody): Promise<Cart> {
    return this.addTo(await this.accessible(cartId, customerId), customerId, item);
  }

  /** Adds to the signed-in customer's own cart, created on demand: one call, no id to look up first. */
  async addToCustomerCart(customerId: string, item: AddCartItemBody): Promise<Cart> {
    return this.addTo((await this.customerCartOrNew(customerId)).cart, customerId, item);
  }

  /** Sets a line's quantity; the line is re-priced, and refused if its product is no longer sold. */
  async changeQuantity(cartId: string, customerId: string | null, sku: string, quantity: number): Promise<Cart> {
    return this.changeQuantityIn(await this.accessible(cartId, customerId), customerId, sku, quantity);
  }

  /** `changeQuantity` on the signed-in customer's own cart (404 when they have none). */
  async changeCustomerCartQuantity(customerId: string, sku: string, quantity: number): Promise<Cart> {
    return this.changeQuantityIn(await this.existingCustomerCart(customerId), customerId, sku, quantity);
  }

  /** Removes a line; removing one that is not there is not an error (DELETE is idempotent). */
  async removeItem(cartId: string, customerId: string | null, sku: string): Promise<Cart> {
    return this.removeFrom(await this.accessible(cartId, customerId), customerId, sku);
  }

  /** `removeItem` on the signed-in customer's own cart (404 when they have none). */
  async removeFromCustomerCart(customerId: string, sku: string): Promise<Cart> {
    return this.removeFrom(await this.existingCustomerCart(customerId), customerId, sku);
  }

  /**
   * Puts a coupon code on the cart once pricing says it can apply now (400 COUPON_INVALID naming
   * why not; 503 when pricing cannot be asked). Whether it still applies is asked on every read.
   */
  async applyCoupon(cartId: string, customerId: string | null, code: string): Promise<Cart> {
    return this.applyCouponTo(await this.accessible(cartId, customerId), customerId, code);
  }

  /** `applyCoupon` on the signed-in customer's own cart (404 when they have none). */
  async applyCustomerCartCoupon(customerId: string, code: string): Promise<Cart> {
    return this.applyCouponTo(await this.existingCustomerCart(customerId), customerId, code);
  }

  /** Takes the coupon off; a cart without one is answered as it is (DELETE is idempotent). */
  async removeCoupon(cartId: string, customerId: string | null): Promise<Cart> {
    const cart = await this.accessible(cartId, customerId);
    return this.view(await this.change(cart, customerId, (c) => removeCoupon(c, this.clock.now())));
  }

  async removeCustomerCartCoupon(customerId: string): Promise<Cart> {
    const cart = await this.existingCustomerCart(customerId);
    return this.view(await this.change(cart, customerId, (c) => removeCoupon(c, this.clock.now())));
  }

  private async applyCouponTo(cart: CartState, customerId: string | null, code: string): Promise<Cart> {
    let outcome;
    try {
      outcome = await this.prices.checkCoupon(code, { currency: cart.meta.currency, ...(cart.meta.customerId ? { customerId: cart.meta.customerId } : {}) });
    } catch (err) {
      if (!(err instanceof UpstreamUnavailableError)) throw err;
      this.logger.warn({ err: err.message }, 'pricing unavailable: refusing to apply a coupon');
      throw unavailable('pricing is unavailable, so the coupon cannot be checked; retry shortly');
    }
    if (!outcome.ok) throw Failed.of(FailureCode.COUPON_INVALID, outcome.message, { field: 'code', code, reason: outcome.reason });
    const saved = await this.change(cart, customerId, (c) => applyCoupon(c, outcome.check.code, this.clock.now()));
    return this.view(saved);
  }

  /** One read of the cart serves both the catalog check and the first compare-and-set round. */
  private async addTo(cart: CartState, customerId: string | null, { sku, quantity }: AddCartItemBody): Promise<Cart> {
    const [check, available] = await Promise.all([this.lookup([...cart.lines.map((l) => l.sku), sku], cart.meta.currency, sku), this.stock.available(sku)]);
    const offer = offerFor(sku, check.variants.get(sku), check.prices.get(sku), cart.meta.currency);
    if (isCartError(offer)) throw new Failed(offer);
    const saved = await this.change(cart, customerId, (c) => addItem(c, offer, quantity, this.settings.limits, this.clock.now(), available));
    return this.view(saved, check);
  }

  private async changeQuantityIn(cart: CartState, customerId: string | null, sku: string, quantity: number): Promise<Cart> {
    if (!hasLine(cart, sku)) throw new Failed(lineNotFound(sku));
    const [check, available] = await Promise.all([this.lookup(cart.lines.map((l) => l.sku), cart.meta.currency, sku), this.stock.available(sku)]);
    const offer = offerFor(sku, check.variants.get(sku), check.prices.get(sku), cart.meta.currency);
    if (isCartError(offer)) throw new Failed(offer);
    const saved = await this.change(cart, customerId, (c) => changeQuantity(c, offer, quantity, this.settings.limits, this.clock.now(), available));
    return this.view(saved, check);
  }

  private async removeFrom(cart: CartState, customerId: string | null, sku: string): Promise<Cart> {
    const saved = await this.change(cart, customerId, (c) => removeItem(c, sku, this.clock.now()));
    return this.view(saved);
  }

  /**
   * A confirmed checkout takes what it bought out of its cart (payments' saga, `clear_cart`): once
   * per checkout, only the bought quantities, whatever the shopper changed meanwhile. The cart is
   * addressed as its owner the checkout knew (null: a guest cart); a cart that is gone (expired,
   * merged into the customer's on login) or is someone else's is a 404, and the saga is done with it.
   */
  async removePurchased(cartId: string, customerId: string | null, checkoutId: string, items: PurchasedItem[]): Promise<RemovePurchasedAnswer> {
    const cart = await this.accessible(cartId, customerId);
    let outcome: { removed: PurchasedItem[]; alreadyApplied: boolean } = { removed: [], alreadyApplied: true };
    await this.change(cart, customerId, (c) => {
      const result = removePurchased(c, checkoutId, items, this.clock.now());
      outcome = result;
      return result.cart;
    });
    return { cartId, alreadyApplied: outcome.alreadyApplied, removed: outcome.removed };
  }

  /**
   * Merge on login: the guest cart's lines move into the customer's cart (quantities add up,
   * capped at the per-line maximum and at what inventory can still sell) and the guest cart is
   * deleted; a customer without a cart simply adopts the guest cart (nothing is raised, so nothing
   * is checked: the cart shows its stock as any cart does). Never refused for stock: what does not
   * fit is cut down or left out and named in `mergeAdjustments`; inventory down, it goes on
   * unchecked, as an add does. Repeating a merge changes nothing (and names nothing). Each step is
   * a compare-and-set on one cart (the two carts may live on different cluster slots): the guest
   * cart is first frozen for this customer, then merged, then deleted, so a retry after a crash
   * at any point finishes the job without adding anything twice.
   */
  async merge(guestCartId: string, customerId: string): Promise<MergedCart> {
    const answer = async (cart: CartState, adjusted: CartMergeAdjustment[] = []): Promise<MergedCart> => ({ ...(await this.view(cart)), mergeAdjustments: adjusted });
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const mine = await this.customerCart(customerId);
      if (mine && (mine.meta.id === guestCartId || mine.meta.mergedFrom.includes(guestCartId))) {
        const leftover = await this.store.load(guestCartId);
        if (leftover && leftover.meta.mergingFor === customerId) await this.store.delete(guestCartId);
        return answer(mine);
      }
      const guest = await this.store.load(guestCartId);
      if (!guest) throw this.cartNotFound(guestCartId);
      if (guest.meta.customerId === customerId) return answer(guest);
      if (guest.meta.customerId !== null || (guest.meta.mergingFor !== null && guest.meta.mergingFor !== customerId)) {
        throw this.cartNotFound(guestCartId);
      }
      const now = this.clock.now();
      if (!mine) {
        const indexed = await this.store.customerCartId(customerId);
        if (indexed !== guestCartId && !(await this.store.bindCustomer(customerId, guestCartId, indexed))) continue;
        const adopted = await this.store.save(guest, bindToCustomer(guest, customerId, now));
        if (adopted) return answer(adopted);
        continue;
      }
      const frozen = guest.meta.mergingFor === customerId ? guest : await this.store.save(guest, freezeForMerge(guest, customerId, now));
      if (!frozen) continue;
      // One stock read for the guest cart's SKUs; null (inventory down or slow): merged unchecked.
      const stock = frozen.lines.length > 0 ? await this.stock.availableOf(frozen.lines.map((l) => l.sku)) : new Map<string, number>();
      let adjusted: CartMergeAdjustment[] = [];
      const merged = await this.change(mine, customerId, (c) => {
        const result = mergeCarts(c, frozen, this.settings.limits, this.clock.now(), stock);
        adjusted = result.adjusted;
        return result.cart;
      });
      if (adjusted.length > 0) this.logger.info({ cartId: merged.meta.id, adjusted: adjusted.map(({ sku, reason, requested, quantity }) => ({ sku, reason, requested, quantity })) }, 'merge cut down or left out guest lines');
      await this.store.delete(guestCartId);
      return answer(merged, adjusted);
    }
    throw this.busy();
  }

  /**
   * Decide on `cart` as the caller read it, compare-and-set; on a conflict reread and decide
   * again. The caller's read is the first round's, so an uncontended change reads the cart once.
   */
  private async change(
    cart: CartState,
    customerId: string | null,
    decide: (cart: CartState) => CartState | CartError,
  ): Promise<CartState> {
    let current = cart;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (attempt > 1) current = await this.accessible(cart.meta.id, customerId);
      const next = decide(current);
      if (isCartError(next)) throw new Failed(next);
      if (next === current) return current;
      const saved = await this.store.save(current, next);
      if (saved) return saved;
      // Spread the retries of concurrent writers a little so they do not collide again in lockstep.
      await sleep(Math.floor(Math.random() * Math.min(attempt, 10)));
    }
    throw this.busy();
  }

  /** The cart, if this caller may see it; otherwise the same 404 as for a cart that does not exist. */
  private async accessible(cartId: string, customerId: string | null): Promise<CartState> {
    const cart = await this.store.load(cartId);
    if (!cart || !canAccess(cart, customerId)) throw this.cartNotFound(cartId);
    return cart;
  }

  private async customerCart(customerId: string): Promise<CartState | null> {
    const id = await this.store.customerCartId(customerId);
    return id ? this.owned(await this.store.load(id), customerId) : null;
  }

  private async existingCustomerCart(customerId: string): Promise<CartState> {
    const mine = await this.customerCart(customerId);
    if (!mine) throw notFound('the customer has no cart');
    return mine;
  }

  /** The customer's cart, else a new one bound to them; concurrent first requests end up with one cart. */
  private async customerCartOrNew(customerId: string): Promise<{ cart: CartState; created: boolean }> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const indexed = await this.store.customerCartId(customerId);
      const existing = indexed ? this.owned(await this.store.load(indexed), customerId) : null;
      if (existing) return { cart: existing, created: false };
      const saved = await this.store.save(null, newCart(this.newId(), customerId, this.settings.currency, this.clock.now()));
      if (!saved) continue;
      if (await this.store.bindCustomer(customerId, saved.meta.id, indexed)) return { cart: saved, created: true };
      // A concurrent request bound another cart first: that one is the customer's cart.
      await this.store.delete(saved.meta.id);
    }
    throw this.busy();
  }

  private owned(cart: CartState | null, customerId: string): CartState | null {
    return cart && cart.meta.customerId === customerId && cart.meta.mergingFor === null ? cart : null;
  }

  /**
   * What the catalog says about `skus` now, with the price source's unit price of `pricedSku` (the
   * one being added or changed: the price its line records); 503 when the catalog cannot answer.
   */
  private async lookup(skus: string[], currency: string, pricedSku: string): Promise<CatalogCheck> {
    try {
      const variants = await this.catalog.variants(skus);
      const prices = listPrices(variants);
      const target = variants.get(pricedSku);
      if (target) for (const [sku, price] of await this.prices.unitPrices([target], currency)) prices.set(sku, price);
      return { variants, prices };
    } catch (err) {
      if (err instanceof CatalogUnavailableError) {
        this.logger.warn({ err: err.message }, 'catalog unavailable: refusing a cart change');
        throw unavailable('the catalog is unavailable, so the item cannot be checked; retry shortly');
      }
      throw err;
    }
  }

  /**
   * The cart re-priced in one catalog call (SKUs already in `known` are not asked again) and one
   * pricing quote; when the catalog cannot answer, the cart is still served with its lines marked
   * unverified, and when pricing cannot, at the catalog's list prices (not quoted).
   */
  private async view(cart: CartState, known?: CatalogCheck): Promise<Cart> {
    const missing = cart.lines.map((l) => l.sku).filter((sku) => !known?.variants.has(sku));
    let check: CatalogCheck | null = known ?? { variants: new Map(), prices: new Map() };
    if (missing.length > 0) {
      try {
        const fetched = await this.catalog.variants(missing);
        const prices = listPrices(fetched);
        check = {
          variants: new Map([...(known?.variants ?? []), ...fetched]),
          prices: new Map([...(known?.prices ?? []), ...prices]),
        };
      } catch (err) {
        if (!(err instanceof CatalogUnavailableError)) throw err;
        this.logger.warn({ err: err.message, cartId: cart.meta.id }, 'catalog unavailable: serving the cart unverified');
        check = null;
      }
    }
    return viewCart(cart, check, check ? await this.priceCart(cart, check) : NOT_QUOTED, this.settings.ttlSeconds);
  }

  /**
   * The quote of the cart's sellable lines with its coupon. A coupon that does not apply now comes
   * back as the quote's `couponRejection` (the quote is without it); it stays on the cart, shown with the reason.
   */
  private async priceCart(cart: CartState, check: CatalogCheck): Promise<CartPricing> {
    const { meta } = cart;
    const lines = cart.lines
      .filter((l) => {
        const v = check.variants.get(l.sku);
        return v?.status === 'active' && check.prices.get(l.sku)?.currency === meta.currency;
      })
      .map((l) => ({ sku: l.sku, quantity: l.quantity }));
    if (lines.length === 0) return NOT_QUOTED;
    // A guest's coupon limits count per cart: the cart is all pricing can know them by.
    const request = { lines, currency: meta.currency, customerId: meta.customerId ?? `guest:${meta.id}` };
    const outcome = await this.prices.quote(meta.couponCode ? { ...request, couponCode: meta.couponCode } : request);
    return outcome.kind === 'quoted' ? { quote: outcome.quote } : NOT_QUOTED;
  }

  private cartNotFound(cartId: string): Failed {
    return notFound(`cart ${cartId} not found`);
  }

  private busy(): Failed {
    return Failed.of(FailureCode.CART_BUSY, 'the cart is being changed by many requests at once; retry');
  }
}

/** The catalog's list price of each variant, as it came with the variant: no extra call. */
function listPrices(variants: ReadonlyMap<string, { sku: string; price: Money }>): Map<string, Money> {
  return new Map([...variants.values()].map((v) => [v.sku, v.price]));
}
