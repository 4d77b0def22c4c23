import type { Access } from '../identity/domain/principal.js';
import type { RateLimitClass } from '../rate-limit/rate-limit-rules.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** What the edge demands of every request to a route, before anything else runs. */
export interface EdgePolicy {
  access: Access;
  rateLimit: RateLimitClass;
  /**
   * An anonymous POST to the prefix itself (creating a resource: a guest cart) is also counted
   * against this class, per client address. Sub-paths are not.
   */
  anonymousCreation?: RateLimitClass;
  /** Reads (GET, HEAD) are counted against this class instead (a shopper reading their own hold must not spend the hold budget). */
  readRateLimit?: RateLimitClass;
}

interface RouteBase extends EdgePolicy {
  /**
   * Path prefix matched on whole segments: `/api/products` covers `/api/products` and
   * `/api/products/x`, never `/api/productsx`. A prefix ending in `/` covers sub-paths only.
   */
  prefix: string;
}

/** Forwarded to an upstream service. */
export interface ProxiedRoute extends RouteBase {
  kind: 'proxy';
  /**
   * Name of the upstream; which instance of it serves a request is decided per request by
   * that upstream's resolver (see upstreams.ts), e.g. by SKU partition for inventory.
   */
  upstream: string;
  /** Methods forwarded; others are 404 at the edge. HEAD comes with GET. */
  methods: readonly HttpMethod[];
  /**
   * Takes `multipart/form-data` uploads: streamed through to the upstream as they arrive, up to
   * the gateway's upload limit (GATEWAY_UPLOAD_LIMIT_BYTES), never parsed here. Elsewhere 415.
   */
  uploads?: boolean;
  /**
   * Takes small `multipart/form-data` bodies (up to FORM_BODY_LIMIT_BYTES), forwarded as
   * received: a mail client's one-click unsubscribe (RFC 8058) posts `List-Unsubscribe=One-Click`
   * as multipart or urlencoded (urlencoded forms are taken everywhere, and forwarded as JSON).
   * Elsewhere multipart is 415 unless the route takes uploads.
   */
  forms?: boolean;
}

/** Served by the gateway itself (identity, docs, probes); the controllers decide the methods. */
export interface LocalRoute extends RouteBase {
  kind: 'local';
}

export type RouteEntry = ProxiedRoute | LocalRoute;

const READ: readonly HttpMethod[] = ['GET'];
const WRITE: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Every path under it needs the admin role, whatever a route entry says. */
export const ADMIN_PREFIX = '/api/admin';

function proxy(prefix: string, upstream: string, options: Partial<EdgePolicy> & { methods: readonly HttpMethod[]; uploads?: boolean; forms?: boolean }): ProxiedRoute {
  const route: ProxiedRoute = { kind: 'proxy', prefix, upstream, access: options.access ?? 'public', rateLimit: options.rateLimit ?? 'default', methods: options.methods };
  if (options.uploads) route.uploads = true;
  if (options.forms) route.forms = true;
  if (options.readRateLimit) route.readRateLimit = options.readRateLimit;
  return options.anonymousCreation ? { ...route, anonymousCreation: options.anonymousCreation } : route;
}

function local(prefix: string, options: Partial<EdgePolicy> = {}): LocalRoute {
  return { kind: 'local', prefix, access: options.access ?? 'public', rateLimit: options.rateLimit ?? 'default' };
}

/**
 * The public API: who may call what, under which rate limit, and who serves it. Every route
 * the gateway registers must match an entry here, or the gateway refuses to start; the
 * authorization tests are generated from it. The first match wins.
 *
 * Adding a service: its entries here (e.g. `proxy('/api/cart', 'cart', { access: 'authenticated',
 * methods: WRITE })`) plus its URL variable in config.ts.
 */
