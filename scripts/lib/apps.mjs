// The apps `npm start` runs, in start order (upstreams before the gateway).
export const apps = [
  { name: 'catalog', entry: 'apps/catalog/dist/main.js', portVar: 'CATALOG_PORT', port: 3001 },
  { name: 'orders', entry: 'apps/orders/dist/main.js', portVar: 'ORDERS_PORT', port: 3004 },
  { name: 'cart', entry: 'apps/cart/dist/main.js', portVar: 'CART_PORT', port: 3003 },
  { name: 'inventory', entry: 'apps/inventory/dist/main.js', portVar: 'INVENTORY_PORT', port: 3002 },
  { name: 'pricing', entry: 'apps/pricing/dist/main.js', portVar: 'PRICING_PORT', port: 3006 },
  { name: 'payments', entry: 'apps/payments/dist/main.js', portVar: 'PAYMENTS_PORT', port: 3005 },
  { name: 'gateway', entry: 'apps/gateway/dist/main.js', portVar: 'GATEWAY_PORT', port: 8080, public: true },
  // Next.js (`next start` of apps/storefront/.next); it calls the gateway, so it starts after it.
  { name: 'storefront', entry: 'apps/storefront/server.mjs', portVar: 'STOREFRONT_PORT', port: 3000 },
];
