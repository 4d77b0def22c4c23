import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type PriceList, type Promotion, type Quote, type ScheduledPrice } from '@shop/contracts';
import { ADMIN, api, CUSTOMER, knownProduct, prismaClient, productWith, startTestPricing, uniqueSku } from './pricing-harness.js';

/** The admin routes through HTTP: who may call them, what they refuse, and their effect on quotes. */
describe('pricing admin routes', () => {
  const clock = new ManualClock(new Date('2030-04-01T08:00:00.000Z'));
  let pricing: Awaited<ReturnType<typeof startTestPricing>>;
  const sku = uniqueSku('SHOE');

  beforeAll(async () => {
    pricing = await startTestPricing({ clock });
    await knownProduct(pricing.url, pricing.prefix, productWith([{ sku, amount: 8000 }]));
  });
  afterAll(async () => {
    await pricing?.service.close();
  });

  const id = randomUUID();
  const routes: Array<[string, string, unknown?]> = [
    ['POST', '/api/admin/price-lists', { name: 'x', currency: 'EUR' }],
    ['GET', '/api/admin/price-lists'],
    ['GET', `/api/admin/price-lists/${id}`],
    ['PATCH', `/api/admin/price-lists/${id}`, { name: 'y' }],
    ['DELETE', `/api/admin/price-lists/${id}`],
    ['PUT', `/api/admin/price-lists/${id}/entries`, { entries: [{ sku: 'A-1', amount: 1 }] }],
    ['GET', `/api/admin/price-lists/${id}/entries`],
    ['DELETE', `/api/admin/price-lists/${id}/entries/A-1`],
    ['POST', '/api/admin/scheduled-prices', { sku: 'A-1', price: { amount: 1, currency: 'EUR' }, startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' }],
    ['GET', '/api/admin/scheduled-prices'],
    ['GET', `/api/admin/scheduled-prices/${id}`],
    ['DELETE', `/api/admin/scheduled-prices/${id}`],
    ['POST', '/api/admin/promotions', { name: 'x', target: { kind: 'cart' }, benefit: { kind: 'free_shipping' } }],
    ['GET', '/api/admin/promotions'],
    ['GET', `/api/admin/promotions/${id}`],
    ['PATCH', `/api/admin/promotions/${id}`, { active: false }],
    ['DELETE', `/api/admin/promotions/${id}`],
  ];

  it.each(routes)('%s %s refuses anonymous callers (401) and customers (403), and answers admins', async (method, path, json) => {
    expect((await api(pricing.url, path, { method, json })).status).toBe(401);
    const customer = await api(pricing.url, path, { method, json, as: CUSTOMER });
    expect(customer.status).toBe(403);
    expect(customer.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // A service credential is no admin either.
    expect((await api(pricing.url, path, { method, json, service: 'cart' })).status).toBe(401);
    const admin = await api(pricing.url, path, { method, json, as: ADMIN });
    expect([200, 201, 204, 400, 404]).toContain(admin.status);
    // Other test files share this run's database: a cart-wide promotion made here must not outlive the test.
    if (admin.status === 201) expect((await api(pricing.url, `${path}/${(admin.body as { id: string }).id}`, { method: 'DELETE', as: ADMIN })).status).toBe(204);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const before = ((await api(pricing.url, '/api/admin/promotions', { as: ADMIN })).body as { items: Promotion[] }).items.length;
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/admin/promotions', { name: 'x', target: { kind: 'cart' }, benefit: { kind: 'percent_off', percent: 101 } }, 'benefit.percent'],
      ['POST', '/api/admin/promotions', { name: 'x', target: { kind: 'cart' }, benefit: { kind: 'buy_x_get_y', buy: 2, get: 1 } }, 'target'],
      ['POST', '/api/admin/promotions', { name: 'x', target: { kind: 'cart' }, benefit: { kind: 'free_shipping' }, startsAt: '2030-01-02T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' }, 'endsAt'],
      ['POST', '/api/admin/price-lists', { name: 'x', currency: 'euro' }, 'currency'],
      ['POST', '/api/admin/scheduled-prices', { sku, price: { amount: 0, currency: 'EUR' }, startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' }, 'price.amount'],
      ['POST', '/api/admin/scheduled-prices', { sku, price: { amount: 10, currency: 'USD' }, startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' }, 'price.currency'],
      ['POST', '/api/admin/scheduled-prices', { sku: 'NOT-KNOWN-1', price: { amount: 10, currency: 'EUR' }, startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' }, 'sku'],
      ['GET', `/api/admin/promotions/not-a-uuid`, undefined, 'id'],
    ];
    for (const [method, path, json, field] of cases) {
      const res = await api(pricing.url, path, { method, json, as: ADMIN });
      expect(res.status, `${method} ${path} ${JSON.stringify(json)}`).toBe(400);
      expect((res.body as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field)).toContain(field);
    }
    expect(((await api(pricing.url, '/api/admin/promotions', { as: ADMIN })).body as { items: Promotion[] }).items.length).toBe(before);
    // A SKU pricing has not heard of from the catalog: said as the cause and what to do.
    const unknown = await api(pricing.url, '/api/admin/scheduled-prices', { method: 'POST', as: ADMIN, json: { sku: 'NOT-KNOWN-1', price: { amount: 10, currency: 'EUR' }, startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' } });
    expect(unknown.body).toMatchObject({ error: { details: [{ field: 'sku', reason: 'matches no product in the catalog: create the product first, or check the spelling' }] } });
    const entries = await api(pricing.url, `/api/admin/price-lists/${randomUUID()}/entries`, { method: 'PUT', as: ADMIN, json: { entries: [{ sku, amount: 1 }, { sku, amount: 2 }] } });
    expect(entries.status).toBe(400);
    expect(entries.body).toMatchObject({ error: { details: [{ field: 'entries', reason: 'each SKU may appear once' }] } });
  });

  it('lists price lists in keyset pages, oldest first, each once; refuses a cursor of another listing', async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api(pricing.url, '/api/admin/price-lists', { method: 'POST', as: ADMIN, json: { name: `Paged ${i}`, currency: 'EUR' } });
      expect(res.status).toBe(201);
      made.push((res.body as PriceList).id);
    }
    const seen: PriceList[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api(pricing.url, `/api/admin/price-lists?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as: ADMIN });
      expect(res.status).toBe(200);
      const page = res.body as { items: PriceList[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 500);
    expect(new Set(seen.map((l) => l.id)).size).toBe(seen.length);
    // The test's clock stands still: lists made at one instant come in id order (the tie-break).
    expect(seen.map((l) => l.id)).toEqual(expect.arrayContaining(made));
    const keys = seen.map((l) => `${l.createdAt}|${l.id}`);
    expect(keys).toEqual([...keys].sort());
    const all = await api(pricing.url, '/api/admin/price-lists?limit=100', { as: ADMIN });
    expect((all.body as { items: PriceList[] }).items.length).toBe(seen.length);

    const bad = await api(pricing.url, '/api/admin/price-lists?cursor=bm90LWEtY3Vyc29y', { as: ADMIN });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_CURSOR' } });
  });

  it('announces every write that can change what a SKU costs (pricing.price.changed.v1 with its SKUs, in the write’s transaction), and not a rename', async () => {
    const prisma = prismaClient();
    try {
      const [a, b] = [uniqueSku('ANN'), uniqueSku('ANN')];
      /** The price.changed events naming `skus`, oldest first, as the outbox holds them. */
      const announced = async (...skus: string[]) =>
        (await prisma.outboxEvent.findMany({ where: { source: 'pricing', eventType: 'pricing.price.changed.v1' }, orderBy: { id: 'asc' } }))
          .map((row) => (row.envelope as { payload: { skus: string[]; reason: string } }).payload)
          .filter((p) => skus.some((sku) => p.skus.includes(sku)));
      const call = async (method: string, path: string, json?: unknown) => {
        const res = await api(pricing.url, path, { method, json, as: ADMIN });
        expect(res.status, `${method} ${path}`).toBeLessThan(300);
        return res.body;
      };
      const list = (await call('POST', '/api/admin/price-lists', { name: 'Announced', currency: 'EUR' })) as PriceList;
      expect(await announced(a, b)).toEqual([]);
      await call('PUT', `/api/admin/price-lists/${list.id}/entries`, { entries: [{ sku: a, amount: 900 }, { sku: b, amount: 800 }] });
      expect(await announced(a, b)).toEqual([{ skus: [a, b], reason: 'price list entries written' }]);
      await call('PATCH', `/api/admin/price-lists/${list.id}`, { name: 'Renamed' });
      expect(await announced(a, b)).toHaveLength(1);
      await call('PATCH', `/api/admin/price-lists/${list.id}`, { priority: 5 });
      expect((await announced(a, b)).at(-1)).toEqual({ skus: expect.arrayContaining([a, b]), reason: 'price list changed' });
      await call('DELETE', `/api/admin/price-lists/${list.id}/entries/${a}`);
      expect((await announced(a, b)).at(-1)).toEqual({ skus: [a], reason: 'price list entry deleted' });
      await call('DELETE', `/api/admin/price-lists/${list.id}`);
      expect((await announced(a, b)).at(-1)).toEqual({ skus: [b], reason: 'price list deleted' });

      const scheduled = (await call('POST', '/api/admin/scheduled-prices', { sku, price: { amount: 5000, currency: 'EUR' }, startsAt: '2030-05-01T00:00:00Z', endsAt: '2030-05-02T00:00:00Z' })) as ScheduledPrice;
      expect((await announced(sku)).at(-1)).toEqual({ skus: [sku], reason: 'scheduled price created' });
      await call('DELETE', `/api/admin/scheduled-prices/${scheduled.id}`);
      expect((await announced(sku)).at(-1)).toEqual({ skus: [sku], reason: 'scheduled price deleted' });
      // Written, repriced, an entry deleted, the list deleted: the rename announced nothing.
      expect(await announced(a, b)).toHaveLength(4);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('manages a price list and its entries (10,000 in one PUT), and quotes follow', async () => {
    const created = await api(pricing.url, '/api/admin/price-lists', { method: 'POST', as: ADMIN, json: { name: 'Wholesale', currency: 'EUR', priority: 3 } });
    expect(created.status).toBe(201);
    const list = created.body as PriceList;
    expect(list).toMatchObject({ name: 'Wholesale', currency: 'EUR', customerGroup: null, priority: 3, entryCount: 0 });
    const entries = Array.from({ length: 9_999 }, (_, i) => ({ sku: `BULK-${i}`, amount: 100 + i }));
    entries.push({ sku, amount: 7000 });
    const put = await api(pricing.url, `/api/admin/price-lists/${list.id}/entries`, { method: 'PUT', as: ADMIN, json: { entries } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ written: 10_000, entryCount: 10_000 });
    const page = await api(pricing.url, `/api/admin/price-lists/${list.id}/entries?limit=2`, { as: ADMIN });
    expect(page.body).toEqual({ items: [{ sku: 'BULK-0', amount: 100 }, { sku: 'BULK-1', amount: 101 }], nextCursor: 'BULK-1' });
    const quote = async () => ((await api(pricing.url, '/api/pricing/quote', { method: 'POST', json: { lines: [{ sku, quantity: 1 }] } })).body as Quote).lines[0]!;
    expect(await quote()).toMatchObject({ unitPrice: { amount: 7000 }, priceSource: 'price_list' });

    // Moved into the future: it does not apply yet; the PATCH window is checked against the stored one.
    const badPatch = await api(pricing.url, `/api/admin/price-lists/${list.id}`, { method: 'PATCH', as: ADMIN, json: { startsAt: '2030-05-01T00:00:00Z', endsAt: '2030-04-01T00:00:00Z' } });
    expect(badPatch.status).toBe(400);
    const patched = await api(pricing.url, `/api/admin/price-lists/${list.id}`, { method: 'PATCH', as: ADMIN, json: { startsAt: '2030-04-01T09:00:00Z' } });
    expect(patched.body).toMatchObject({ startsAt: '2030-04-01T09:00:00.000Z', entryCount: 10_000 });
    expect(await quote()).toMatchObject({ unitPrice: { amount: 8000 }, priceSource: 'list' });

    expect((await api(pricing.url, `/api/admin/price-lists/${list.id}/entries/${sku}`, { method: 'DELETE', as: ADMIN })).status).toBe(204);
    expect((await api(pricing.url, `/api/admin/price-lists/${list.id}/entries/${sku}`, { method: 'DELETE', as: ADMIN })).status).toBe(404);
    expect((await api(pricing.url, `/api/admin/price-lists/${list.id}`, { method: 'DELETE', as: ADMIN })).status).toBe(204);
    expect((await api(pricing.url, `/api/admin/price-lists/${list.id}`, { as: ADMIN })).status).toBe(404);
  });

  it('a scheduled price applies from its start second until its end second', async () => {
    const created = await api(pricing.url, '/api/admin/scheduled-prices', {
      method: 'POST',
      as: ADMIN,
      json: { sku, price: { amount: 5000, currency: 'EUR' }, startsAt: '2030-04-01T08:30:00Z', endsAt: '2030-04-01T08:45:00Z' },
    });
    expect(created.status).toBe(201);
    const scheduled = created.body as ScheduledPrice;
    const priceNow = async () => (await api(pricing.url, `/api/pricing/prices?skus=${sku}`)).body as { items: Array<{ price: { amount: number }; priceSource: string; until: string | null }> };
    expect((await priceNow()).items[0]).toMatchObject({ price: { amount: 8000 }, priceSource: 'list', until: '2030-04-01T08:30:00.000Z' });
    clock.advance(30 * 60_000 - 1); // 08:29:59.999
    expect((await priceNow()).items[0]!.price.amount).toBe(8000);
    clock.advance(1); // 08:30:00.000
    expect((await priceNow()).items[0]).toMatchObject({ price: { amount: 5000 }, priceSource: 'scheduled', until: '2030-04-01T08:45:00.000Z' });
    const q = (await api(pricing.url, '/api/pricing/quote', { method: 'POST', json: { lines: [{ sku, quantity: 1 }] } })).body as Quote;
    expect(q.expiresAt).toBe('2030-04-01T08:45:00.000Z');
    clock.advance(15 * 60_000); // 08:45:00.000
    expect((await priceNow()).items[0]!.priceSource).toBe('list');
    expect(((await api(pricing.url, `/api/admin/scheduled-prices?sku=${sku}`, { as: ADMIN })).body as { items: unknown[] }).items).toHaveLength(0);
    expect((await api(pricing.url, `/api/admin/scheduled-prices/${scheduled.id}`, { method: 'DELETE', as: ADMIN })).status).toBe(204);
  });

  it('a promotion switched off by PATCH stops applying', async () => {
    const created = await api(pricing.url, '/api/admin/promotions', {
      method: 'POST',
      as: ADMIN,
      json: { name: 'Shoe week', target: { kind: 'sku', skus: [sku] }, benefit: { kind: 'amount_off', amount: { amount: 1000, currency: 'EUR' } }, priority: 5 },
    });
    const promotion = created.body as Promotion;
    expect(promotion).toMatchObject({ priority: 5, exclusive: false, active: true, minSubtotal: null });
    const discount = async () => ((await api(pricing.url, '/api/pricing/quote', { method: 'POST', json: { lines: [{ sku, quantity: 2 }] } })).body as Quote).discountTotal.amount;
    expect(await discount()).toBe(2000);
    const patched = await api(pricing.url, `/api/admin/promotions/${promotion.id}`, { method: 'PATCH', as: ADMIN, json: { active: false } });
    expect(patched.body).toMatchObject({ active: false });
    expect(await discount()).toBe(0);
    expect((await api(pricing.url, `/api/admin/promotions/${promotion.id}`, { method: 'DELETE', as: ADMIN })).status).toBe(204);
  });

  it('refuses a promotion that would duplicate an active one (they add up), even sent twice at once; a switched-off twin may not be switched on', async () => {
    const twinSku = uniqueSku('TWIN');
    await knownProduct(pricing.url, pricing.prefix, productWith([{ sku: twinSku, amount: 5000 }]));
    const body = { name: 'Twin week', target: { kind: 'sku', skus: [twinSku] }, benefit: { kind: 'percent_off', percent: 20 } };
    const create = (json: object) => api(pricing.url, '/api/admin/promotions', { method: 'POST', as: ADMIN, json });
    const discount = async () => ((await api(pricing.url, '/api/pricing/quote', { method: 'POST', json: { lines: [{ sku: twinSku, quantity: 1 }] } })).body as Quote).discountTotal.amount;

    // A form sent twice at once: one promotion, one refusal naming it.
    const answers = await Promise.all([create(body), create(body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const first = answers.find((a) => a.status === 201)!.body as Promotion;
    const refusal = (answers.find((a) => a.status === 409)!.body as { error: { code: string; message: string; details: { field: string; promotionId: string } } }).error;
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toContain('"Twin week"');
    expect(refusal.details).toMatchObject({ field: 'benefit', promotionId: first.id });
    expect(await discount()).toBe(1000);

    // Another name changes nothing; another benefit, or a switched-off copy, is fine.
    expect((await create({ ...body, name: 'Twin week again' })).status).toBe(409);
    const other = await create({ ...body, name: 'Twin extra', benefit: { kind: 'percent_off', percent: 10 } });
    expect(other.status).toBe(201);
    const sleeping = await create({ ...body, active: false });
    expect(sleeping.status).toBe(201);
    const wake = await api(pricing.url, `/api/admin/promotions/${(sleeping.body as Promotion).id}`, { method: 'PATCH', as: ADMIN, json: { active: true } });
    expect(wake.status).toBe(409);
    // Not overlapping in time (the first one ended) is fine.
    expect((await api(pricing.url, `/api/admin/promotions/${first.id}`, { method: 'PATCH', as: ADMIN, json: { endsAt: '2030-04-01T09:00:00.000Z' } })).status).toBe(200);
    expect((await api(pricing.url, `/api/admin/promotions/${(sleeping.body as Promotion).id}`, { method: 'PATCH', as: ADMIN, json: { active: true, startsAt: '2030-04-01T09:00:00.000Z' } })).status).toBe(200);

    for (const p of [first, other.body as Promotion, sleeping.body as Promotion]) await api(pricing.url, `/api/admin/promotions/${p.id}`, { method: 'DELETE', as: ADMIN });
  });
});