export const routeTable: readonly RouteEntry[] = [
  // Catalog: public reads, merchant writes.
  proxy('/api/products', 'catalog', { methods: READ }),
  proxy('/api/categories', 'catalog', { methods: READ }),
  proxy('/api/variants', 'catalog', { methods: READ }),
  proxy('/media/', 'catalog', { methods: READ }),
  // Product images are uploaded here (POST /api/admin/products/:id/images, multipart).
  proxy('/api/admin/products', 'catalog', { access: 'admin', methods: WRITE, uploads: true }),
  proxy('/api/admin/categories', 'catalog', { access: 'admin', methods: WRITE }),
  // Inventory, routed to the instance that owns the SKU's partition. Holding stock needs an account.
  // GET /api/inventory/reservations/:id: the caller's own reservation (inventory answers anyone
  // else's 404), counted in the default budget: a sale page reading its hold spends no hold.
  proxy('/api/inventory/reservations', 'inventory', { access: 'authenticated', rateLimit: 'reservation', readRateLimit: 'default', methods: ['GET', 'POST', 'DELETE'] }),
  proxy('/api/inventory', 'inventory', { methods: READ }),
  proxy('/api/admin/inventory', 'inventory', { access: 'admin', methods: WRITE }),
  // Carts: guests may shop; a signed-in customer's cart is bound to them by the cart service.
  // Guest carts cost Redis memory for days: a client address creates a bounded number.
  // A signed-in customer changes their own cart without naming it (one call, no read of its id first).
  proxy('/api/carts/current/items', 'cart', { access: 'authenticated', methods: ['POST', 'PATCH', 'DELETE'] }),
  proxy('/api/carts/current/coupon', 'cart', { access: 'authenticated', methods: ['POST', 'DELETE'] }),
  // A sale page's "Buy now": a cart of its own for the held unit, so checkout buys that unit alone.
  proxy('/api/carts/buy-now', 'cart', { access: 'authenticated', methods: ['POST'] }),
  proxy('/api/carts', 'cart', { methods: WRITE, anonymousCreation: 'guest-cart' }),
  // Orders: customers read their own and may cancel one that has not shipped (POST
  // /api/orders/:ref/cancel; the orders service decides); merchants manage all. A guest finds their order by number +
  // email (never by id): public, and counted per client address in a budget of its own (a polling
  // confirmation page must not spend the shopper's sign-in tries, nor sign-ins its lookups), so it
  // cannot be used to probe emails or numbers at speed.
  proxy('/api/orders/lookup', 'orders', { rateLimit: 'order-lookup', methods: READ }),
  proxy('/api/orders', 'orders', { access: 'authenticated', methods: ['GET', 'POST'] }),
  proxy('/api/admin/orders', 'orders', { access: 'admin', methods: WRITE }),
  // Checkout (the payment saga): a signed-in customer, or a guest with their guest cart and an email
  // (payments decides: a guest without an email is 400, a flash-sale or limited SKU ACCOUNT_REQUIRED).
  proxy('/api/checkout', 'payments', { rateLimit: 'checkout', methods: ['POST'] }),
  proxy('/api/checkouts', 'payments', { access: 'authenticated', methods: READ }),
  proxy('/api/admin/checkouts', 'payments', { access: 'admin', methods: WRITE }),
  // Pricing: quotes, prices and flash sales are public; merchants manage the rest.
  proxy('/api/pricing', 'pricing', { methods: ['GET', 'POST'] }),
  proxy('/api/flash-sales', 'pricing', { methods: READ }),
  proxy('/api/admin/flash-sales', 'pricing', { access: 'admin', methods: WRITE }),
  proxy('/api/admin/coupons', 'pricing', { access: 'admin', methods: WRITE }),
  proxy('/api/admin/promotions', 'pricing', { access: 'admin', methods: WRITE }),
  proxy('/api/admin/price-lists', 'pricing', { access: 'admin', methods: WRITE }),
  proxy('/api/admin/scheduled-prices', 'pricing', { access: 'admin', methods: WRITE }),
  proxy('/api/admin/demand-rules', 'pricing', { access: 'admin', methods: WRITE }),
  // Search: anyone may search and get suggestions; only merchants rebuild the index.
  proxy('/api/search', 'search', { methods: READ }),
  proxy('/api/admin/search', 'search', { access: 'admin', methods: ['GET', 'POST'] }),
  // The live dashboard's figures (the stream is server-sent events, passed through unbuffered).
  proxy('/api/admin/analytics', 'analytics', { access: 'admin', methods: READ }),
  // Notifications: a shopper's own reminders and back-in-stock requests; the unsubscribe link of
  // a marketing mail is public (its signed token is the proof): its GET changes nothing (303 to the
  // storefront page that asks), `/unsubscribe/address` and `/unsubscribe/back-in-stock` say what a
  // token would stop, POST (that page's button, or a mail client's one-click form post)
  // unsubscribes; merchants see every mail.
  proxy('/api/notifications/unsubscribe', 'notifications', { methods: ['GET', 'POST'], forms: true }),
  proxy('/api/notifications', 'notifications', { access: 'authenticated', methods: ['GET', 'POST', 'DELETE'] }),
  proxy('/api/admin/notifications', 'notifications', { access: 'admin', methods: ['GET', 'POST'] }),
  // Identity, served by the gateway.
  local('/api/auth', { rateLimit: 'auth' }),
  local('/api/me', { access: 'authenticated' }),
  local('/api/admin/users', { access: 'admin' }),
  // Account addresses for the notifications service: no user token opens it, only that service's
  // signed credential (checked by the controller; end users get 401). Nothing else under /internal.
  local('/internal/identity'),
  // Operations (dead letters of every consumer group), served by the gateway: it has the Redis.
  local('/api/admin/operations', { access: 'admin' }),
  local('/api/docs'),
  // Probes are never rate limited. Metrics are not here: they have their own internal listener
  // (GATEWAY_METRICS_PORT on 127.0.0.1), so the public port answers /metrics with 404.
  local('/health', { rateLimit: 'none' }),
];

