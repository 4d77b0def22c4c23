import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceHeaders } from '@shop/testing';
import { api, createProduct, startTestCatalog } from './catalog-harness.js';

/** A lookup as the cart makes it (service credential), on the route the gateway does not expose. */
const internal = (base: string, path: string) => api(base, `/internal/catalog/variants${path}`, { headers: serviceHeaders('cart') });

let catalog: Awaited<ReturnType<typeof startTestCatalog>>;
let base: string;

beforeAll(async () => {
  catalog = await startTestCatalog();
  base = catalog.url;
});
afterAll(async () => {
  await catalog?.service.close();
});

describe('SKU lookups for other services', () => {
  it('answers one SKU with its product, price, status and first image', async () => {
    const p = await createProduct(base, { images: [{ url: '/media/placeholder/a.svg', alt: 'front' }] });
    const res = await api(base, `/api/variants/${p.variants[1].sku}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sku: p.variants[1].sku,
      productId: p.id,
      productSlug: p.slug,
      productTitle: p.title,
      title: p.variants[1].title,
      attributes: { size: 'L' },
      price: { amount: 2700, currency: 'EUR' },
      status: 'active',
      image: { id: expect.any(String), url: '/media/placeholder/a.svg', alt: 'front' },
    });
  });

  it('answers the services drafts and archived products with their status, and unknown SKUs with 404', async () => {
    const draft = await createProduct(base, { status: 'draft' });
    expect((await internal(base, `/${draft.variants[0].sku}`)).body.status).toBe('draft');
    const archived = await createProduct(base);
    await api(base, `/api/admin/products/${archived.id}/archive`, { method: 'POST' });
    const res = await internal(base, `/${archived.variants[0].sku}`);
    expect(res.body).toMatchObject({ status: 'archived' });
    expect(res.body.image).toBeUndefined();
    const unknown = await internal(base, '/NO-SUCH-SKU-1');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const bad = await internal(base, '/lower-case');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('sku');
  });

  it('never shows the public a draft or archived product: 404 like an unknown SKU, and left out of lists', async () => {
    const draft = await createProduct(base, { status: 'draft' });
    const archived = await createProduct(base);
    await api(base, `/api/admin/products/${archived.id}/archive`, { method: 'POST' });
    const active = await createProduct(base);
    for (const sku of [draft.variants[0].sku, archived.variants[0].sku]) {
      const one = await api(base, `/api/variants/${sku}`);
      expect(one.status, sku).toBe(404);
      expect(one.body.error.code).toBe('NOT_FOUND');
    }
    const list = await api(base, `/api/variants?skus=${draft.variants[0].sku},${active.variants[0].sku},${archived.variants[0].sku}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((v: { sku: string; status: string }) => `${v.sku}:${v.status}`)).toEqual([`${active.variants[0].sku}:active`]);
    expect((await api(base, `/internal/catalog/variants/${draft.variants[0].sku}`)).status).toBe(401);
    // Nothing changed for the services: the draft is still a draft, still there.
    expect((await internal(base, `/${draft.variants[0].sku}`)).body.status).toBe('draft');
  });

  it('answers the services that name products (cart, payments, notifications) and no other caller', async () => {
    const p = await createProduct(base, { status: 'draft' });
    const path = `/internal/catalog/variants?skus=${p.variants[0].sku}`;
    for (const caller of ['cart', 'payments', 'notifications']) {
      const res = await api(base, path, { headers: serviceHeaders(caller) });
      expect(res.status, caller).toBe(200);
      expect(res.body.items.map((v: { sku: string }) => v.sku), caller).toEqual([p.variants[0].sku]);
    }
    expect((await api(base, path, { headers: serviceHeaders('search') })).status).toBe(403);
    expect((await api(base, path)).status).toBe(401);
  });

  it('answers many SKUs in one call, in the order asked, leaving unknown ones out', async () => {
    const a = await createProduct(base);
    const b = await createProduct(base, { status: 'draft' });
    const skus = [b.variants[0].sku, 'NO-SUCH-SKU-2', a.variants[1].sku, a.variants[0].sku, b.variants[0].sku];
    const res = await internal(base, `?skus=${skus.join(',')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((v: { sku: string; status: string }) => `${v.sku}:${v.status}`)).toEqual([
      `${b.variants[0].sku}:draft`,
      `${a.variants[1].sku}:active`,
      `${a.variants[0].sku}:active`,
    ]);
  });

  it('refuses a missing, malformed or too long SKU list naming the field', async () => {
    const none = await api(base, '/api/variants');
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].field).toBe('skus');
    const malformed = await api(base, '/api/variants?skus=A-1,bad sku');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].field).toBe('skus.1');
    const tooMany = Array.from({ length: 101 }, (_, i) => `MANY-${i}`).join(',');
    const long = await api(base, `/api/variants?skus=${tooMany}`);
    expect(long.status).toBe(400);
    expect(long.body.error.details).toEqual([{ field: 'skus', reason: 'must name at most 100 SKUs' }]);
    const hundred = Array.from({ length: 100 }, (_, i) => `MANY-${i}`).join(',');
    const ok = await api(base, `/api/variants?skus=${hundred}`);
    expect(ok.status).toBe(200);
    expect(ok.body.items).toEqual([]);
  });
});
