import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamKey } from '@shop/messaging';
import type { Product } from '@shop/contracts';
import { eventually, identityHeaders } from '@shop/testing';
import { api, createProduct, productBody, redisClient, startTestCatalog, TEST_ADMIN } from './catalog-harness.js';

let catalog: Awaited<ReturnType<typeof startTestCatalog>>;
let base: string;

beforeAll(async () => {
  catalog = await startTestCatalog();
  base = catalog.url;
});
afterAll(async () => {
  await catalog?.service.close();
});

describe('admin product commands', () => {
  it('creates a product and reads it back by id and slug', async () => {
    const created = await createProduct(base);
    expect(created.version).toBe(1);
    const byId = await api(base, `/api/products/${created.id}`);
    const bySlug = await api(base, `/api/products/${created.slug}`);
    expect(byId.status).toBe(200);
    expect(bySlug.body).toEqual(byId.body);
    expect(byId.body.variants.map((v: { sku: string }) => v.sku)).toEqual(created.variants.map((v) => v.sku));
  });

  it('refuses bad input with 400 naming the field and changes nothing', async () => {
    const body = productBody({ variants: [{ sku: 'lower-case', price: { amount: 1.5, currency: 'EUR' } }] });
    const res = await api(base, '/api/admin/products', { method: 'POST', json: body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['variants.0.sku', 'variants.0.price.amount']));
    expect((await api(base, `/api/admin/products/${'0'.repeat(8)}-0000-4000-8000-000000000000`)).status).toBe(404);
    const list = await api(base, `/api/products/${body.slug}`);
    expect(list.status).toBe(404);
  });

  it('answers 409 for a slug or SKU that is already taken', async () => {
    const first = await createProduct(base);
    const sameSlug = await api(base, '/api/admin/products', { method: 'POST', json: productBody({ slug: first.slug }) });
    expect(sameSlug.status).toBe(409);
    expect(sameSlug.body.error.code).toBe('SLUG_TAKEN');
    const sameSku = await api(base, '/api/admin/products', {
      method: 'POST',
      json: productBody({ variants: [{ sku: first.variants[0].sku, price: { amount: 100, currency: 'EUR' } }] }),
    });
    expect(sameSku.status).toBe(409);
    expect(sameSku.body.error.code).toBe('SKU_TAKEN');
  });

  it('hides drafts from the public and shows them to admins', async () => {
    const draft = await createProduct(base, { status: 'draft' });
    expect((await api(base, `/api/products/${draft.id}`)).status).toBe(404);
    expect((await api(base, `/api/admin/products/${draft.id}`)).body.status).toBe('draft');
  });

  it('finds products for admins by title, slug or SKU, in any status, and pages through the matches', async () => {
    const tag = `findme${Date.now().toString(36)}`;
    const draft = await createProduct(base, { status: 'draft', title: `Quilted ${tag} Jacket` });
    const active = await createProduct(base, { status: 'active', title: `Linen ${tag.toUpperCase()} Shirt` });
    const bySku = await createProduct(base, { variants: [{ sku: `${tag.toUpperCase()}-XL`, price: { amount: 1200, currency: 'EUR' } }] });
    await createProduct(base, { title: 'Unrelated Scarf' });

    const all = await api(base, `/api/admin/products?q=${tag}&sort=title`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((p: Product) => p.id).sort()).toEqual([draft.id, active.id, bySku.id].sort());

    const drafts = await api(base, `/api/admin/products?q=${tag}&status=draft`);
    expect(drafts.body.items.map((p: Product) => p.id)).toEqual([draft.id]);

    const first = await api(base, `/api/admin/products?q=${tag}&sort=title&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await api(base, `/api/admin/products?q=${tag}&sort=title&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((p: Product) => p.id).sort()).toEqual(all.body.items.map((p: Product) => p.id).sort());

    const tooLong = await api(base, `/api/admin/products?q=${'x'.repeat(101)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].field).toBe('q');
  });

  it('archives a product: gone from public reads, refused further edits', async () => {
    const p = await createProduct(base);
    expect((await api(base, `/api/products/${p.id}`)).status).toBe(200);
    const archived = await api(base, `/api/admin/products/${p.id}/archive`, { method: 'POST' });
    expect(archived.body.status).toBe('archived');
    expect((await api(base, `/api/products/${p.id}`)).status).toBe(404);
    const edit = await api(base, `/api/admin/products/${p.id}`, { method: 'PATCH', json: { title: 'Back' } });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('PRODUCT_ARCHIVED');
  });
});

describe('admin routes check the caller in the catalog too', () => {
  it('refuses anonymous, bare-header and forged callers (401) and customers (403): no price changes', async () => {
    const product = await createProduct(base);
    const path = `/api/admin/products/${product.id}`;
    const body = { variants: [{ sku: product.variants[0]!.sku, price: { amount: 1, currency: 'EUR' } }] };
    const customer = { userId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', role: 'customer' as const };
    const attempts: [Record<string, string>, number][] = [
      [{}, 401],
      [{ 'x-user-id': TEST_ADMIN.userId, 'x-user-role': 'admin' }, 401],
      [{ ...identityHeaders(customer, { method: 'PATCH', path }), 'x-user-role': 'admin' }, 401],
      [identityHeaders(TEST_ADMIN, { method: 'PATCH', path: `/api/admin/products/${product.id}/archive` }), 401],
      [identityHeaders(customer, { method: 'PATCH', path }), 403],
    ];
    for (const [headers, status] of attempts) {
      expect((await api(base, path, { method: 'PATCH', json: body, as: null, headers })).status).toBe(status);
    }
    expect((await api(base, '/api/admin/products', { method: 'POST', json: productBody(), as: customer })).status).toBe(403);
    expect((await api(base, '/api/admin/categories', { method: 'POST', json: { name: 'Sneaky', slug: 'sneaky' }, as: null })).status).toBe(401);
    const after = await api(base, path);
    expect(after.body.version).toBe(product.version);
    expect(after.body.variants[0].price).toEqual(product.variants[0]!.price);
  });
});

describe('event delivery on /metrics', () => {
  it('reports its outbox backlog and how far its cache invalidator trails the catalog stream', async () => {
    await createProduct(base);
    // The product's event was published and the invalidator read it: nothing trails.
    await eventually(async () => {
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/^stream_consumer_lag_entries\{[^}]*stream="events\.catalog",group="catalog-product-cache"[^}]*\} 0$/m);
      expect(metrics).toMatch(/^stream_consumer_pending_entries\{[^}]*stream="events\.catalog",group="catalog-product-cache"[^}]*\} 0$/m);
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^stream_dead_letters\{[^}]*stream="events\.catalog"[^}]*\} 0$/m);
    // Other tests share the database and the catalog's source: the figures are theirs too.
    expect(metrics).toMatch(/^outbox_unpublished_events\{[^}]*source="catalog"[^}]*\} \d+$/m);
    expect(metrics).toMatch(/^outbox_oldest_unpublished_age_seconds\{[^}]*source="catalog"[^}]*\} [\d.e+-]+$/m);
  });
});

describe('public reads: cache, ETag, 304', () => {
  it('serves the second read from the cache and answers a conditional request with 304', async () => {
    const p = await createProduct(base);
    const first = await api(base, `/api/products/${p.slug}`);
    const second = await api(base, `/api/products/${p.slug}`);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.body).toEqual(first.body);
    const etag = second.headers.get('etag')!;
    expect(second.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    const conditional = await api(base, `/api/products/${p.slug}`, { headers: { 'if-none-match': etag } });
    expect(conditional.status).toBe(304);
    expect(conditional.body).toBeUndefined();
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/catalog_product_cache_total\{[^}]*result="hit"[^}]*\} [1-9]/);
  });

  it('invalidates the cached read when the product changes', async () => {
    const p = await createProduct(base);
    await api(base, `/api/products/${p.id}`);
    expect((await api(base, `/api/products/${p.id}`)).headers.get('x-cache')).toBe('HIT');
    const updated = await api(base, `/api/admin/products/${p.id}`, { method: 'PATCH', json: { title: 'Renamed Tee' } });
    expect(updated.status).toBe(200);
    const after = await api(base, `/api/products/${p.id}`);
    expect(after.body.title).toBe('Renamed Tee');
    expect(after.body.version).toBe(2);
  });
});

describe('public listing', () => {
  it('pages through every active product exactly once with cursors, in price order', async () => {
    const categorySlug = `cat-${Date.now().toString(36)}`;
    const category = await api(base, '/api/admin/categories', { method: 'POST', json: { slug: categorySlug, name: 'Cat' } });
    expect(category.status).toBe(201);
    const created: Product[] = [];
    for (let i = 0; i < 7; i++) {
      const price = { amount: 1000 + ((i * 37) % 5) * 100, currency: 'EUR' };
      const body = productBody({ categoryIds: [category.body.id] });
      created.push(await createProduct(base, { ...body, variants: [{ ...body.variants[0], price }] }));
    }
    await createProduct(base, { categoryIds: [category.body.id], status: 'draft' });

    const seen: Product[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `?category=${categorySlug}&sort=price_asc&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api(base, `/api/products${q}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(seen.map((p) => p.id).sort()).toEqual(created.map((p) => p.id).sort());
    const prices = seen.map((p) => Math.min(...p.variants.map((v) => v.price.amount)));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it('includes products of child categories when filtering by a parent', async () => {
    const parent = await api(base, '/api/admin/categories', { method: 'POST', json: { slug: `parent-${Date.now().toString(36)}`, name: 'P' } });
    const child = await api(base, '/api/admin/categories', {
      method: 'POST',
      json: { slug: `child-${Date.now().toString(36)}`, name: 'C', parentId: parent.body.id },
    });
    const p = await createProduct(base, { categoryIds: [child.body.id] });
    const page = await api(base, `/api/products?category=${parent.body.slug}`);
    expect(page.body.items.map((x: Product) => x.id)).toEqual([p.id]);
    const tree = await api(base, '/api/categories');
    const node = tree.body.items.find((c: { id: string }) => c.id === parent.body.id);
    expect(node.children.map((c: { id: string }) => c.id)).toEqual([child.body.id]);
  });

  it('names the bad query field with 400 and refuses foreign cursors', async () => {
    const bad = await api(base, '/api/products?limit=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ field: 'limit', reason: 'must be a number' }]);
    const cursor = await api(base, '/api/products?cursor=garbage');
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.code).toBe('INVALID_CURSOR');
    const unknown = await api(base, '/api/products?colour=red');
    expect(unknown.status).toBe(400);
  });

  it('answers an unknown product with 404 in the error shape', async () => {
    const res = await api(base, '/api/products/no-such-product');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});

describe('events', () => {
  it('publishes product events through the outbox onto events.catalog', async () => {
    const p = await createProduct(base);
    await api(base, `/api/admin/products/${p.id}`, { method: 'PATCH', json: { description: 'Now softer.' } });
    const redis = redisClient();
    try {
      const stream = streamKey(catalog.prefix, 'events.catalog');
      let types: string[] = [];
      for (let i = 0; i < 50 && types.length < 2; i++) {
        const entries = await redis.xrange(stream, '-', '+');
        types = entries
          .map(([, fields]) => JSON.parse(fields[fields.indexOf('envelope') + 1]))
          .filter((e) => e.aggregateId === p.id)
          .map((e) => `${e.eventType}@${e.version}`);
        if (types.length < 2) await new Promise((r) => setTimeout(r, 100));
      }
      expect(types).toEqual(['catalog.product.created.v1@1', 'catalog.product.updated.v1@2']);
    } finally {
      redis.disconnect();
    }
  });
});

describe('media', () => {
  it('serves placeholder images locally as SVG', async () => {
    const res = await fetch(`${base}/media/placeholder/merino-crew-tee-1.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(await res.text()).toMatch(/^<svg/);
  });

  it("draws a product's placeholder with its catalog title, not words rebuilt from its slug", async () => {
    const tag = Date.now().toString(36);
    const product = await createProduct(base, { title: `Core USB-C Charger ${tag}`, slug: `core-usb-c-charger-${tag}`, status: 'active' });
    const res = await fetch(`${base}/media/placeholder/${product.slug}-1.svg`);
    expect(res.status).toBe(200);
    const svg = await res.text();
    expect(svg).toContain(`aria-label="Core USB-C Charger ${tag}"`);
    expect(svg).not.toContain('Usb C');
    // Cached like the product, so a renamed product's picture follows.
    expect(res.headers.get('cache-control')).not.toContain('immutable');
    // A name no product has keeps the words of the name.
    expect(await (await fetch(`${base}/media/placeholder/no-such-thing-${tag}-2.svg`)).text()).toContain(`aria-label="No Such Thing ${tag.charAt(0).toUpperCase()}${tag.slice(1)}"`);
  });
});
