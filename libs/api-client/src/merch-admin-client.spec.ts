import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { createGatewayClient } from './gateway-client.js';
import { createMerchAdminClient } from './merch-admin-client.js';
import { startStandInGateway, type SeenRequest, type StandInAnswer } from './stand-in-gateway.js';

let stand: Awaited<ReturnType<typeof startStandInGateway>>;
const seen: SeenRequest[] = [];
let answer: StandInAnswer = { status: 200, body: '{}' };

beforeAll(async () => {
  stand = await startStandInGateway(seen, () => answer);
});
afterAll(async () => {
  await stand.close();
});
beforeEach(() => {
  seen.length = 0;
  answer = { status: 200, body: '{}' };
});

const admin = () => createMerchAdminClient(createGatewayClient({ baseUrl: stand.url, accessToken: 'admin-token' }));

describe('MerchAdminClient', () => {
  it('lists stock with only the filters given, as the admin', async () => {
    answer = { status: 200, body: JSON.stringify({ items: [], nextCursor: null, total: 0 }) };
    expect(await admin().listStock({ q: 'tee', availability: 'low', limit: 50 })).toEqual({ items: [], nextCursor: null, total: 0 });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/admin/inventory?q=tee&availability=low&limit=50' });
    expect(seen[0]?.headers.authorization).toBe('Bearer admin-token');
  });

  it('sets and adjusts stock with PUT and POST bodies on encoded SKU paths', async () => {
    await admin().setStock('TEE-M', { onHand: 7, reason: 'recount' });
    await admin().adjustStock('TEE M', { delta: -2, reason: 'damaged' });
    expect(seen.map((s) => [s.method, s.url, JSON.parse(s.body)])).toEqual([
      ['PUT', '/api/admin/inventory/TEE-M', { onHand: 7, reason: 'recount' }],
      ['POST', '/api/admin/inventory/TEE%20M/adjustments', { delta: -2, reason: 'damaged' }],
    ]);
  });

  it('answers null for a SKU without a sale limit, and throws other errors', async () => {
    answer = { status: 404, body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no sale limit' } }) };
    expect(await admin().getSaleLimit('TEE-M')).toBeNull();
    answer = { status: 503, body: JSON.stringify({ error: { code: 'PARTITION_UNAVAILABLE', message: 'moving' } }) };
    await expect(admin().getSaleLimit('TEE-M')).rejects.toBeInstanceOf(ApiError);
  });

  it('unwraps item lists and cancels a flash sale with a POST', async () => {
    answer = { status: 200, body: JSON.stringify({ items: [{ id: 'r1' }] }) };
    expect(await admin().listDemandRules()).toEqual([{ id: 'r1' }]);
    await admin().cancelFlashSale('0b6f3c1e-0000-4000-8000-000000000001');
    await admin().setDemandRuleEnabled('r1', false);
    expect(seen.slice(1).map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/api/admin/flash-sales/0b6f3c1e-0000-4000-8000-000000000001/cancel', ''],
      ['PATCH', '/api/admin/demand-rules/r1', '{"enabled":false}'],
    ]);
  });

  it('names the fields of a refused flash sale', async () => {
    answer = { status: 400, body: JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'Invalid request', details: [{ field: 'units', reason: 'must not be more than the stock (3)' }] } }) };
    const refused = await admin()
      .scheduleFlashSale({ sku: 'TEE-M', salePrice: { amount: 100, currency: 'EUR' }, units: 9, perCustomerLimit: 1, startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-01T01:00:00Z' })
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).fieldErrors()).toEqual({ units: 'must not be more than the stock (3)' });
  });
});
