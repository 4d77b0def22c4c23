import { z } from 'zod';
import {
  AddCartItemBody,
  ApplyCouponBody,
  Coupon,
  CouponCode,
  CouponPage,
  CreateCouponBody,
  FailureCode,
  ListCouponsQuery,
  UpdateCouponBody,
  CreateDemandRuleBody,
  CreateFlashSaleBody,
  CreatePriceListBody,
  CreatePromotionBody,
  CreateScheduledPriceBody,
  DemandPriceChange,
  DemandRule,
  FlashSale,
  FlashSaleAnswer,
  FlashSaleList,
  PriceList,
  PriceListEntriesBody,
  PriceListEntriesQuery,
  PriceListEntriesWritten,
  PriceListEntryPage,
  Promotion,
  Quote,
  QuoteRequest,
  ScheduledPrice,
  ScheduledPricesQuery,
  SkuPrices,
  SkuPricesQuery,
  UpdateDemandRuleBody,
  UpdateFlashSaleBody,
  UpdatePriceListBody,
  UpdatePromotionBody,
  AdjustStockBody,
  AdminListCheckoutsQuery,
  AdminListOrdersQuery,
  AdminListProductsQuery,
  AuthSession,
  CancelOrderBody,
  Cart,
  CartId,
  Category,
  CategoryNode,
  CheckoutAccepted,
  CheckoutBody,
  CheckoutPage,
  CheckoutView,
  CreateCategoryBody,
  CreateProductBody,
  CreateReservationBody,
  ErrorBody,
  FulfilOrderBody,
  IdempotencyKey,
  ListOrdersQuery,
  ListProductsQuery,
  LoginBody,
  LogoutBody,
  Order,
  OrderPage,
  OrderRef,
  Product,
  ProductPage,
  RefreshBody,
  RefundOrderBody,
  RegisterBody,
  Reservation,
  ReservationId,
  ReservationOutcome,
  SaleLimit,
  SaleLimitBody,
  SetStockBody,
  Sku,
  StockLedgerEntry,
  StockLevel,
  PublicStockLevel,
  UpdateCartItemBody,
  UpdateProductBody,
  User,
  VariantList,
  VariantsQuery,
  VariantView,
} from '@shop/contracts';

export type OperationMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** One operation of the public API, described with the shared contracts. */
export interface Operation {
  method: OperationMethod;
  /** OpenAPI path template: `/api/products/{idOrSlug}`. */
  path: string;
  tag: string;
  summary: string;
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  /** Request headers the operation reads, e.g. `Idempotency-Key`; required unless the schema accepts undefined. */
  headers?: Record<string, z.ZodType>;
  /** Name of a request schema in `requestSchemas`; required unless the schema accepts undefined. */
  body?: keyof typeof requestSchemas;
  status: number;
  /** Name of a response schema in `responseSchemas`; none for 204. */
  response?: keyof typeof responseSchemas;
  /**
   * Error answers particular to this operation (status → the codes it answers), on top of the
   * ones every operation can get (400, 404, 429, 503, and 401/403/413 where they apply).
   */
  errors?: Partial<Record<number, string>>;
}

/** Request bodies, documented as clients send them (defaults optional). */
export const requestSchemas = {
  RegisterBody,
  LoginBody,
  RefreshBody,
  LogoutBody,
  CreateProductBody,
  UpdateProductBody,
  CreateCategoryBody,
  CreateReservationBody,
  SetStockBody,
  AdjustStockBody,
  SaleLimitBody,
  AddCartItemBody,
  UpdateCartItemBody,
  ApplyCouponBody,
  CreateCouponBody,
  UpdateCouponBody,
  CancelOrderBody,
  RefundOrderBody,
  FulfilOrderBody,
  CheckoutBody,
  QuoteRequest,
  CreatePriceListBody,
  UpdatePriceListBody,
  PriceListEntriesBody,
  CreateScheduledPriceBody,
  CreatePromotionBody,
  UpdatePromotionBody,
  CreateFlashSaleBody,
  UpdateFlashSaleBody,
  CreateDemandRuleBody,
  UpdateDemandRuleBody,
};

