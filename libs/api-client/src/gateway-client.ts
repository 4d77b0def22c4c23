import type {
  MySubscriptions,
  AuthSession,
  AddressUnsubscribeDetails,
  BackInStockAlertDetails,
  BackInStockSubscription,
  UnsubscribeOutcome,
  BuyNowCartBody,
  FlashSaleReminder,
  Cart,
  MergedCart,
  CategoryNode,
  CheckoutAccepted,
  CheckoutView,
  CreateReservationBody,
  CustomerCancelOrderBody,
  FlashSaleAnswer,
  FlashSaleList,
  LoginBody,
  Order,
  OrderPage,
  Product,
  ProductPage,
  ProductSort,
  RegisterBody,
  PublicStockLevel,
  Quote,
  QuoteRequest,
  Reservation,
  ReservationOutcome,
  ReservationView,
  SearchResult,
  SearchSort,
  SkuPrices,
  SuggestResult,
  User,
  ChangePasswordBody,
  CreateSavedAddressBody,
  SavedAddress,
  SavedAddressList,
  UpdateMeBody,
  UpdateSavedAddressBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
} from '@shop/contracts';
import { ApiError, GATEWAY_UNREACHABLE, apiErrorFrom } from './api-error.js';
import type { CheckoutRequest } from './checkout.js';

/** Next.js reads `next` on fetch (data cache); plain fetch ignores it. */
export interface CacheHint {
  revalidate?: number | false;
  tags?: string[];
}

export type FetchCacheMode = 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached';

/** Per-call fetch options the client passes through. */
export interface CallOptions {
  signal?: AbortSignal;
  cache?: FetchCacheMode;
  next?: CacheHint;
}

/** What the client hands to fetch: RequestInit plus the `cache` mode and Next.js's `next` hint. */
export type FetchInit = RequestInit & { cache?: FetchCacheMode; next?: CacheHint };

export type FetchLike = (input: string, init: FetchInit) => Promise<Response>;

export interface GatewayClientOptions {
  /** e.g. `http://127.0.0.1:8080`; a trailing slash is ignored. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set. */
  accessToken?: string | null;
  /** Extra headers on every request (`x-forwarded-for`, `x-request-id`, ...). */
  headers?: Record<string, string>;
  /** Defaults to the global fetch (Next.js's patched one in server code). */
  fetch?: FetchLike;
  /** Abort a request after this long; 10 s by default. */
  timeoutMs?: number;
  /** Cache hint for public catalog reads (products, categories); none by default. */
  catalogCache?: CacheHint;
}

export interface ListProductsParams {
  limit?: number;
  cursor?: string;
  category?: string;
  sort?: ProductSort;
}

/** `GET /api/search`'s parameters as values (the contracts' SearchQuery is their query-string form). */
export interface SearchParams {
  q?: string;
  /** A category slug: its whole subtree. */
  category?: string;
  /** Minor units. */
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  /** Any of these sizes. */
  size?: readonly string[];
  /** Any of these colours. */
  colour?: readonly string[];
  sort?: SearchSort;
  limit?: number;
  /** The previous page's `nextCursor` (same query). */
  cursor?: string;
}

export interface ListOrdersParams {
  limit?: number;
  cursor?: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestSpec {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Sent as multipart/form-data (a file upload) instead of a JSON body. */
  form?: FormData;
  headers?: Record<string, string>;
  options?: CallOptions;
}

/**
 * A typed client of the gateway's public API, built on the contracts' types. One instance per
 * caller identity (it carries the access token); cheap to create per request.
 * Non-2xx answers throw ApiError; an unreachable gateway throws ApiError 503 GATEWAY_UNREACHABLE.
 */
export class GatewayClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;

