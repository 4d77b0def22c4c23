import type { UpstreamName } from '../config.js';

/** Which upstream serves which public path prefix. The first match wins. */
export interface PublicRoute {
  prefix: string;
  upstream: UpstreamName;
}

export const routeTable: readonly PublicRoute[] = [
  { prefix: '/api/products', upstream: 'catalog' },
  { prefix: '/api/categories', upstream: 'catalog' },
  { prefix: '/media/', upstream: 'catalog' },
];

/** Matches whole path segments: `/api/products` and `/api/products/x`, never `/api/productsx`. */
export function routeFor(path: string, table: readonly PublicRoute[] = routeTable): PublicRoute | undefined {
  return table.find((r) => (r.prefix.endsWith('/') ? path.startsWith(r.prefix) : path === r.prefix || path.startsWith(`${r.prefix}/`)));
}
