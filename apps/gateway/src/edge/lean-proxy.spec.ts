import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { coversPath, policyFor, routeTable, type RouteEntry } from '../routing/route-table.js';
import type { Upstreams, UpstreamResolver } from '../routing/upstreams.js';
import { leanProxyRouter } from './lean-proxy.js';

// Routing only: no request is forwarded here, so the resolvers never pick an instance.
const noInstance: UpstreamResolver = { resolve: () => undefined, instances: () => [] };
const upstreams: Upstreams = Object.fromEntries(['catalog', 'inventory', 'cart', 'orders', 'payments', 'pricing', 'search', 'analytics', 'notifications'].map((name) => [name, noInstance]));
const edge = () => {
  throw new Error('routing only');
};
const router = leanProxyRouter({ routes: routeTable, upstreams, edge, bodyLimitBytes: 1024 });

function templateOf(method: string, url: string, headers: IncomingHttpHeaders = {}): string | undefined {
  return router({ method, url, headers } as IncomingMessage)?.template;
}

const json = (length: number): IncomingHttpHeaders => ({ 'content-type': 'application/json', 'content-length': String(length) });

describe('leanProxyRouter', () => {
  it('takes proxied reads and names them by the template of the Fastify route they replace', () => {
    expect(templateOf('GET', '/api/products')).toBe('/api/products');
    expect(templateOf('GET', '/api/products/bench-tee?x=1')).toBe('/api/products/*');
    expect(templateOf('HEAD', '/api/products/bench-tee')).toBe('/api/products/*');
    expect(templateOf('GET', '/api/products/')).toBe('/api/products/*');
    expect(templateOf('GET', '/media/a/b.png')).toBe('/media/*');
    expect(templateOf('GET', '/api/admin/products')).toBe('/api/admin/products');
  });

  it('picks, per method, the longest prefix that forwards it (as the router of registered routes does)', () => {
    expect(templateOf('POST', '/api/inventory/reservations', json(40))).toBe('/api/inventory/reservations');
    expect(templateOf('DELETE', '/api/inventory/reservations/r1_x')).toBe('/api/inventory/reservations/*');
    // A shopper reads their own reservation under /api/inventory/reservations (signed in), not the public /api/inventory entry.
    expect(templateOf('GET', '/api/inventory/reservations/r1_x')).toBe('/api/inventory/reservations/*');
    // GET is not forwarded under /api/carts/current/items: the shorter /api/carts entry takes it.
    expect(templateOf('GET', '/api/carts/current/items')).toBe('/api/carts/*');
    expect(templateOf('POST', '/api/carts/current/items', json(30))).toBe('/api/carts/current/items');
  });

  it('gives each lean route the policy the edge installer attaches to its Fastify twin', () => {
    for (const [method, url] of [
      ['GET', '/api/products/x'],
      ['POST', '/api/carts'],
      ['GET', '/api/carts/c1'],
      ['GET', '/api/admin/inventory/sku-1'],
      ['POST', '/api/inventory/reservations'],
      ['GET', '/api/orders/lookup'],
    ] as const) {
      const template = templateOf(method, url, method === 'POST' ? json(2) : {});
      expect(template, url).toBeDefined();
      // The guest-cart limit applies to the exact prefix only, as on Fastify's route `/api/carts`.
      expect(policyFor(template!, routeTable, { exact: true }), url).toBeDefined();
    }
    expect(policyFor(templateOf('POST', '/api/carts', json(2))!, routeTable, { exact: true })?.anonymousCreation).toBe('guest-cart');
    expect(policyFor(templateOf('GET', '/api/carts/c1')!, routeTable, { exact: true })?.anonymousCreation).toBeUndefined();
  });

  it('leaves to Fastify what the gateway serves itself, what no entry forwards, and preflights', () => {
    for (const [method, url] of [
      ['GET', '/api/me'],
      ['POST', '/api/auth/login'],
      ['GET', '/api/admin/users/u1'],
      ['GET', '/health/live'],
      ['GET', '/api/docs'],
      ['POST', '/api/products'],
      ['GET', '/api/productsx'],
      ['GET', '/media/'],
      ['GET', '//api/products'],
      ['GET', '/api/admin/nothing-here'],
      ['OPTIONS', '/api/products'],
    ] as const) {
      expect(templateOf(method, url), `${method} ${url}`).toBeUndefined();
    }
  });

  it('takes no body or a JSON body within the limit; leaves uploads, chunked, other and oversized bodies to Fastify', () => {
    expect(templateOf('POST', '/api/carts', json(1024))).toBe('/api/carts');
    expect(templateOf('POST', '/api/carts', { 'content-type': 'application/json; charset=utf-8', 'content-length': '10' })).toBe('/api/carts');
    expect(templateOf('DELETE', '/api/carts/c1/items/x')).toBe('/api/carts/*');
    expect(templateOf('POST', '/api/carts', json(1025))).toBeUndefined();
    expect(templateOf('POST', '/api/carts', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' })).toBeUndefined();
    expect(templateOf('POST', '/api/admin/products/p1/images', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '100' })).toBeUndefined();
    expect(templateOf('POST', '/api/carts', { 'content-type': 'text/plain', 'content-length': '5' })).toBeUndefined();
    // Fastify answers an empty JSON body 400; a read with a body is not ours to guess about.
    expect(templateOf('POST', '/api/carts', json(0))).toBeUndefined();
    expect(templateOf('GET', '/api/products', json(5))).toBeUndefined();
    expect(templateOf('POST', '/api/carts', { 'content-type': 'application/json', 'content-length': 'ten' })).toBeUndefined();
  });

  it('picks what a walk of the whole table, longest prefix first, picks (for every entry and its neighbours)', () => {
    // The reference: every entry tried in order of decreasing prefix length, as Fastify's router would.
    const byLength = [...routeTable].sort((a, b) => b.prefix.length - a.prefix.length);
    const reference = (method: string, path: string): string | undefined => {
      for (const entry of byLength) {
        if (!coversPath(entry.prefix, path)) continue;
        if (entry.kind === 'local') return undefined;
        const methods: readonly string[] = entry.methods.includes('GET') ? [...entry.methods, 'HEAD'] : entry.methods;
        if (!methods.includes(method)) continue;
        return path === entry.prefix ? entry.prefix : `${entry.prefix.endsWith('/') ? entry.prefix : `${entry.prefix}/`}*`;
      }
      return undefined;
    };
    const paths = new Set<string>(['/', '', '//', '/api', '/api/', '/nothing', '//api/products', '/api/products//x']);
    for (const { prefix } of routeTable) {
      const bare = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
      for (const path of [bare, `${bare}/`, `${bare}x`, `${bare}/x`, `${bare}/x/y`, `${bare}//`, bare.slice(0, -1), `${bare}/current/items`, `${bare}/reservations/r1`]) paths.add(path);
    }
    let compared = 0;
    for (const path of paths) {
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        const bodyless = method === 'GET' || method === 'HEAD' || method === 'DELETE';
        expect(templateOf(method, `${path}?q=1`, bodyless ? {} : json(2)), `${method} ${path}`).toBe(reference(method, path));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('leaves a path to Fastify when a route the gateway serves itself is the longest covering it, even under a proxied prefix', () => {
    const table: RouteEntry[] = [
      { kind: 'proxy', prefix: '/', upstream: 'catalog', access: 'public', rateLimit: 'default', methods: ['GET'] },
      { kind: 'proxy', prefix: '/api', upstream: 'catalog', access: 'public', rateLimit: 'default', methods: ['GET'] },
      { kind: 'local', prefix: '/api/me', access: 'authenticated', rateLimit: 'default' },
    ];
    const nested = leanProxyRouter({ routes: table, upstreams, edge, bodyLimitBytes: 1024 });
    const template = (url: string) => nested({ method: 'GET', url, headers: {} } as IncomingMessage)?.template;
    expect(template('/api/me')).toBeUndefined();
    expect(template('/api/me/sessions')).toBeUndefined();
    expect(template('/api/men')).toBe('/api/*');
    expect(template('/api')).toBe('/api');
    expect(template('/other/x')).toBe('/*');
    expect(template('/')).toBeUndefined();
  });
});
