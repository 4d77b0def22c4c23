import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Clock } from '@shop/contracts';
import type { RunningService } from '@shop/service-kit';
import { BuiltServiceSet, fetchJson, gatewayIdentity, INVENTORY_QUICK_FAILOVER, storeEnv, testEnv, type BuiltService, type FetchJsonInit } from '@shop/testing';
import { pricingConfigFrom, PricingEnv } from '../src/config.js';
import { startPricing } from '../src/pricing-app.js';

/** Real time unless a test pins it to an instant (the pricing service's injectable clock). */
export class TestClock implements Clock {
  private pinned: Date | null = null;
  now(): Date {
    return this.pinned ? new Date(this.pinned) : new Date();
  }
  pin(at: Date): void {
    this.pinned = new Date(at);
  }
  release(): void {
    this.pinned = null;
  }
}

/**
 * The real catalog and inventory as built processes (on this run's database, a Redis prefix of
 * their own) and the pricing service in this process on a free port, with a clock the test holds.
 */
export class FlashSalePlatform {
  readonly clock = new TestClock();
  readonly db = new pg.Pool({ connectionString: testEnv().databaseUrl, max: 3 });
  private readonly services: BuiltServiceSet;
  readonly env = storeEnv();
  catalog!: BuiltService;
  inventory!: BuiltService;
  pricing!: RunningService;

  constructor() {
    this.services = new BuiltServiceSet({ ...this.env });
    this.db.on('error', () => undefined);
  }

  async start(pricingEnv: Record<string, string | number> = {}): Promise<void> {
    [this.catalog, this.inventory] = await Promise.all([
      this.services.start('catalog', 'CATALOG_PORT'),
      this.services.start('inventory', 'INVENTORY_PORT', { ...INVENTORY_QUICK_FAILOVER, EXPIRY_SWEEP_MS: '500' }),
    ]);
    const config = pricingConfigFrom(
      PricingEnv.parse({
        ...process.env,
        ...this.env,
        PRICING_PORT: 0,
        CATALOG_URL: this.catalog.url,
        INVENTORY_URL: this.inventory.url,
        INVENTORY_PARTITIONS: INVENTORY_QUICK_FAILOVER.INVENTORY_PARTITIONS,
        FLASH_SALE_SWEEP_MS: 50,
        ...pricingEnv,
      }),
    );
    this.pricing = await startPricing(config, { clock: this.clock, handleSignals: false });
  }

  async stop(): Promise<void> {
    await this.pricing?.close();
    await this.services.stopAll();
    await this.db.end();
  }

  get url(): string {
    return this.pricing.url;
  }

  /** A request to pricing as the gateway sends it: an admin on /api/admin unless `user` (a customer) is given or `anonymous`. */
  api(path: string, init: FetchJsonInit & { user?: string; anonymous?: boolean } = {}) {
    const { user, anonymous, ...rest } = init;
    return fetchJson(this.url + path, { ...rest, identity: anonymous ? undefined : gatewayIdentity(path, user) });
  }

  /** An admin's (or a customer's) request straight to the inventory. */
  inventoryApi(path: string, init: FetchJsonInit & { user?: string } = {}) {
    const { user, ...rest } = init;
    return fetchJson(this.inventory.url + path, { ...rest, identity: gatewayIdentity(path, user) });
  }

  /** An active product with one SKU at `price` EUR in the catalog, with `stock` units in inventory. */
  async product(price: number, stock: number): Promise<string> {
    const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
    const sku = `FS-${tag}`;
    const res = await fetchJson(`${this.catalog.url}/api/admin/products`, {
      method: 'POST',
      identity: gatewayIdentity('/api/admin/products'),
      json: { title: `Flash Tee ${tag}`, status: 'active', variants: [{ sku, attributes: { size: 'M' }, price: { amount: price, currency: 'EUR' } }] },
    });
    if (res.status !== 201) throw new Error(`product: ${res.status} ${res.text}`);
    for (let i = 0; ; i++) {
      const set = await this.inventoryApi(`/api/admin/inventory/${sku}`, { method: 'PUT', json: { onHand: stock } });
      if (set.status === 200) return sku;
      if (set.status !== 503 || i > 40) throw new Error(`stock: ${set.status} ${set.text}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** One customer's hold of `quantity` units (status and body). */
  hold(sku: string, customer: string, quantity = 1) {
    return this.inventoryApi('/api/inventory/reservations', {
      method: 'POST',
      user: customer,
      headers: { 'idempotency-key': randomUUID() },
      json: { items: [{ sku, quantity }], ttlSeconds: 600 },
    });
  }

  /** How many events of this type the outbox holds for a sale (published or not). */
  async eventCount(saleId: string, eventType: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM messaging.outbox_event WHERE aggregate_id = $1 AND event_type = $2', [saleId, eventType]);
    return Number(rows[0]?.n ?? 0);
  }
}

/** A sale body with sensible defaults: 10 units at 9.90 EUR, 2 per customer, in an hour for an hour. */
export function saleBody(sku: string, overrides: Record<string, unknown> = {}, from = Date.now()) {
  return {
    sku,
    salePrice: { amount: 990, currency: 'EUR' },
    units: 10,
    perCustomerLimit: 2,
    startsAt: new Date(from + 3_600_000).toISOString(),
    endsAt: new Date(from + 7_200_000).toISOString(),
    ...overrides,
  };
}
