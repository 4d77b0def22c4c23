import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltServiceSet, DependencyRelays, dropLinkUnderLoad, testEnv, type BuiltService } from '@shop/testing';
import { ADMIN, api, knownProduct, productWith, uniqueSku } from './pricing-harness.js';

/**
 * The built pricing service as its own process behind relays to Postgres and Redis: each link
 * drops while quotes and admin reads run. The process must live through it, answer 503 (never
 * 500) when Postgres is away, keep quoting from Postgres when Redis is away (the hot-price
 * memory is bypassed, never served stale), and serve again once the link heals, without a restart.
 */
describe('pricing process: each dependency link drops mid-load', () => {
  const prefix = `${testEnv().redisPrefix}pri-out:`;
  const relays = new DependencyRelays(testEnv());
  const services = new BuiltServiceSet({ REDIS_PREFIX: prefix, PRICING_BACKFILL_ON_START: 'false' });
  let pricing: BuiltService;
  const sku = uniqueSku('OUT');

  beforeAll(async () => {
    pricing = await services.start('pricing', 'PRICING_PORT', await relays.startAsEnv());
    await knownProduct(pricing.url, prefix, productWith([{ sku, amount: 1234 }]));
  }, 60_000);
  afterAll(() => relays.shutDown(() => services.stopAll()));

  const request = async (i: number): Promise<number> =>
    i % 2 === 0
      ? (await api(pricing.url, '/api/pricing/quote', { method: 'POST', json: { lines: [{ sku, quantity: 1 }] } })).status
      : (await api(pricing.url, '/api/admin/promotions', { as: ADMIN })).status;

  for (const link of ['postgres', 'redis'] as const) {
    it(`${link} link drops under load: the process lives, answers 503 (never 500) and serves again after`, async () => {
      const statuses = await dropLinkUnderLoad({ service: pricing, link: relays[link], request });
      expect(pricing.alive).toBe(true);
      expect([...statuses.keys()].filter((s) => s >= 500 && s !== 503)).toEqual([]);
      if (link === 'postgres') expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
      const quote = await api(pricing.url, '/api/pricing/quote', { method: 'POST', json: { lines: [{ sku, quantity: 1 }] } });
      expect(quote.status).toBe(200);
    }, 120_000);
  }
});