/** Response bodies, documented as the API returns them. */
export const responseSchemas = {
  AuthSession,
  User,
  Product,
  ProductPage,
  Category,
  CategoryTree: z.object({ items: z.array(CategoryNode) }),
  CategoryNode,
  VariantView,
  VariantList,
  StockLevel,
  PublicStockLevel,
  Reservation,
  ReservationOutcome,
  SaleLimit,
  StockLedger: z.array(StockLedgerEntry),
  Cart,
  Coupon,
  CouponPage,
  Order,
  OrderPage,
  CheckoutAccepted,
  CheckoutView,
  CheckoutPage,
  ErrorBody,
  Quote,
  SkuPrices,
  PriceList,
  PriceListList: z.object({ items: z.array(PriceList) }),
  PriceListEntryPage,
  PriceListEntriesWritten,
  ScheduledPrice,
  ScheduledPriceList: z.object({ items: z.array(ScheduledPrice) }),
  Promotion,
  PromotionList: z.object({ items: z.array(Promotion) }),
  FlashSaleList,
  FlashSaleAnswer,
  FlashSale,
  AdminFlashSaleList: z.object({ items: z.array(FlashSale) }),
  DemandRule,
  DemandRuleList: z.object({ items: z.array(DemandRule) }),
  DemandPriceChanges: z.object({ items: z.array(DemandPriceChange) }),
};

const Id = z.uuid();
const Idempotent = { 'Idempotency-Key': IdempotencyKey };

const CART_WRITE_ERRORS = {
  409: 'SKU_UNAVAILABLE (draft, archived or unpriced product), CART_BUSY (too many concurrent changes; retry)',
  422: 'UNKNOWN_SKU, CURRENCY_MISMATCH, QUANTITY_LIMIT_EXCEEDED (details: maxQuantity, requested), CART_FULL',
};
const COUPON_APPLY_ERRORS = {
  400: 'COUPON_INVALID (details: code, reason: unknown | not_started | expired | inactive | exhausted | customer_limit | currency)',
  409: 'CART_BUSY (retry)',
  503: 'DEPENDENCY_UNAVAILABLE (pricing cannot check the code now; retry)',
};
const ORDER_CHANGE_ERRORS = {
  409: 'ILLEGAL_TRANSITION (details: from, to, allowed), CONFLICT (expectedVersion is stale; details: expected, actual)',
};
const STOCK_ERRORS = { 409: 'STOCK_BELOW_COMMITMENTS (onHand would fall below reserved + committed)' };