/** Whether a path (or a route template such as `/api/admin/users/:id`) falls under a prefix. */
export function coversPath(prefix: string, path: string): boolean {
  if (prefix.endsWith('/')) return path.startsWith(prefix) && path.length > prefix.length;
  return path === prefix || path.startsWith(`${prefix}/`);
}

export function routeFor(path: string, table: readonly RouteEntry[] = routeTable): RouteEntry | undefined {
  return table.find((r) => coversPath(r.prefix, path));
}

/** Requests that match no route (404s) still pass the edge: admin paths as admin, others as public. */
export function fallbackPolicy(path: string): EdgePolicy {
  return coversPath(ADMIN_PREFIX, path) ? { access: 'admin', rateLimit: 'default' } : { access: 'public', rateLimit: 'default' };
}

/**
 * The policy of a path: its entry's, tightened to admin under /api/admin. With `exact` (a
 * registered route's URL), the entry's anonymous-creation limit comes along for the prefix itself.
 */
export function policyFor(path: string, table: readonly RouteEntry[] = routeTable, options: { exact?: boolean } = {}): EdgePolicy | undefined {
  const entry = routeFor(path, table);
  if (!entry) return undefined;
  const policy: EdgePolicy = coversPath(ADMIN_PREFIX, path) ? { access: 'admin', rateLimit: entry.rateLimit } : { access: entry.access, rateLimit: entry.rateLimit };
  if (options.exact && path === entry.prefix && entry.anonymousCreation) policy.anonymousCreation = entry.anonymousCreation;
  if (entry.readRateLimit) policy.readRateLimit = entry.readRateLimit;
  return policy;
}

/** Refuses a table that would leave an admin path open or forward nothing. */
export function assertValidRouteTable(table: readonly RouteEntry[], upstreamNames: readonly string[]): void {
  const seen = new Set<string>();
  for (const entry of table) {
    if (seen.has(entry.prefix)) throw new Error(`route table: ${entry.prefix} is listed twice`);
    seen.add(entry.prefix);
    if (coversPath(ADMIN_PREFIX, entry.prefix) && entry.access !== 'admin') {
      throw new Error(`route table: ${entry.prefix} is under ${ADMIN_PREFIX} and must require the admin role`);
    }
    if (entry.kind === 'proxy') {
      if (entry.methods.length === 0) throw new Error(`route table: ${entry.prefix} forwards no method`);
      if (!upstreamNames.includes(entry.upstream)) throw new Error(`route table: ${entry.prefix} names unknown upstream "${entry.upstream}"`);
    }
  }
}
