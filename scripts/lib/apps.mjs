// The apps `npm start` runs, in start order (upstreams before the gateway). `nodeFlags`: flags every
// launcher of the app passes to node (npm start, the whole-platform tests, the benches, the image's CMD).
// The old-space cap, with the young generation named too: on Node 20 16 MB semi-spaces are V8's
// default anyway (the flag changes nothing there), but from Node 22 V8 sizes the young generation
// from the heap limit, and with this cap Node 24 gave it up to 128 MB: payments then spent 30 % of
// its busy time collecting and twice Node 20's CPU per checkout, and every service's RSS rose by
// ~80 MB (bench:checkout on Node 24.22, 2026-12-08). With both flags the heap is laid out as on Node 20.
const HEAP_CAPPED = ['--max-old-space-size=192', '--max-semi-space-size=16'];

export const apps = [
  // Under bench:gateway's load the catalog promotes per-request garbage to old space at ~6 MB/s; with
  // V8's default limit (4 GB on a 24 GB machine) old space reached ~160 MB before a major GC: peak RSS
  // 333-384 MB for ~55 MB of live heap. Capped, old space stayed under ~75 MB and the peak at 234-283 MB,
  // with no CPU-per-request difference beyond the noise (runs of 2026-12-06, loaded machine).
  { name: 'catalog', entry: 'apps/catalog/dist/main.js', portVar: 'CATALOG_PORT', port: 3001, nodeFlags: HEAP_CAPPED },
  // Orders, pricing, payments and the gateway the same (bench:checkout 2026-12-06 03:41, uncapped:
  // payments 473 MB, orders 333 MB, pricing 299 MB peak RSS; bench:gateway runs put the gateway
  // at 399-408 MB twice): garbage promoted under load, not live data.
  { name: 'orders', entry: 'apps/orders/dist/main.js', portVar: 'ORDERS_PORT', port: 3004, nodeFlags: HEAP_CAPPED },
  { name: 'cart', entry: 'apps/cart/dist/main.js', portVar: 'CART_PORT', port: 3003 },
  { name: 'inventory', entry: 'apps/inventory/dist/main.js', portVar: 'INVENTORY_PORT', port: 3002 },
  { name: 'pricing', entry: 'apps/pricing/dist/main.js', portVar: 'PRICING_PORT', port: 3006, nodeFlags: HEAP_CAPPED },
  // Search indexes the catalog (and follows catalog, pricing and inventory events): after them.
  // A reindex turns over ~100,000 documents; with V8's default old space the garbage it leaves
  // took the process to ~300 MB before a major GC. Capped, the same reindex peaks under 200 MB
  // with ~50 MB of live heap (docs/benchmarks.md, "Search").
  { name: 'search', entry: 'apps/search/dist/main.js', portVar: 'SEARCH_PORT', port: 3007, nodeFlags: HEAP_CAPPED },
  { name: 'payments', entry: 'apps/payments/dist/main.js', portVar: 'PAYMENTS_PORT', port: 3005, nodeFlags: HEAP_CAPPED },
  // The live dashboard's aggregates: follows the orders, inventory and pricing streams, polls the others' health.
  { name: 'analytics', entry: 'apps/analytics/dist/main.js', portVar: 'ANALYTICS_PORT', port: 3008 },
  // Emails: follows the orders, pricing and inventory streams; asks the gateway about accounts (it
  // starts first and retries while the gateway is not up). No SMTP_URL: mails go to tmp/mail/*.eml.
  { name: 'notifications', entry: 'apps/notifications/dist/main.js', portVar: 'NOTIFICATIONS_PORT', port: 3009 },
  { name: 'gateway', entry: 'apps/gateway/dist/main.js', portVar: 'GATEWAY_PORT', port: 8080, public: true, nodeFlags: HEAP_CAPPED },
  // Next.js (`next start` of apps/storefront/.next); it calls the gateway, so it starts after it.
  { name: 'storefront', entry: 'apps/storefront/server.mjs', portVar: 'STOREFRONT_PORT', port: 3000 },
  // The admin console (Next.js, apps/admin/.next), on the gateway's admin APIs.
  { name: 'admin', entry: 'apps/admin/server.mjs', portVar: 'ADMIN_PORT', port: 3010 },
];

// glibc malloc settings every launcher gives the apps (npm start, the whole-platform tests, the
// benches, the images); a variable already set wins. Outside V8's heap, freed native memory stayed
// resident: each libuv thread's arena kept the 19 MiB of its last argon2 hash (4 threads: +76 MB
// after 8 concurrent logins, measured with argon2 alone), and a gateway under bench:reservations
// peaked at 338 MB RSS with 60-80 MB of JS heap. Two arenas, and allocations of 1 MiB or more
// mapped on their own (returned to the system when freed; setting the threshold also stops glibc
// from raising it after the first large free): the same argon2 test stays at +1 MB, and the
// gateway peaked at 288 MB with the arenas alone and 244 MB with both (one run each, 2026-12-06,
// loaded machine).
export const nativeMemoryEnv = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '1048576' };

/** `env` with `nativeMemoryEnv` filled in where it does not say otherwise (the same object). */
export function withNativeMemoryDefaults(env) {
  for (const [name, value] of Object.entries(nativeMemoryEnv)) env[name] ??= value;
  return env;
}