/** Every operation the gateway exposes. A unit test checks each against the route table, and the table against them. */
export const operations: readonly Operation[] = [
  // Identity (served by the gateway).
  { method: 'post', path: '/api/auth/register', tag: 'Identity', summary: 'Create a customer account and start a session', body: 'RegisterBody', status: 201, response: 'AuthSession', errors: { 409: FailureCode.EMAIL_TAKEN } },
  { method: 'post', path: '/api/auth/login', tag: 'Identity', summary: 'Log in with email and password', body: 'LoginBody', status: 200, response: 'AuthSession', errors: { 401: FailureCode.INVALID_CREDENTIALS } },
  { method: 'post', path: '/api/auth/refresh', tag: 'Identity', summary: 'Exchange a refresh token for a new token pair (the old one is spent)', body: 'RefreshBody', status: 200, response: 'AuthSession', errors: { 401: 'INVALID_REFRESH_TOKEN (a reused token also revokes its session)' } },
  { method: 'post', path: '/api/auth/logout', tag: 'Identity', summary: 'End the session of a refresh token', body: 'LogoutBody', status: 204 },
  { method: 'get', path: '/api/me', tag: 'Identity', summary: 'The current user', status: 200, response: 'User' },
  { method: 'get', path: '/api/admin/users/{id}', tag: 'Identity admin', summary: 'One user', params: { id: Id }, status: 200, response: 'User' },
  { method: 'delete', path: '/api/admin/users/{id}', tag: 'Identity admin', summary: 'Delete a user: sessions end, access tokens stop working', params: { id: Id }, status: 204 },

  // Catalog.
  { method: 'get', path: '/api/products', tag: 'Catalog', summary: 'Active products, filtered, sorted and paginated by cursor', query: ListProductsQuery, status: 200, response: 'ProductPage' },
  { method: 'get', path: '/api/products/{idOrSlug}', tag: 'Catalog', summary: 'One active product by id or slug (ETag, cached)', params: { idOrSlug: z.string() }, status: 200, response: 'Product' },
  { method: 'get', path: '/api/categories', tag: 'Catalog', summary: 'The category tree', status: 200, response: 'CategoryTree' },
  { method: 'get', path: '/api/variants', tag: 'Catalog', summary: 'Look up SKUs of purchasable (active) products; unknown, draft and archived SKUs are left out', query: VariantsQuery, status: 200, response: 'VariantList' },
  { method: 'get', path: '/api/variants/{sku}', tag: 'Catalog', summary: 'One SKU of a purchasable (active) product; a draft or archived one answers 404', params: { sku: Sku }, status: 200, response: 'VariantView' },
  { method: 'get', path: '/api/admin/products', tag: 'Catalog admin', summary: 'Products in any status', query: AdminListProductsQuery, status: 200, response: 'ProductPage' },
  { method: 'post', path: '/api/admin/products', tag: 'Catalog admin', summary: 'Create a product', body: 'CreateProductBody', status: 201, response: 'Product', errors: { 409: 'SLUG_TAKEN, SKU_TAKEN', 422: 'UNKNOWN_CATEGORY, MIXED_CURRENCIES' } },
  { method: 'get', path: '/api/admin/products/{id}', tag: 'Catalog admin', summary: 'One product in any status', params: { id: Id }, status: 200, response: 'Product' },
  { method: 'patch', path: '/api/admin/products/{id}', tag: 'Catalog admin', summary: 'Update a product', params: { id: Id }, body: 'UpdateProductBody', status: 200, response: 'Product', errors: { 409: 'SLUG_TAKEN, SKU_TAKEN, PRODUCT_ARCHIVED, ILLEGAL_STATUS_TRANSITION, CONFLICT (concurrent edit)', 422: 'UNKNOWN_CATEGORY, MIXED_CURRENCIES' } },
  { method: 'post', path: '/api/admin/products/{id}/archive', tag: 'Catalog admin', summary: 'Archive a product', params: { id: Id }, status: 200, response: 'Product' },
  { method: 'post', path: '/api/admin/categories', tag: 'Catalog admin', summary: 'Create a category', body: 'CreateCategoryBody', status: 201, response: 'Category', errors: { 422: FailureCode.PARENT_NOT_FOUND } },

  // Inventory (routed to the instance that owns the SKU's partition).
  { method: 'get', path: '/api/inventory/{sku}', tag: 'Inventory', summary: 'What a shopper sees of a SKU\'s stock: a level (in_stock, low, sold_out), and the available count only when low or zero', params: { sku: Sku }, status: 200, response: 'PublicStockLevel' },
  {
    method: 'post', path: '/api/inventory/reservations', tag: 'Inventory',
    summary: 'Hold stock for some SKUs, all or nothing, until expiresAt (a customer\'s hold: at most the customer TTL, ttlSeconds is capped; bounded per SKU by its sale limit or a default, and in total). The same Idempotency-Key and body answer the same reservation (header idempotent-replayed: true) and hold nothing more',
    headers: Idempotent, body: 'CreateReservationBody', status: 201, response: 'Reservation',
    errors: { 409: 'OUT_OF_STOCK, LIMIT_EXCEEDED (sale limit or hold bounds; details: the SKUs)', 422: 'IDEMPOTENCY_KEY_REUSED (same key, another body)' },
  },
  { method: 'delete', path: '/api/inventory/reservations/{id}', tag: 'Inventory', summary: 'Release your reservation: its stock returns (idempotent). Someone else\'s answers 404', params: { id: ReservationId }, status: 200, response: 'ReservationOutcome', errors: { 409: 'RESERVATION_NOT_HELD (already committed)' } },
  { method: 'get', path: '/api/admin/inventory/{sku}', tag: 'Inventory admin', summary: 'Stock of a SKU: onHand = available + reserved + committed', params: { sku: Sku }, status: 200, response: 'StockLevel' },
  { method: 'put', path: '/api/admin/inventory/{sku}', tag: 'Inventory admin', summary: 'Set the on-hand count (creates the stock record); a ledger entry', params: { sku: Sku }, body: 'SetStockBody', status: 200, response: 'StockLevel', errors: STOCK_ERRORS },
  { method: 'post', path: '/api/admin/inventory/{sku}/adjustments', tag: 'Inventory admin', summary: 'Change the on-hand count by a delta, with a reason; a ledger entry', params: { sku: Sku }, body: 'AdjustStockBody', status: 200, response: 'StockLevel', errors: STOCK_ERRORS },
  { method: 'put', path: '/api/admin/inventory/{sku}/sale-limit', tag: 'Inventory admin', summary: 'Flash-sale limit: at most perCustomer units per customer within the window', params: { sku: Sku }, body: 'SaleLimitBody', status: 200, response: 'SaleLimit' },
  { method: 'get', path: '/api/admin/inventory/{sku}/ledger', tag: 'Inventory admin', summary: 'The last 100 on-hand changes, newest first', params: { sku: Sku }, status: 200, response: 'StockLedger' },

  // Carts (guests may shop; a cart created with a token is bound to that customer, others get 404).
  { method: 'post', path: '/api/carts', tag: 'Carts', summary: 'Create a cart (201), or answer the signed-in customer\'s existing one (200); sets the cart_id cookie', status: 201, response: 'Cart' },
  { method: 'get', path: '/api/carts/current', tag: 'Carts', summary: 'The signed-in customer\'s cart; 404 when there is none', status: 200, response: 'Cart' },
  { method: 'post', path: '/api/carts/current/items', tag: 'Carts', summary: 'Add a SKU to the signed-in customer\'s own cart, creating the cart on the first add; answers the cart', body: 'AddCartItemBody', status: 200, response: 'Cart', errors: CART_WRITE_ERRORS },
  { method: 'patch', path: '/api/carts/current/items/{sku}', tag: 'Carts', summary: 'Change the quantity of a line of the signed-in customer\'s cart; answers the cart (404 when they have no cart or no such line)', params: { sku: Sku }, body: 'UpdateCartItemBody', status: 200, response: 'Cart', errors: CART_WRITE_ERRORS },
  { method: 'delete', path: '/api/carts/current/items/{sku}', tag: 'Carts', summary: 'Remove a line of the signed-in customer\'s cart (also when it is not there); answers the cart (404 when they have no cart)', params: { sku: Sku }, status: 200, response: 'Cart', errors: { 409: 'CART_BUSY (retry)' } },
  { method: 'get', path: '/api/carts/{id}', tag: 'Carts', summary: 'A cart, re-priced (verified: false when the catalog could not be asked)', params: { id: CartId }, status: 200, response: 'Cart' },
  { method: 'post', path: '/api/carts/{id}/items', tag: 'Carts', summary: 'Add a SKU (or more of one already there); answers the cart', params: { id: CartId }, body: 'AddCartItemBody', status: 200, response: 'Cart', errors: CART_WRITE_ERRORS },
  { method: 'patch', path: '/api/carts/{id}/items/{sku}', tag: 'Carts', summary: 'Change the quantity of a line; answers the cart', params: { id: CartId, sku: Sku }, body: 'UpdateCartItemBody', status: 200, response: 'Cart', errors: CART_WRITE_ERRORS },
  { method: 'delete', path: '/api/carts/{id}/items/{sku}', tag: 'Carts', summary: 'Remove a line (also when it is not there); answers the cart', params: { id: CartId, sku: Sku }, status: 200, response: 'Cart', errors: { 409: 'CART_BUSY (retry)' } },
  { method: 'post', path: '/api/carts/{id}/coupon', tag: 'Carts', summary: 'Apply a coupon code (case-insensitive; replaces the cart\'s code); answers the cart, priced with it. A code that later stops applying stays on the cart as coupon.status not_applied with its reason', params: { id: CartId }, body: 'ApplyCouponBody', status: 200, response: 'Cart', errors: COUPON_APPLY_ERRORS },
  { method: 'delete', path: '/api/carts/{id}/coupon', tag: 'Carts', summary: 'Remove the cart\'s coupon (also when there is none); answers the cart', params: { id: CartId }, status: 200, response: 'Cart', errors: { 409: 'CART_BUSY (retry)' } },
  { method: 'post', path: '/api/carts/current/coupon', tag: 'Carts', summary: 'Apply a coupon code to the signed-in customer\'s own cart (404 when they have none); answers the cart', body: 'ApplyCouponBody', status: 200, response: 'Cart', errors: COUPON_APPLY_ERRORS },
  { method: 'delete', path: '/api/carts/current/coupon', tag: 'Carts', summary: 'Remove the coupon of the signed-in customer\'s cart; answers the cart (404 when they have no cart)', status: 200, response: 'Cart', errors: { 409: 'CART_BUSY (retry)' } },
  { method: 'post', path: '/api/carts/{id}/merge', tag: 'Carts', summary: 'Merge guest cart {id} into the signed-in customer\'s cart (on login; idempotent); answers the customer\'s cart', params: { id: CartId }, status: 200, response: 'Cart', errors: { 401: 'UNAUTHORIZED (needs a signed-in customer)', 409: 'CART_BUSY (retry)' } },

  // Coupons (pricing): the merchant's codes with their usage; checkouts hold a use like stock.
  { method: 'post', path: '/api/admin/coupons', tag: 'Pricing admin', summary: 'Create a coupon: percentOff, amountOff or freeShipping, with an optional total usage limit, per-customer limit and window', body: 'CreateCouponBody', status: 201, response: 'Coupon', errors: { 409: 'COUPON_CODE_TAKEN' } },
  { method: 'get', path: '/api/admin/coupons', tag: 'Pricing admin', summary: 'Every coupon in code order with its usage so far (used: consumed by confirmed checkouts, held: by checkouts in progress)', query: ListCouponsQuery, status: 200, response: 'CouponPage' },
  { method: 'get', path: '/api/admin/coupons/{code}', tag: 'Pricing admin', summary: 'A coupon with its usage', params: { code: CouponCode }, status: 200, response: 'Coupon' },
  { method: 'patch', path: '/api/admin/coupons/{code}', tag: 'Pricing admin', summary: 'Change a coupon\'s limits or window, or switch it off (active: false); null clears a limit or window edge', params: { code: CouponCode }, body: 'UpdateCouponBody', status: 200, response: 'Coupon', errors: { 409: 'CONFLICT (usageLimit below the uses already consumed or held; details: taken)' } },

  // Pricing: quotes and prices for everyone; the merchant's price lists, sale prices, promotions and demand rules.
  { method: 'post', path: '/api/pricing/quote', tag: 'Pricing', summary: 'Price some lines now with every discount that applies and why, signed (HMAC) so checkout can charge it unchanged; expiresAt ends no later than the next price or promotion window change', body: 'QuoteRequest', status: 200, response: 'Quote', errors: { 400: 'COUPON_INVALID (details.reason: unknown, expired, exhausted...)', 409: 'SKU_UNAVAILABLE', 422: 'UNKNOWN_SKU, CURRENCY_MISMATCH' } },
  { method: 'get', path: '/api/pricing/prices', tag: 'Pricing', summary: 'Each SKU\'s list price and its price now (a sale price to strike the list price through), with when that price stops', query: SkuPricesQuery, status: 200, response: 'SkuPrices' },
  { method: 'post', path: '/api/admin/price-lists', tag: 'Pricing admin', summary: 'Create a price list (one currency, optionally one customer group, a priority and a window)', body: 'CreatePriceListBody', status: 201, response: 'PriceList' },
  { method: 'get', path: '/api/admin/price-lists', tag: 'Pricing admin', summary: 'Every price list', status: 200, response: 'PriceListList' },
  { method: 'get', path: '/api/admin/price-lists/{id}', tag: 'Pricing admin', summary: 'A price list', params: { id: Id }, status: 200, response: 'PriceList' },
  { method: 'patch', path: '/api/admin/price-lists/{id}', tag: 'Pricing admin', summary: 'Change a price list', params: { id: Id }, body: 'UpdatePriceListBody', status: 200, response: 'PriceList' },
  { method: 'delete', path: '/api/admin/price-lists/{id}', tag: 'Pricing admin', summary: 'Delete a price list and its entries', params: { id: Id }, status: 204 },
  { method: 'put', path: '/api/admin/price-lists/{id}/entries', tag: 'Pricing admin', summary: 'Upsert up to 10,000 SKU prices of a list (the gateway accepts bodies up to GATEWAY_BODY_LIMIT_BYTES)', params: { id: Id }, body: 'PriceListEntriesBody', status: 200, response: 'PriceListEntriesWritten' },
  { method: 'get', path: '/api/admin/price-lists/{id}/entries', tag: 'Pricing admin', summary: 'A list\'s entries in SKU order', params: { id: Id }, query: PriceListEntriesQuery, status: 200, response: 'PriceListEntryPage' },
  { method: 'delete', path: '/api/admin/price-lists/{id}/entries/{sku}', tag: 'Pricing admin', summary: 'Remove a SKU from a list', params: { id: Id, sku: Sku }, status: 204 },
  { method: 'post', path: '/api/admin/scheduled-prices', tag: 'Pricing admin', summary: 'A SKU\'s sale price from startsAt (inclusive) to endsAt (exclusive), to the second', body: 'CreateScheduledPriceBody', status: 201, response: 'ScheduledPrice' },
  { method: 'get', path: '/api/admin/scheduled-prices', tag: 'Pricing admin', summary: 'Scheduled prices, optionally of one SKU', query: ScheduledPricesQuery, status: 200, response: 'ScheduledPriceList' },
  { method: 'get', path: '/api/admin/scheduled-prices/{id}', tag: 'Pricing admin', summary: 'A scheduled price', params: { id: Id }, status: 200, response: 'ScheduledPrice' },
  { method: 'delete', path: '/api/admin/scheduled-prices/{id}', tag: 'Pricing admin', summary: 'Delete a scheduled price', params: { id: Id }, status: 204 },
  { method: 'post', path: '/api/admin/promotions', tag: 'Pricing admin', summary: 'Create a promotion (percent or amount off a product, SKU, category subtree or the cart; buy X get Y; free shipping) with a window, a priority and an exclusive flag (stacking: docs/pricing.md)', body: 'CreatePromotionBody', status: 201, response: 'Promotion' },
  { method: 'get', path: '/api/admin/promotions', tag: 'Pricing admin', summary: 'Every promotion', status: 200, response: 'PromotionList' },
  { method: 'get', path: '/api/admin/promotions/{id}', tag: 'Pricing admin', summary: 'A promotion', params: { id: Id }, status: 200, response: 'Promotion' },
  { method: 'patch', path: '/api/admin/promotions/{id}', tag: 'Pricing admin', summary: 'Change a promotion\'s name, window, priority or exclusivity, or switch it off', params: { id: Id }, body: 'UpdatePromotionBody', status: 200, response: 'Promotion' },
  { method: 'delete', path: '/api/admin/promotions/{id}', tag: 'Pricing admin', summary: 'Delete a promotion', params: { id: Id }, status: 204 },
  { method: 'post', path: '/api/admin/demand-rules', tag: 'Pricing admin', summary: 'A demand-pricing rule: the SKU\'s price moves between floor and ceiling with its sell-through, at most every intervalMinutes', body: 'CreateDemandRuleBody', status: 201, response: 'DemandRule' },
  { method: 'get', path: '/api/admin/demand-rules', tag: 'Pricing admin', summary: 'Every demand rule with its current price', status: 200, response: 'DemandRuleList' },
  { method: 'get', path: '/api/admin/demand-rules/{id}', tag: 'Pricing admin', summary: 'A demand rule', params: { id: Id }, status: 200, response: 'DemandRule' },
  { method: 'patch', path: '/api/admin/demand-rules/{id}', tag: 'Pricing admin', summary: 'The kill switch: enabled false puts the list price back at once', params: { id: Id }, body: 'UpdateDemandRuleBody', status: 200, response: 'DemandRule' },
  { method: 'get', path: '/api/admin/demand-rules/{id}/changes', tag: 'Pricing admin', summary: 'Every automatic price change of a rule with its reason', params: { id: Id }, status: 200, response: 'DemandPriceChanges' },

  // Flash sales (pricing): scheduled by the merchant, enforced by the inventory engine.
  { method: 'get', path: '/api/flash-sales', tag: 'Flash sales', summary: 'Live and upcoming sales (and those ended in the last day) with the server\'s time and live remaining units', status: 200, response: 'FlashSaleList' },
  { method: 'get', path: '/api/flash-sales/{id}', tag: 'Flash sales', summary: 'One sale with the server\'s time', params: { id: Id }, status: 200, response: 'FlashSaleAnswer' },
  { method: 'post', path: '/api/admin/flash-sales', tag: 'Flash sales admin', summary: 'Schedule a sale: units of a SKU at a sale price in a window, at most perCustomerLimit each; configures the inventory engine. Impossible values are refused naming the field', body: 'CreateFlashSaleBody', status: 201, response: 'FlashSale' },
  { method: 'get', path: '/api/admin/flash-sales', tag: 'Flash sales admin', summary: 'Sales, newest first, with units taken so far', status: 200, response: 'AdminFlashSaleList' },
  { method: 'get', path: '/api/admin/flash-sales/{id}', tag: 'Flash sales admin', summary: 'A sale', params: { id: Id }, status: 200, response: 'FlashSale' },
  { method: 'patch', path: '/api/admin/flash-sales/{id}', tag: 'Flash sales admin', summary: 'Change a sale while it is scheduled', params: { id: Id }, body: 'UpdateFlashSaleBody', status: 200, response: 'FlashSale', errors: { 409: 'FLASH_SALE_NOT_SCHEDULED' } },
  { method: 'post', path: '/api/admin/flash-sales/{id}/cancel', tag: 'Flash sales admin', summary: 'Cancel a scheduled sale (its inventory limit is removed)', params: { id: Id }, status: 200, response: 'FlashSale', errors: { 409: 'FLASH_SALE_NOT_SCHEDULED' } },

  // Orders.
  { method: 'get', path: '/api/orders', tag: 'Orders', summary: 'The caller\'s orders, newest first', query: ListOrdersQuery, status: 200, response: 'OrderPage' },
  { method: 'get', path: '/api/orders/{ref}', tag: 'Orders', summary: 'One of the caller\'s orders by id or number (SO-000123), with its history', params: { ref: OrderRef }, status: 200, response: 'Order' },
  { method: 'get', path: '/api/admin/orders', tag: 'Orders admin', summary: 'Any orders, newest first (from inclusive, to exclusive)', query: AdminListOrdersQuery, status: 200, response: 'OrderPage' },
  { method: 'get', path: '/api/admin/orders/{ref}', tag: 'Orders admin', summary: 'An order by id or number', params: { ref: OrderRef }, status: 200, response: 'Order' },
  { method: 'post', path: '/api/admin/orders/{ref}/cancel', tag: 'Orders admin', summary: 'Cancel an order (a paid one is voided or refunded by payments)', params: { ref: OrderRef }, body: 'CancelOrderBody', status: 200, response: 'Order', errors: ORDER_CHANGE_ERRORS },
  { method: 'post', path: '/api/admin/orders/{ref}/refund', tag: 'Orders admin', summary: 'Refund a confirmed or fulfilled order', params: { ref: OrderRef }, body: 'RefundOrderBody', status: 200, response: 'Order', errors: ORDER_CHANGE_ERRORS },
  { method: 'post', path: '/api/admin/orders/{ref}/fulfil', tag: 'Orders admin', summary: 'Mark a confirmed order fulfilled (body optional)', params: { ref: OrderRef }, body: 'FulfilOrderBody', status: 200, response: 'Order', errors: ORDER_CHANGE_ERRORS },

  // Checkout (the payments service's saga).
  {
    method: 'post', path: '/api/checkout', tag: 'Checkout',
    summary: 'Check out a cart: 202 names the order at once, GET /api/orders/{orderId} shows it settle (CONFIRMED or CANCELLED with its reason). The same Idempotency-Key and body answer the same checkout, never a second charge',
    headers: Idempotent, body: 'CheckoutBody', status: 202, response: 'CheckoutAccepted',
    errors: {
      404: 'CART_NOT_FOUND (no such cart, or another customer\'s)',
      400: 'QUOTE_INVALID (the quote sent was not signed by pricing), COUPON_INVALID',
      409: `${FailureCode.SKU_UNAVAILABLE}, PRICE_CHANGED (details: the new quote; nothing was charged), COUPON_EXHAUSTED (the coupon's last use went to another checkout), RESERVATION_REFUSED (reservationId is not the caller's held reservation)`,
      422: 'IDEMPOTENCY_KEY_REUSED (same key, another body), CART_EMPTY, CURRENCY_MISMATCH, ORDER_REFUSED',
      503: 'DEPENDENCY_UNAVAILABLE (cart, pricing or orders unreachable; retry with the same key)',
    },
  },
  { method: 'get', path: '/api/checkouts/{id}', tag: 'Checkout', summary: 'The caller\'s checkout: the saga\'s state, current step and each step\'s attempts', params: { id: Id }, status: 200, response: 'CheckoutView' },
  { method: 'get', path: '/api/admin/checkouts', tag: 'Checkout admin', summary: 'Checkouts, newest first; state=dead is the dead-letter queue', query: AdminListCheckoutsQuery, status: 200, response: 'CheckoutPage' },
  { method: 'get', path: '/api/admin/checkouts/{id}', tag: 'Checkout admin', summary: 'A checkout', params: { id: Id }, status: 200, response: 'CheckoutView' },
  { method: 'post', path: '/api/admin/checkouts/{id}/retry', tag: 'Checkout admin', summary: 'Run a dead checkout\'s failed step again with a fresh retry budget', params: { id: Id }, status: 200, response: 'CheckoutView', errors: { 409: 'NOT_RETRYABLE (the checkout is not dead)' } },
  { method: 'post', path: '/api/admin/checkouts/{id}/cancel', tag: 'Checkout admin', summary: 'Compensate a checkout that has not reached the point of no return', params: { id: Id }, status: 200, response: 'CheckoutView', errors: { 409: 'NOT_CANCELLABLE (past the point of no return)' } },
];
