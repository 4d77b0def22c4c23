// The apps `npm start` runs, in start order (upstreams before the gateway).
export const apps = [
  { name: 'catalog', entry: 'apps/catalog/dist/main.js', portVar: 'CATALOG_PORT', port: 3001 },
  { name: 'gateway', entry: 'apps/gateway/dist/main.js', portVar: 'GATEWAY_PORT', port: 8080, public: true },
];
