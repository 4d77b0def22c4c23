import { Id, Image, Slug, Sku } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { DEMO_BASE_DATE, generateDemoCatalog, placeholderImageUrl, slugify } from './demo-catalog.js';

const catalog = generateDemoCatalog();
const variants = catalog.products.flatMap((p) => p.variants);

describe('generateDemoCatalog', () => {
  it('is deterministic: two runs are deep-equal', () => {
    expect(generateDemoCatalog()).toEqual(catalog);
  });

  it('keeps the same key facts from release to release (ids are primary keys in seeded databases)', () => {
    const first = catalog.products[0];
    expect({
      slug: first?.slug,
      id: first?.id,
      firstSku: first?.variants[0]?.sku,
      products: catalog.products.length,
      variants: variants.length,
      categories: catalog.categories.length,
    }).toMatchInlineSnapshot(`
      {
        "categories": 16,
        "firstSku": "TEE-HENLEY-HEAVYWEIGHT-BLACK-S",
        "id": "cf1be978-2f41-45c5-a474-1fce24342d8e",
        "products": 520,
        "slug": "heavyweight-henley",
        "variants": 1828,
      }
    `);
  });

  it('changes with the seed but keeps ids tied to slugs and SKUs', () => {
    const other = generateDemoCatalog({ seed: 'another-seed' });
    expect(other.products.map((p) => p.slug)).not.toEqual(catalog.products.map((p) => p.slug));
    const bySlug = new Map(catalog.products.map((p) => [p.slug, p.id]));
    const shared = other.products.filter((p) => bySlug.has(p.slug));
    expect(shared.length).toBeGreaterThan(0);
    for (const p of shared) expect(p.id).toBe(bySlug.get(p.slug));
  });

  it('has at least 10 categories, 500 products and 1,500 SKUs', () => {
    expect(catalog.categories.length).toBeGreaterThanOrEqual(10);
    expect(catalog.products.length).toBeGreaterThanOrEqual(500);
    expect(variants.length).toBeGreaterThanOrEqual(1500);
  });

  it('forms a two-level category tree and puts every product in a leaf', () => {
    const byId = new Map(catalog.categories.map((c) => [c.id, c]));
    const roots = catalog.categories.filter((c) => c.parentId === null);
    const leaves = catalog.categories.filter((c) => c.parentId !== null);
    expect(roots.length).toBeGreaterThanOrEqual(4);
    for (const leaf of leaves) expect(byId.get(leaf.parentId ?? '')?.parentId).toBeNull();
    for (const root of roots) expect(leaves.some((l) => l.parentId === root.id)).toBe(true);
    const leafIds = new Set(leaves.map((l) => l.id));
    for (const product of catalog.products) {
      expect(product.categoryIds.length).toBeGreaterThan(0);
      for (const id of product.categoryIds) expect(leafIds.has(id)).toBe(true);
    }
    // Every leaf gets a fair share, so every category page has products.
    for (const leaf of leaves) {
      expect(catalog.products.filter((p) => p.categoryIds.includes(leaf.id)).length).toBeGreaterThanOrEqual(40);
    }
  });

  it('uses unique ids, slugs and SKUs', () => {
    const ids = [...catalog.categories.map((c) => c.id), ...catalog.products.map((p) => p.id), ...variants.map((v) => v.id)];
    expect(new Set(ids).size).toBe(ids.length);
    const slugs = [...catalog.categories.map((c) => c.slug), ...catalog.products.map((p) => p.slug)];
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(new Set(variants.map((v) => v.sku)).size).toBe(variants.length);
  });

  it('makes every id, slug, SKU and image valid under the contracts', () => {
    for (const c of catalog.categories) {
      expect(Id.safeParse(c.id).success, c.id).toBe(true);
      expect(Slug.safeParse(c.slug).success, c.slug).toBe(true);
    }
    for (const p of catalog.products) {
      expect(Id.safeParse(p.id).success, p.id).toBe(true);
      expect(Slug.safeParse(p.slug).success, p.slug).toBe(true);
      for (const image of p.images) expect(Image.safeParse(image).success, image.url).toBe(true);
      for (const v of p.variants) {
        expect(Id.safeParse(v.id).success, v.id).toBe(true);
        expect(Sku.safeParse(v.sku).success, v.sku).toBe(true);
      }
    }
  });

  it('prices every variant in integer EUR minor units and keeps the product minPrice the lowest', () => {
    for (const p of catalog.products) {
      expect(p.currency).toBe('EUR');
      for (const v of p.variants) {
        expect(Number.isInteger(v.priceAmount)).toBe(true);
        expect(v.priceAmount).toBeGreaterThan(0);
        expect(v.currency).toBe('EUR');
      }
      expect(p.minPrice).toBe(Math.min(...p.variants.map((v) => v.priceAmount)));
    }
  });

  it('gives each product 2-5 variants with distinct attributes that fit its category', () => {
    const leafSlug = new Map(catalog.categories.map((c) => [c.id, c.slug]));
    for (const p of catalog.products) {
      expect(p.variants.length).toBeGreaterThanOrEqual(2);
      expect(p.variants.length).toBeLessThanOrEqual(5);
      const keys = p.variants.map((v) => JSON.stringify(v.attributes));
      expect(new Set(keys).size).toBe(keys.length);
      expect(p.variants.map((v) => v.position)).toEqual(p.variants.map((_, i) => i));
      const slug = leafSlug.get(p.categoryIds[0] ?? '');
      for (const v of p.variants) {
        if (slug === 't-shirts' || slug === 'sneakers' || slug === 'boots') expect(Object.keys(v.attributes).sort()).toEqual(['colour', 'size']);
        if (slug === 'kitchen' || slug === 'lighting') expect(Object.keys(v.attributes).sort()).toEqual(['colour', 'finish']);
      }
    }
  });

  it('is mostly active, with some drafts and a few archived products', () => {
    const count = (status: string) => catalog.products.filter((p) => p.status === status).length;
    const total = catalog.products.length;
    expect(count('active') / total).toBeCloseTo(0.9, 1);
    expect(count('draft') / total).toBeCloseTo(0.07, 1);
    expect(count('archived')).toBeGreaterThan(0);
    expect(count('active') + count('draft') + count('archived')).toBe(total);
  });

  it('spreads creation over the year before the base date', () => {
    const times = catalog.products.map((p) => p.createdAt.getTime());
    const yearAgo = DEMO_BASE_DATE.getTime() - 366 * 24 * 3600 * 1000;
    for (const p of catalog.products) {
      expect(p.createdAt.getTime()).toBeGreaterThan(yearAgo);
      expect(p.createdAt.getTime()).toBeLessThan(DEMO_BASE_DATE.getTime());
      expect(p.updatedAt.getTime()).toBeGreaterThanOrEqual(p.createdAt.getTime());
      expect(p.updatedAt.getTime()).toBeLessThanOrEqual(DEMO_BASE_DATE.getTime());
    }
    expect(new Set(times).size).toBeGreaterThan(catalog.products.length * 0.95);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(300 * 24 * 3600 * 1000);
    for (const c of catalog.categories) expect(c.createdAt.getTime()).toBeLessThan(Math.min(...times));
  });

  it('describes each product in two or three sentences naming it', () => {
    for (const p of catalog.products) {
      const sentences = p.description.split(/(?<=\.)\s+/);
      expect(sentences.length, p.description).toBeGreaterThanOrEqual(2);
      expect(sentences.length, p.description).toBeLessThanOrEqual(3);
      expect(p.description).toContain(p.title);
    }
  });

  it('points 1-3 images at local placeholders named after the slug', () => {
    for (const p of catalog.products) {
      expect(p.images.length).toBeGreaterThanOrEqual(1);
      expect(p.images.length).toBeLessThanOrEqual(3);
      p.images.forEach((image, i) => {
        expect(image.url).toBe(placeholderImageUrl(p.slug, i + 1));
        expect(image.url).toMatch(/^\/media\/placeholder\/[a-z0-9-]+\.svg$/);
        expect(image.alt).toContain(p.title);
      });
    }
  });

  it('honours productCount and refuses more than the word lists can name', () => {
    expect(generateDemoCatalog({ productCount: 12 }).products).toHaveLength(12);
    expect(() => generateDemoCatalog({ productCount: 100_000 })).toThrow(/at most/);
  });
});

describe('slugify', () => {
  it('makes contract-valid slugs from titles with punctuation', () => {
    expect(slugify("Kyoto Chef's Knife")).toBe('kyoto-chefs-knife');
    expect(slugify('  Half-Zip / Sweatshirt! ')).toBe('half-zip-sweatshirt');
  });
});
