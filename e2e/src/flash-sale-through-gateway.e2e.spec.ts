import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlashSaleList } from '@shop/contracts';
import { INVENTORY_QUICK_FAILOVER, testEnv } from '@shop/testing';
import { call } from './checkout-platform.js';
import { AppProcess, freePort } from './platform-processes.js';

const ADMIN_PASSWORD = `e2e-admin-${Math.random().toString(36).slice(2)}`;
const ADMIN_EMAIL = `admin-${Math.random().toString(36).slice(2)}@example.com`;

/**
 * A flash sale used as a merchant and shoppers would, through the built gateway: the admin
 * schedules it, shoppers watch it open on the public list and race for it. The engine (inventory)
 * enforces the per-customer limit and the allocation; pricing shows the live units and status.
 * The built catalog, inventory, pricing and gateway; nothing stubbed.
 */
describe('a flash sale through the gateway', () => {
  const prefix = `${testEnv().redisPrefix}e2e-flash-${Math.random().toString(36).slice(2, 6)}:`;
  const apps: AppProcess[] = [];
  let gateway: AppProcess;
  let admin: string;
  const run = Date.now().toString(36).toUpperCase();

  const asAdmin = () => ({ authorization: `Bearer ${admin}` });

  async function start(name: string, env: Record<string, string>): Promise<AppProcess> {
    const port = await freePort();
    const app = new AppProcess(name, port, { REDIS_PREFIX: prefix, [`${name.toUpperCase()}_PORT`]: String(port), ...env });
    apps.push(app);
    await app.start();
    return app;
  }

  async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe().catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  async function shopper(): Promise<string> {
    const reg = await call(`${gateway.url}/api/auth/register`, { method: 'POST', json: { email: `flash-${randomUUID()}@example.com`, password: 'correct horse battery' } });
    expect(reg.status, reg.text).toBe(201);
    return reg.body.accessToken as string;
  }

  function hold(token: string, sku: string, quantity = 1) {
    return call(`${gateway.url}/api/inventory/reservations`, {
      method: 'POST',
      json: { items: [{ sku, quantity }], ttlSeconds: 600 },
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    });
  }

  async function publicSale(id: string) {
    const res = await call(`${gateway.url}/api/flash-sales`);
    expect(res.status, res.text).toBe(200);
    return FlashSaleList.parse(res.body).items.find((i) => i.id === id);
  }

  beforeAll(async () => {
    const [catalog, inventory] = await Promise.all([start('catalog', {}), start('inventory', { ...INVENTORY_QUICK_FAILOVER, EXPIRY_SWEEP_MS: '200' })]);
    const pricing = await start('pricing', {
      CATALOG_URL: catalog.url,
      INVENTORY_URL: inventory.url,
      INVENTORY_PARTITIONS: INVENTORY_QUICK_FAILOVER.INVENTORY_PARTITIONS!,
      FLASH_SALE_SWEEP_MS: '100',
    });
    gateway = await start('gateway', {
      CATALOG_URL: catalog.url,
      INVENTORY_URL: inventory.url,
      PRICING_URL: pricing.url,
      INVENTORY_PARTITIONS: INVENTORY_QUICK_FAILOVER.INVENTORY_PARTITIONS!,
      RATE_LIMIT_ENABLED: 'false',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
    });
    await until(async () => (await call(`${gateway.url}/health/ready`)).status === 200, 'gateway ready');
    await until(async () => {
      const login = await call(`${gateway.url}/api/auth/login`, { method: 'POST', json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
      admin = login.body?.accessToken;
      return login.status === 200;
    }, 'the seeded admin to log in');
  }, 180_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.kill('SIGTERM');
  });

  it('opens on time, enforces the per-customer limit under concurrency, sells exactly its units, then ends', async () => {
    const sku = `FLASH-${run}`;
    const product = await call(`${gateway.url}/api/admin/products`, {
      method: 'POST',
      headers: asAdmin(),
      json: { title: `Flash Hoodie ${run}`, status: 'active', variants: [{ sku, attributes: { size: 'L' }, price: { amount: 4900, currency: 'EUR' } }] },
    });
    expect(product.status, product.text).toBe(201);
    await until(async () => (await call(`${gateway.url}/api/admin/inventory/${sku}`, { method: 'PUT', headers: asAdmin(), json: { onHand: 100 } })).status === 200, 'stock set');

    // Customers cannot schedule sales.
    const customer = await shopper();
    const startsAt = Date.now() + 4000;
    const body = {
      sku,
      salePrice: { amount: 2900, currency: 'EUR' },
      units: 5,
      perCustomerLimit: 2,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 12_000).toISOString(),
    };
    expect((await call(`${gateway.url}/api/admin/flash-sales`, { method: 'POST', json: body, headers: { authorization: `Bearer ${customer}` } })).status).toBe(403);
    expect((await call(`${gateway.url}/api/admin/flash-sales`, { method: 'POST', json: body })).status).toBe(401);

    const created = await call(`${gateway.url}/api/admin/flash-sales`, { method: 'POST', json: body, headers: asAdmin() });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect(await publicSale(id)).toMatchObject({ status: 'scheduled', unitsRemaining: 5, listPrice: { amount: 4900 }, salePrice: { amount: 2900 } });
    const [alice, bob, carol, dave] = await Promise.all([shopper(), shopper(), shopper(), shopper()]);

    await until(async () => (await publicSale(id))?.status === 'live', 'the sale to open', 15_000);
    expect(Date.now()).toBeGreaterThanOrEqual(startsAt);

    // One shopper, six simultaneous "buy" clicks: the engine lets exactly two through.
    const clicks = await Promise.all(Array.from({ length: 6 }, () => hold(alice, sku)));
    expect(clicks.map((c) => c.status).sort()).toEqual([201, 201, 409, 409, 409, 409]);
    for (const refused of clicks.filter((c) => c.status === 409)) expect(refused.body.error.code).toBe('LIMIT_EXCEEDED');
    await until(async () => (await publicSale(id))?.unitsRemaining === 3, 'the public list to show 3 left');

    // Three more shoppers race for the last three units: all get one, the next shopper gets none.
    const race = await Promise.all([bob, carol, dave].map((t) => hold(t, sku, 1)));
    expect(race.map((r) => r.status)).toEqual([201, 201, 201]);
    const late = await hold(await shopper(), sku);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('OUT_OF_STOCK');
    await until(async () => {
      const sale = await publicSale(id);
      return sale?.status === 'sold_out' && sale.unitsRemaining === 0;
    }, 'the sale to show sold out');
    // The SKU still has stock outside the sale: the sale's allocation is what ran out.
    const level = await call(`${gateway.url}/api/admin/inventory/${sku}`, { headers: asAdmin() });
    expect(level.body).toMatchObject({ onHand: 100, reserved: 5, available: 95 });

    await until(async () => (await publicSale(id))?.status === 'ended', 'the sale to end', 20_000);
    expect(Date.now()).toBeGreaterThanOrEqual(startsAt + 12_000);
    const one = await call(`${gateway.url}/api/flash-sales/${id}`);
    expect(one.body).toMatchObject({ id, status: 'ended', unitsRemaining: 0 });
  }, 120_000);
});