  constructor(private readonly options: GatewayClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init as RequestInit));
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** The same client acting for another identity (after login or refresh). */
  withAccessToken(accessToken: string | null): GatewayClient {
    return new GatewayClient({ ...this.options, accessToken });
  }

  // Catalog (public, cacheable).

  listProducts(params: ListProductsParams = {}, options?: CallOptions): Promise<ProductPage> {
    const { limit, cursor, category, sort } = params;
    return this.json({ method: 'GET', path: '/api/products', query: { limit, cursor, category, sort }, options: this.catalog(options) });
  }

  getProduct(idOrSlug: string, options?: CallOptions): Promise<Product> {
    return this.json({ method: 'GET', path: `/api/products/${enc(idOrSlug)}`, options: this.catalog(options) });
  }

  async listCategories(options?: CallOptions): Promise<CategoryNode[]> {
    const page = await this.json<{ items: CategoryNode[] }>({ method: 'GET', path: '/api/categories', options: this.catalog(options) });
    return page.items;
  }

  // Inventory (public read of one SKU's stock: a level, the count only when low; live, never cached).

  getStock(sku: string, options?: CallOptions): Promise<PublicStockLevel> {
    return this.json({ method: 'GET', path: `/api/inventory/${enc(sku)}`, options: live(options) });
  }

  /**
   * Holds stock for the signed-in customer (`POST /api/inventory/reservations`). The same
   * `idempotencyKey` answers the same reservation, so a retry after a lost answer or a 429/503
   * never holds twice.
   */
  createReservation(body: CreateReservationBody, idempotencyKey: string, options?: CallOptions): Promise<Reservation> {
    return this.json({ method: 'POST', path: '/api/inventory/reservations', body, headers: { 'idempotency-key': idempotencyKey }, options: live(options) });
  }

  /**
   * One of the customer's own reservations: `held` until committed, released or past its
   * expiresAt (then `expired`). Someone else's, or an unknown id, is a 404.
   */
  getReservation(reservationId: string, options?: CallOptions): Promise<ReservationView> {
    return this.json({ method: 'GET', path: `/api/inventory/reservations/${enc(reservationId)}`, options: live(options) });
  }

  /** Lets go of one of the customer's own holds. */
  releaseReservation(reservationId: string, options?: CallOptions): Promise<ReservationOutcome> {
    return this.json({ method: 'DELETE', path: `/api/inventory/reservations/${enc(reservationId)}`, options: live(options) });
  }

  // Pricing (public; live: a sale price starts and ends at the exact second).

  /** Each SKU's price now (`GET /api/pricing/prices?skus=a,b`), in one call for a whole page. */
  getPrices(skus: readonly string[], options?: CallOptions): Promise<SkuPrices> {
    return this.json({ method: 'GET', path: '/api/pricing/prices', query: { skus: skus.join(',') }, options: live(options) });
  }

  /** A signed quote of some lines (`POST /api/pricing/quote`); a coupon that does not apply is left out and named in `couponRejection`. */
  quote(body: QuoteRequest, options?: CallOptions): Promise<Quote> {
    return this.json({ method: 'POST', path: '/api/pricing/quote', body, options: live(options) });
  }

  /** Live and upcoming flash sales with the server's time (`GET /api/flash-sales`). */
  listFlashSales(options?: CallOptions): Promise<FlashSaleList> {
    return this.json({ method: 'GET', path: '/api/flash-sales', options: live(options) });
  }

  /** One flash sale with its live remaining units and the server's time. */
  getFlashSale(id: string, options?: CallOptions): Promise<FlashSaleAnswer> {
    return this.json({ method: 'GET', path: `/api/flash-sales/${enc(id)}`, options: live(options) });
  }

  // Notifications (signed-in shoppers): "remind me when the sale is live", "tell me when it is back".

  /** Idempotent; 404 for a sale that does not exist. */
  remindOfFlashSale(flashSaleId: string, options?: CallOptions): Promise<FlashSaleReminder> {
    return this.json({ method: 'POST', path: '/api/notifications/flash-sale-reminders', body: { flashSaleId }, options: live(options) });
  }

  /** The signed-in caller's pending sale reminders and back-in-stock alerts. */
  mySubscriptions(options?: CallOptions): Promise<MySubscriptions> {
    return this.json({ method: 'GET', path: '/api/notifications/subscriptions', options: live(options) });
  }

  /** Idempotent: one email when the SKU's available stock goes from none to some. */
  notifyWhenBackInStock(sku: string, options?: CallOptions): Promise<BackInStockSubscription> {
    return this.json({ method: 'POST', path: '/api/notifications/back-in-stock', body: { sku }, options: live(options) });
  }

  // Unsubscribe links of marketing mails (public: the signed token is the proof).

  /** What a back-in-stock mail's unsubscribe link is about; changes nothing (400 for a token that is not one). */
  backInStockAlert(token: string, options?: CallOptions): Promise<BackInStockAlertDetails> {
    return this.json({ method: 'GET', path: '/api/notifications/unsubscribe/back-in-stock', query: { token }, options: live(options) });
  }

  /** What a sale reminder's unsubscribe link would stop: its address, masked, and whether it already unsubscribed; changes nothing (400 for a token that is not one). */
  addressUnsubscribeDetails(token: string, options?: CallOptions): Promise<AddressUnsubscribeDetails> {
    return this.json({ method: 'GET', path: '/api/notifications/unsubscribe/address', query: { token }, options: live(options) });
  }

  /** Stops what the link's token names (one back-in-stock request, or an address's marketing mails); idempotent. */
  unsubscribe(token: string, options?: CallOptions): Promise<UnsubscribeOutcome> {
    return this.json({ method: 'POST', path: '/api/notifications/unsubscribe', query: { token }, options: live(options) });
  }

  // Search (public; live: a sell-out or a price change shows within seconds).

  /** Products matching a query, with facet counts and highlighted matches (`GET /api/search`). */
  search(params: SearchParams = {}, options?: CallOptions): Promise<SearchResult> {
    return this.json({ method: 'GET', path: '/api/search', query: searchQueryOf(params), options: live(options) });
  }

  /** Completions of what the shopper has typed so far (`GET /api/search/suggest?q=`). */
  suggest(q: string, options?: CallOptions & { limit?: number }): Promise<SuggestResult> {
    const { limit, ...rest } = options ?? {};
    return this.json({ method: 'GET', path: '/api/search/suggest', query: { q, limit }, options: live(rest) });
  }

  // Identity.

  register(body: RegisterBody, options?: CallOptions): Promise<AuthSession> {
    return this.json({ method: 'POST', path: '/api/auth/register', body, options: live(options) });
  }

  login(body: LoginBody, options?: CallOptions): Promise<AuthSession> {
    return this.json({ method: 'POST', path: '/api/auth/login', body, options: live(options) });
  }

  refresh(refreshToken: string, options?: CallOptions): Promise<AuthSession> {
    return this.json({ method: 'POST', path: '/api/auth/refresh', body: { refreshToken }, options: live(options) });
  }

  async logout(refreshToken: string, options?: CallOptions): Promise<void> {
    await this.send({ method: 'POST', path: '/api/auth/logout', body: { refreshToken }, options: live(options) });
  }

  me(options?: CallOptions): Promise<User> {
    return this.json({ method: 'GET', path: '/api/me', options: live(options) });
  }

  /** The signed-in customer's profile (the name; null removes it). */
  updateMe(body: UpdateMeBody, options?: CallOptions): Promise<User> {
    return this.json({ method: 'PATCH', path: '/api/me', body, options: live(options) });
  }

  /** The signed-in customer's address book: the default first. */
  savedAddresses(options?: CallOptions): Promise<SavedAddressList> {
    return this.json({ method: 'GET', path: '/api/me/addresses', options: live(options) });
  }

  /** 409 CONFLICT when the book is full; the first address becomes the default. */
  saveAddress(body: CreateSavedAddressBody, options?: CallOptions): Promise<SavedAddress> {
    return this.json({ method: 'POST', path: '/api/me/addresses', body, options: live(options) });
  }

  updateSavedAddress(id: string, body: UpdateSavedAddressBody, options?: CallOptions): Promise<SavedAddress> {
    return this.json({ method: 'PATCH', path: `/api/me/addresses/${enc(id)}`, body, options: live(options) });
  }

  async deleteSavedAddress(id: string, options?: CallOptions): Promise<void> {
    await this.send({ method: 'DELETE', path: `/api/me/addresses/${enc(id)}`, options: live(options) });
  }

  /** 202 whether or not an account has the address: the mail, if any, says the rest. */
  async requestPasswordReset(body: PasswordResetRequestBody, options?: CallOptions): Promise<void> {
    await this.send({ method: 'POST', path: '/api/auth/password-reset', body, options: live(options) });
  }

  /** Every session of the link's account has ended: the shopper signs in with the new password. */
  async confirmPasswordReset(body: PasswordResetConfirmBody, options?: CallOptions): Promise<void> {
    await this.send({ method: 'POST', path: '/api/auth/password-reset/confirm', body, options: live(options) });
  }

  /** The signed-in caller's new session; every other session of the account has ended. */
  changePassword(body: ChangePasswordBody, options?: CallOptions): Promise<AuthSession> {
    return this.json({ method: 'POST', path: '/api/me/password', body, options: live(options) });
  }

  // Carts.

  /** A new guest cart, or the signed-in customer's existing one. */
  createCart(options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'POST', path: '/api/carts', options: live(options) });
  }

  /** The signed-in customer's cart (404 when they have none). */
  currentCart(options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'GET', path: '/api/carts/current', options: live(options) });
  }

  getCart(cartId: string, options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'GET', path: `/api/carts/${enc(cartId)}`, options: live(options) });
  }

  addCartItem(cartId: string, item: { sku: string; quantity?: number }, options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'POST', path: `/api/carts/${enc(cartId)}/items`, body: item, options: live(options) });
  }

  updateCartItem(cartId: string, sku: string, quantity: number, options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'PATCH', path: `/api/carts/${enc(cartId)}/items/${enc(sku)}`, body: { quantity }, options: live(options) });
  }

  removeCartItem(cartId: string, sku: string, options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'DELETE', path: `/api/carts/${enc(cartId)}/items/${enc(sku)}`, options: live(options) });
  }

  /**
   * A sale page's "Buy now": a new cart of one unit of `sku`, bound to the signed-in customer and
   * apart from their own cart, so checking it out (with the held reservation) buys that unit alone.
   */
  createBuyNowCart(body: BuyNowCartBody, options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'POST', path: '/api/carts/buy-now', body, options: live(options) });
  }

  // The signed-in customer's own cart, addressed without its id: a change is one call.

  /** Adds to the signed-in customer's cart, creating it on the first add; answers the cart. */
  addCurrentCartItem(item: { sku: string; quantity?: number }, options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'POST', path: '/api/carts/current/items', body: item, options: live(options) });
  }

  /** Changes a line of the signed-in customer's cart (404 when they have no cart or no such line). */
  updateCurrentCartItem(sku: string, quantity: number, options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'PATCH', path: `/api/carts/current/items/${enc(sku)}`, body: { quantity }, options: live(options) });
  }

  /** Removes a line of the signed-in customer's cart (404 when they have no cart). */
  removeCurrentCartItem(sku: string, options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'DELETE', path: `/api/carts/current/items/${enc(sku)}`, options: live(options) });
  }

  /**
   * Merges guest cart `guestCartId` into the signed-in customer's cart and answers that cart, with
   * the guest lines cut down (stock, limits) or left out in `mergeAdjustments`.
   */
  mergeCart(guestCartId: string, options?: CallOptions): Promise<MergedCart> {
    return this.json({ method: 'POST', path: `/api/carts/${enc(guestCartId)}/merge`, options: live(options) });
  }

  /** Applies a coupon code to a cart (400 COUPON_INVALID with the reason when it cannot apply). */
  applyCoupon(cartId: string, code: string, options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'POST', path: `/api/carts/${enc(cartId)}/coupon`, body: { code }, options: live(options) });
  }

  removeCoupon(cartId: string, options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'DELETE', path: `/api/carts/${enc(cartId)}/coupon`, options: live(options) });
  }

  /** Applies a coupon code to the signed-in customer's own cart. */
  applyCurrentCoupon(code: string, options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'POST', path: '/api/carts/current/coupon', body: { code }, options: live(options) });
  }

  removeCurrentCoupon(options?: CallOptions): Promise<Cart> {
    return this.json({ method: 'DELETE', path: '/api/carts/current/coupon', options: live(options) });
  }

  // Orders (the signed-in customer's own).

  listOrders(params: ListOrdersParams = {}, options?: CallOptions): Promise<OrderPage> {
    return this.json({ method: 'GET', path: '/api/orders', query: { limit: params.limit, cursor: params.cursor }, options: live(options) });
  }

  /** By id or by number (`SO-000123`). */
  getOrder(ref: string, options?: CallOptions): Promise<Order> {
    return this.json({ method: 'GET', path: `/api/orders/${enc(ref)}`, options: live(options) });
  }

  /**
   * The signed-in customer cancels their own order (409 NOT_CANCELLABLE once it shipped or was
   * refunded, `details.why`); answers the order, CANCELLED.
   */
  cancelOrder(ref: string, body: CustomerCancelOrderBody = {}, options?: CallOptions): Promise<Order> {
    return this.json({ method: 'POST', path: `/api/orders/${enc(ref)}/cancel`, body, options: live(options) });
  }

  /** A guest's order by its number and the email given at checkout (public; 404 unless both match). */
  lookupOrder(number: string, email: string, options?: CallOptions): Promise<Order> {
    return this.json({ method: 'GET', path: '/api/orders/lookup', query: { number, email }, options: live(options) });
  }

  // Checkout.

  /** `idempotencyKey` is made once per checkout attempt: a retried submit never charges twice. */
  checkout(body: CheckoutRequest, idempotencyKey: string, options?: CallOptions): Promise<CheckoutAccepted> {
    return this.json({ method: 'POST', path: '/api/checkout', body, headers: { 'idempotency-key': idempotencyKey }, options: live(options) });
  }

  /** The saga's progress of one of the customer's checkouts. */
  getCheckout(checkoutId: string, options?: CallOptions): Promise<CheckoutView> {
    return this.json({ method: 'GET', path: `/api/checkouts/${enc(checkoutId)}`, options: live(options) });
  }

  /**
   * Any gateway call, answered live (never cached): the typed wrappers of the admin APIs live in
   * files of their own (admin-products.ts, ...) built on this, so each console area adds its file.
   */
  request<T>(
    method: HttpMethod,
    path: string,
    init: { query?: Record<string, string | number | undefined>; body?: unknown; headers?: Record<string, string>; options?: CallOptions } = {},
  ): Promise<T> {
    return this.json({ method, path, query: init.query, body: init.body, headers: init.headers, options: live(init.options) });
  }

  /** A file upload (multipart/form-data, the browser's form as it came), answered live. */
  upload<T>(method: HttpMethod, path: string, form: FormData, options?: CallOptions): Promise<T> {
    return this.json({ method, path, form, options: live(options) });
  }

  // Plumbing.

  private catalog(options?: CallOptions): CallOptions | undefined {
    if (options?.cache || options?.next || !this.options.catalogCache) return options;
    return { ...options, next: this.options.catalogCache };
  }

  private async json<T>(spec: RequestSpec): Promise<T> {
    const response = await this.send(spec);
    // 204, or a 202 that only says "accepted": no body to read.
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  private async send(spec: RequestSpec): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers, ...spec.headers };
    if (this.options.accessToken) headers.authorization = `Bearer ${this.options.accessToken}`;
    const init: FetchInit = { method: spec.method, headers };
    if (spec.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(spec.body);
    } else if (spec.form) {
      init.body = spec.form; // fetch writes the multipart body and its boundary
    }
    const timeout = AbortSignal.timeout(this.timeoutMs);
    init.signal = spec.options?.signal ? AbortSignal.any([spec.options.signal, timeout]) : timeout;
    if (spec.options?.cache) init.cache = spec.options.cache;
    if (spec.options?.next) init.next = spec.options.next;

    let response: Response;
    try {
      response = await this.fetchImpl(this.urlOf(spec.path, spec.query), init);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new ApiError(503, GATEWAY_UNREACHABLE, `The gateway could not be reached (${reason})`);
    }
    if (!response.ok) throw await apiErrorFrom(response);
    return response;
  }

  private urlOf(path: string, query?: Record<string, string | number | undefined>): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(key, String(value));
    const qs = params.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }
}

/** SearchParams in the query-string form the contracts' SearchQuery reads: lists comma-separated, booleans as words. */
export function searchQueryOf(params: SearchParams): Record<string, string | number | undefined> {
  const list = (values?: readonly string[]) => (values && values.length > 0 ? values.join(',') : undefined);
  return {
    q: params.q,
    category: params.category,
    minPrice: params.minPrice,
    maxPrice: params.maxPrice,
    inStock: params.inStock === undefined ? undefined : String(params.inStock),
    size: list(params.size),
    colour: list(params.colour),
    sort: params.sort,
    limit: params.limit,
    cursor: params.cursor,
  };
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

/** Per-customer and stock answers must never land in a shared cache. */
function live(options?: CallOptions): CallOptions {
  return { ...options, cache: options?.cache ?? 'no-store' };
}

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  return new GatewayClient(options);
}
