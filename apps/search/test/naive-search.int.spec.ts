import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchQuery, type SearchQueryInput } from '@shop/contracts';
import { createPgPool } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import { NaiveSearch } from '../src/naive/naive-search.js';

/**
 * The benchmark's naive baseline against the real catalog tables: products written straight into
 * them (as bench:search does), every query word made unique to this run so other suites' products
 * in the same database never match.
 */
describe('the naive ILIKE baseline (bench:search)', () => {
  const pool = createPgPool({ connectionString: testEnv().databaseUrl, max: 4 });
  const naive = new NaiveSearch(pool);
  const tag = `q${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const slug = (s: string) => `${s}-${tag}`;
  const ids: Record<string, string> = {};

  async function category(name: string, parent?: string): Promise<void> {
    ids[name] = randomUUID();
    await pool.query('INSERT INTO catalog.category (id, slug, name, parent_id) VALUES ($1, $2, $3, $4)', [ids[name], slug(name), name, parent ? ids[parent] : null]);
  }

  async function product(key: string, p: { title: string; description?: string; status?: string; categories: string[]; createdAt: string; variants: { title: string; attributes: Record<string, string>; price: number; stock: number }[] }): Promise<void> {
    ids[key] = randomUUID();
    const min = Math.min(...p.variants.map((v) => v.price));
    await pool.query(
      `INSERT INTO catalog.product (id, slug, title, description, status, images, min_price, currency, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::catalog."ProductStatus", $6, $7, 'EUR', $8, $8)`,
      [ids[key], slug(key), p.title, p.description ?? '', p.status ?? 'active', JSON.stringify([{ url: `/img/${key}.jpg`, alt: '' }]), min, p.createdAt],
    );
    for (const c of p.categories) await pool.query('INSERT INTO catalog.product_category (product_id, category_id) VALUES ($1, $2)', [ids[key], ids[c]]);
    for (const [i, v] of p.variants.entries()) {
      const sku = `${key}-${tag}-${i}`.toUpperCase();
      await pool.query(
        `INSERT INTO catalog.variant (id, product_id, sku, title, attributes, price_amount, currency, position) VALUES ($1, $2, $3, $4, $5, $6, 'EUR', $7)`,
        [randomUUID(), ids[key], sku, v.title, JSON.stringify(v.attributes), v.price, i],
      );
      await pool.query('INSERT INTO inventory.stock (sku, partition, on_hand) VALUES ($1, 0, $2)', [sku, v.stock]);
    }
  }

  const search = (input: Omit<SearchQueryInput, 'q'> & { q?: string }) => naive.search(SearchQuery.parse({ ...input, q: input.q ?? tag }));
  const slugs = (r: { items: { slug: string }[] }) => r.items.map((i) => i.slug);

  beforeAll(async () => {
    await category('clothing');
    await category('tops', 'clothing');
    await category('tees', 'tops');
    await category('knitwear', 'clothing');
    await category('home');
    await product('tee', {
      title: `Organic Cotton Pocket Tee ${tag}`,
      categories: ['tees'],
      createdAt: '2026-01-03T00:00:00Z',
      variants: [
        { title: 'Navy / M', attributes: { size: 'M', colour: 'Navy' }, price: 1900, stock: 5 },
        { title: 'Navy / L', attributes: { size: 'L', colour: 'Navy' }, price: 2100, stock: 0 },
      ],
    });
    await product('hoodie', {
      title: `Merino Wool Crew Hoodie ${tag}`,
      description: 'Soft and warm, with organic cotton lining.',
      categories: ['knitwear'],
      createdAt: '2026-01-02T00:00:00Z',
      variants: [{ title: 'Grey / L', attributes: { size: 'L', color: 'Grey' }, price: 7900, stock: 0 }],
    });
    await product('mug', {
      title: `Stoneware Mug ${tag}`,
      description: 'Holds 100% of your coffee.',
      categories: ['home', 'tops'],
      createdAt: '2026-01-01T00:00:00Z',
      variants: [{ title: 'Default', attributes: {}, price: 25_000, stock: 3 }],
    });
    await product('archived', {
      title: `Organic Cotton Archived Tee ${tag}`,
      status: 'archived',
      categories: ['tees'],
      createdAt: '2026-01-04T00:00:00Z',
      variants: [{ title: 'Navy / M', attributes: { size: 'M', colour: 'Navy' }, price: 1000, stock: 9 }],
    });
  });
  afterAll(async () => {
    await pool.end();
  });

  it('ANDs every word as a substring of the title, description, variant titles or SKUs, and leaves archived products out', async () => {
    expect(slugs(await search({}))).toEqual([slug('tee'), slug('hoodie'), slug('mug')]);
    expect(slugs(await search({ q: `organic cotton ${tag}` }))).toEqual([slug('tee'), slug('hoodie')]);
    expect(slugs(await search({ q: `${tag} navy` }))).toEqual([slug('tee')]);
    expect(slugs(await search({ q: `hoodie-${tag}-0` }))).toEqual([slug('hoodie')]);
    expect(slugs(await search({ q: `${tag} 0%` }))).toEqual([slug('mug')]);
  });

  it('filters by category subtree, price, stock, size and colour (color folded in), and the filters compose', async () => {
    expect(slugs(await search({ category: slug('clothing') }))).toEqual([slug('tee'), slug('hoodie'), slug('mug')]);
    expect(slugs(await search({ category: slug('tees') }))).toEqual([slug('tee')]);
    expect(slugs(await search({ minPrice: '2000', maxPrice: '30000' }))).toEqual([slug('hoodie'), slug('mug')]);
    expect(slugs(await search({ inStock: 'true' }))).toEqual([slug('tee'), slug('mug')]);
    expect(slugs(await search({ inStock: 'false' }))).toEqual([slug('hoodie')]);
    expect(slugs(await search({ size: 'L' }))).toEqual([slug('tee'), slug('hoodie')]);
    expect(slugs(await search({ colour: 'Grey,Red' }))).toEqual([slug('hoodie')]);
    expect(slugs(await search({ size: 'L', inStock: 'true', category: slug('clothing') }))).toEqual([slug('tee')]);
    expect((await search({ category: `nowhere-${tag}` })).total).toBe(0);
  });

  it('sorts by price either way and limits the page; the total counts every match', async () => {
    expect(slugs(await search({ sort: 'price_asc' }))).toEqual([slug('tee'), slug('hoodie'), slug('mug')]);
    const page = await search({ sort: 'price_desc', limit: '2' });
    expect(slugs(page)).toEqual([slug('mug'), slug('hoodie')]);
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({ title: `Stoneware Mug ${tag}`, price: { amount: 25_000, currency: 'EUR' }, inStock: true, image: '/img/mug.jpg', highlights: [], skus: [`MUG-${tag}-0`.toUpperCase()] });
    expect(page.nextCursor).toBeNull();
  });

  it('counts facets over the matches with every filter applied: price buckets add up to the total', async () => {
    const all = await search({});
    expect(all.total).toBe(3);
    expect(all.facets.price).toEqual([
      { from: 0, to: 2_500, count: 1 },
      { from: 5_000, to: 10_000, count: 1 },
      { from: 20_000, to: null, count: 1 },
    ]);
    expect(all.facets.size).toEqual([
      { value: 'L', count: 2 },
      { value: 'M', count: 1 },
    ]);
    expect(all.facets.colour).toEqual([
      { value: 'Grey', count: 1 },
      { value: 'Navy', count: 1 },
    ]);
    const underClothing = await search({ category: slug('clothing') });
    expect(underClothing.facets.category).toEqual([
      { value: slug('tops'), label: 'tops', count: 2 },
      { value: slug('knitwear'), label: 'knitwear', count: 1 },
    ]);
    const filtered = await search({ category: slug('clothing'), inStock: 'true' });
    expect(filtered.facets.category).toEqual([{ value: slug('tops'), label: 'tops', count: 2 }]);
    expect(filtered.facets.price.reduce((s, b) => s + b.count, 0)).toBe(filtered.total);
  });
});
