/**
 * Which gateway route a console request to `/api/merch/<path>` stands for. Only the merchant's
 * inventory and pricing resources pass (anything else is 404 here, whatever the gateway would
 * say); `flash-sales/:id/live` is the shoppers' view of a sale with the server's time (the
 * countdown's clock). Pure: the route handler (app/api/merch/[...path]/route.ts) calls the gateway.
 */
export const MERCH_RESOURCES = ['inventory', 'price-lists', 'promotions', 'coupons', 'demand-rules', 'flash-sales', 'scheduled-prices'] as const;

export type MerchMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function gatewayPathOf(segments: readonly string[], method: string): { path: string; method: MerchMethod } | undefined {
  const [resource, ...rest] = segments;
  if (!resource || !(MERCH_RESOURCES as readonly string[]).includes(resource)) return undefined;
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) return undefined;
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  if (resource === 'flash-sales' && rest.length === 2 && rest[1] === 'live') {
    return method === 'GET' ? { path: `/api/flash-sales/${encodeURIComponent(rest[0]!)}`, method } : undefined;
  }
  return { path: `/api/admin/${segments.map(encodeURIComponent).join('/')}`, method: method as MerchMethod };
}
