import { describe, expect, it } from 'vitest';
import { assertValidRouteTable, fallbackPolicy, policyFor, routeFor, routeTable, type RouteEntry } from './route-table.js';

describe('route table', () => {
  it('routes whole path segments to their upstream', () => {
    const upstreamOf = (path: string) => {
      const route = routeFor(path);
      return route?.kind === 'proxy' ? route.upstream : route?.kind;
    };
    expect(upstreamOf('/api/products')).toBe('catalog');
    expect(upstreamOf('/api/products/abc')).toBe('catalog');
    expect(upstreamOf('/api/categories')).toBe('catalog');
    expect(upstreamOf('/media/placeholder/x.svg')).toBe('catalog');
    expect(upstreamOf('/api/admin/products/abc/archive')).toBe('catalog');
    expect(upstreamOf('/api/auth/login')).toBe('local');
    expect(upstreamOf('/api/inventory/reservations/r3_x')).toBe('inventory');
    expect(upstreamOf('/api/inventory/TEE-M')).toBe('inventory');
    expect(upstreamOf('/api/carts/c_1/items')).toBe('cart');
    expect(upstreamOf('/api/orders/SO-000001')).toBe('orders');
    expect(upstreamOf('/api/checkout')).toBe('payments');
    expect(upstreamOf('/api/search')).toBe('search');
    expect(upstreamOf('/api/search/suggest')).toBe('search');
    expect(upstreamOf('/api/admin/search/reindex')).toBe('search');
  });

  it('lets only an admin read the live dashboard figures', () => {
    for (const path of ['/api/admin/analytics/dashboard', '/api/admin/analytics/stream', '/api/admin/analytics/sales/x']) {
      expect(routeFor(path)).toMatchObject({ upstream: 'analytics', access: 'admin', methods: ['GET'] });
    }
  });

  it('lets anyone search under the normal limits, and only an admin rebuild the index', () => {
    expect(policyFor('/api/search')).toEqual({ access: 'public', rateLimit: 'default' });
    expect(policyFor('/api/search/suggest')).toEqual({ access: 'public', rateLimit: 'default' });
    expect(routeFor('/api/search')).toMatchObject({ kind: 'proxy', methods: ['GET'] });
    expect(policyFor('/api/admin/search/reindex')).toEqual({ access: 'admin', rateLimit: 'default' });
    expect(routeFor('/api/admin/search/reindex')).toMatchObject({ kind: 'proxy', methods: ['GET', 'POST'] });
    expect(routeFor('/api/searchx')).toBeUndefined();
  });

  it('asks for an account to hold stock or read orders by id, not to browse, fill a cart or check out as a guest', () => {
    // Reading one's own reservation is counted in the default budget, not the hold budget.
    expect(policyFor('/api/inventory/reservations')).toEqual({ access: 'authenticated', rateLimit: 'reservation', readRateLimit: 'default' });
    // A shopper reads their own reservation (a sale page checks its hold still stands), holds and releases.
    expect(routeFor('/api/inventory/reservations/r3_x')).toMatchObject({ upstream: 'inventory', methods: ['GET', 'POST', 'DELETE'] });
    expect(policyFor('/api/inventory/TEE-M')?.access).toBe('public');
    expect(policyFor('/api/checkout')).toEqual({ access: 'public', rateLimit: 'checkout' });
    expect(policyFor('/api/orders')?.access).toBe('authenticated');
    expect(policyFor('/api/orders/6f9619ff-8b86-4d01-b42d-00cf4fc964ff')?.access).toBe('authenticated');
    // A guest's order by number + email: public, counted per client address like logins.
    expect(policyFor('/api/orders/lookup')).toEqual({ access: 'public', rateLimit: 'order-lookup' });
    expect(policyFor('/api/carts')?.access).toBe('public');
    // The signed-in customer's own cart, addressed without its id.
    expect(policyFor('/api/carts/current/items')).toEqual({ access: 'authenticated', rateLimit: 'default' });
    expect(policyFor('/api/carts/current/items/TEE-M')?.access).toBe('authenticated');
    expect(policyFor('/api/carts/current/coupon')).toEqual({ access: 'authenticated', rateLimit: 'default' });
    expect(routeFor('/api/carts/current/coupon')).toMatchObject({ kind: 'proxy', upstream: 'cart' });
    expect(policyFor('/api/carts/current')?.access).toBe('public');
    // A sale page's Buy now cart: the held unit alone, for a signed-in customer.
    expect(policyFor('/api/carts/buy-now')).toEqual({ access: 'authenticated', rateLimit: 'default' });
    expect(routeFor('/api/carts/buy-now')).toMatchObject({ kind: 'proxy', upstream: 'cart', methods: ['POST'] });
    expect(policyFor('/api/carts/c_1/items')?.access).toBe('public');
    // A guest applies a coupon to the cart they hold the id of.
    expect(policyFor('/api/carts/c_1/coupon')?.access).toBe('public');
    expect(policyFor('/api/admin/coupons/WELCOME10')).toEqual({ access: 'admin', rateLimit: 'default' });
    expect(routeFor('/api/admin/coupons')).toMatchObject({ kind: 'proxy', upstream: 'pricing' });
  });

  it('opens the unsubscribe links and their details to anyone (the token is the proof), and keeps a shopper\'s own requests behind sign-in', () => {
    for (const path of ['/api/notifications/unsubscribe', '/api/notifications/unsubscribe/address', '/api/notifications/unsubscribe/back-in-stock']) {
      expect(policyFor(path), path).toEqual({ access: 'public', rateLimit: 'default' });
      expect(routeFor(path), path).toMatchObject({ kind: 'proxy', upstream: 'notifications', methods: ['GET', 'POST'], forms: true });
    }
    expect(policyFor('/api/notifications/back-in-stock')?.access).toBe('authenticated');
    expect(policyFor('/api/notifications/subscriptions')?.access).toBe('authenticated');
    expect(routeFor('/api/notifications/unsubscribex')).toMatchObject({ upstream: 'notifications', access: 'authenticated' });
  });

  it('does not match a longer word or an unknown path', () => {
    expect(routeFor('/api/productsx')).toBeUndefined();
    expect(routeFor('/api/ordersx')).toBeUndefined();
    expect(routeFor('/api/shipping')).toBeUndefined();
    expect(routeFor('/media')).toBeUndefined();
  });

  it('matches Fastify route templates too, so registered routes find their policy', () => {
    expect(policyFor('/api/admin/users/:id')).toEqual({ access: 'admin', rateLimit: 'default' });
    expect(policyFor('/api/products/*')).toEqual({ access: 'public', rateLimit: 'default' });
    expect(policyFor('/api/auth/login')).toEqual({ access: 'public', rateLimit: 'auth' });
    expect(policyFor('/health/ready')).toEqual({ access: 'public', rateLimit: 'none' });
    expect(policyFor('/unknown')).toBeUndefined();
  });

  it('puts everything under /api/admin behind the admin role, listed or not', () => {
    for (const entry of routeTable.filter((r) => r.prefix.startsWith('/api/admin'))) expect(entry.access).toBe('admin');
    expect(fallbackPolicy('/api/admin/anything/else').access).toBe('admin');
    expect(fallbackPolicy('/api/adminx').access).toBe('public');
    expect(() => assertValidRouteTable(routeTable, ['catalog', 'inventory', 'cart', 'orders', 'payments', 'pricing', 'search', 'analytics', 'notifications'])).not.toThrow();
  });

  it('refuses a table that leaves an admin path open, repeats a prefix or names an unknown upstream', () => {
    const open: RouteEntry = { kind: 'proxy', prefix: '/api/admin/secrets', upstream: 'catalog', access: 'authenticated', rateLimit: 'default', methods: ['GET'] };
    expect(() => assertValidRouteTable([open], ['catalog'])).toThrow(/must require the admin role/);
    expect(() => assertValidRouteTable([routeTable[0]!, routeTable[0]!], ['catalog'])).toThrow(/listed twice/);
    expect(() => assertValidRouteTable(routeTable, [])).toThrow(/unknown upstream "catalog"/);
  });
});
