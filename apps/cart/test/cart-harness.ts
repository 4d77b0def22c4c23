import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedis, type RedisClient } from '@shop/messaging/redis';
import type { VariantView } from '@shop/contracts';
import type { RunningService } from '@shop/service-kit';
import { fetchJson, freePort, gatewayIdentity, testEnv, uniquePrefix, type FetchJsonInit } from '@shop/testing';
import { startCart } from '../src/cart-app.js';
import { cartConfigFrom, CartEnv } from '../src/config.js';

/**
 * A stand-in catalog: a real HTTP server answering `GET /internal/catalog/variants?skus=...` the way the
 * catalog does, from SKUs the test puts in it. It can be made to fail or to answer slowly.
 */
export class StandInCatalog {
  readonly variants = new Map<string, VariantView>();
  /** The SKU lists it was asked for, one entry per request. */
  readonly lookups: string[][] = [];
  failWith: number | null = null;
  delayMs = 0;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const respond = () => {
        if (this.failWith !== null) return answer(this.failWith, { error: { code: 'INTERNAL', message: 'stand-in failure' } });
        if (req.method !== 'GET' || url.pathname !== '/internal/catalog/variants') return answer(404, { error: { code: 'NOT_FOUND', message: 'no route' } });
        const skus = (url.searchParams.get('skus') ?? '').split(',').filter(Boolean);
        this.lookups.push(skus);
        answer(200, { items: skus.flatMap((s) => this.variants.get(s) ?? []) });
      };
      if (this.delayMs > 0) setTimeout(respond, this.delayMs);
      else respond();
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Puts a fresh active product with one variant per price into the catalog; returns its SKUs. */
  addProduct(prices: number[], overrides: Partial<VariantView> = {}): string[] {
    const n = `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();
    return prices.map((amount, i) => {
      const sku = `S-${n}-${i}`;
      this.variants.set(sku, {
        sku,
        productId: '2f7c1a34-5b6d-4e8f-9a0b-1c2d3e4f5a6b',
        productSlug: `stand-in-${n.toLowerCase()}`,
        productTitle: `Stand-in ${n}`,
        title: `Size ${i}`,
        attributes: { size: String(i) },
        price: { amount, currency: 'EUR' },
        status: 'active',
        ...overrides,
      });
      return sku;
    });
  }

  set(sku: string, change: Partial<VariantView>): void {
    this.variants.set(sku, { ...this.variants.get(sku)!, ...change });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

let counter = 0;

/**
 * Boots the real cart (real Redis) on a random port against `catalogUrl`. Pricing and inventory are
 * closed ports unless `env.PRICING_URL` / `env.INVENTORY_URL` name one (never a developer's on 3006
 * or 3002): carts show list prices, and stock is not checked.
 */
export async function startTestCart(catalogUrl: string, env: Record<string, string | number> = {}) {
  const { redisUrl, redisClusterNodes } = testEnv();
  const prefix = uniquePrefix();
  const config = cartConfigFrom(
    CartEnv.parse({
      CART_PORT: 0,
      REDIS_URL: redisUrl,
      REDIS_CLUSTER_NODES: redisClusterNodes.join(','),
      REDIS_PREFIX: prefix,
      CATALOG_URL: catalogUrl,
      CART_CATALOG_TIMEOUT_MS: 300,
      PRICING_URL: `http://127.0.0.1:${await freePort()}`,
      CART_PRICING_TIMEOUT_MS: 300,
      // Inventory is a closed port too unless named: the stock is unknown and changes go on unchecked.
      INVENTORY_URL: `http://127.0.0.1:${await freePort()}`,
      ...env,
    }),
  );
  const service: RunningService = await startCart(config, { handleSignals: false });
  return { service, url: service.url, prefix, config };
}

export async function api(base: string, path: string, init: FetchJsonInit & { user?: string } = {}) {
  const { user, ...rest } = init;
  // As the gateway does for a signed-in customer; an admin's on catalog admin calls (outage tests seed products through the real catalog).
  return fetchJson(base + path, { ...rest, identity: gatewayIdentity(path, user) });
}

export function redisClient(): RedisClient {
  return createRedis(testEnv());
}

/** A cart's totals when it is not quoted (pricing unavailable): list prices, no discount, no shipping yet. */
export function listTotals(subtotal: number, itemCount: number) {
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  return { subtotal: eur(subtotal), discountTotal: eur(0), shipping: null, total: eur(subtotal), itemCount };
}

/** A customer id as the gateway signs them (a user's UUID). */
export function newUser(): string {
  return randomUUID();
}
