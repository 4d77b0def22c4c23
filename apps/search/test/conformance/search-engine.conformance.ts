import { FailureCode, SearchQuery, SearchResult, SuggestQuery, type SearchQueryInput, type SearchSort } from '@shop/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../../src/application/search-engine.js';
import type { SearchDocument } from '../../src/domain/search-document.js';
import {
  BEDDING,
  CANVAS_APRON,
  CLASSIC_TEE,
  CLOTHING,
  COTTON_HOODIE,
  FIXTURE_CATEGORIES,
  FIXTURE_DOCUMENTS,
  fixtureDocument,
  GRAPHIC_TEE,
  HOME,
  HOODIES,
  KITCHEN,
  ORGANIC_SHEETS,
  ORGANIC_TEE,
  productId,
  QUILTED_THROW,
  SALT_AND_PEPPER,
  SOFA_CUSHION,
  STRIPED_T_SHIRT,
  T_SHIRTS,
  TROUSERS,
  WOOL_BLANKET,
  ZIP_HOODIE,
} from './fixtures.js';

/**
 * What every SearchEngine must answer, identically: the PostgreSQL engine runs it always, the
 * Elasticsearch engine whenever ELASTICSEARCH_URL is set. `open` returns a prepared, EMPTY engine
 * of this run only. Only what both engines must agree on is asserted: result sets and totals, the
 * relevance orderings the issue names, sorts with their tie-break (productId ascending), facet
 * counts, pagination, suggestions, versions, removal and the rebuild's swap.
 *
 * Expectations about filters and sorts are computed from the fixtures with plain array code, so a
 * fixture change keeps them right; text matching is asserted against named products.
 */
export function describeSearchEngineConformance(label: string, open: () => Promise<SearchEngine>): void {
  describe(`SearchEngine conformance: ${label}`, () => {
    let engine: SearchEngine;
    const search = (input: SearchQueryInput = {}) => engine.search(SearchQuery.parse(input), FIXTURE_CATEGORIES);
    const titles = (result: SearchResult) => result.items.map((hit) => hit.title);
    const ids = (result: SearchResult) => result.items.map((hit) => hit.id);
    /** Every hit of a query, page by page through nextCursor. */
    const allPages = async (input: SearchQueryInput, limit: number) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 100; page++) {
        const result = await search({ ...input, limit: String(limit), ...(cursor === undefined ? {} : { cursor }) });
        expect(result.items.length).toBeLessThanOrEqual(limit);
        seen.push(...ids(result));
        if (result.nextCursor === null) return seen;
        cursor = result.nextCursor;
      }
      throw new Error('pagination never ended');
    };
    const sortedIds = (docs: readonly SearchDocument[], compare: (a: SearchDocument, b: SearchDocument) => number) =>
      [...docs].sort((a, b) => compare(a, b) || (a.productId < b.productId ? -1 : 1)).map((d) => d.productId);
    const inCategory = (id: string) => (d: SearchDocument) => d.categoryIds.includes(id);

    beforeAll(async () => {
      engine = await open();
    });

    describe('queries over the fixture shop', () => {
      beforeAll(async () => {
        await engine.clear();
        await engine.upsert(FIXTURE_DOCUMENTS);
      });

      it('lists every product without text, newest first (ties by productId)', async () => {
        const result = await search();
        expect(result.total).toBe(FIXTURE_DOCUMENTS.length);
        expect(ids(result)).toEqual(sortedIds(FIXTURE_DOCUMENTS, (a, b) => b.createdAt.localeCompare(a.createdAt)));
        expect(SearchResult.parse(result)).toEqual(result);
      });

      it('ranks an exact title match above a description match', async () => {
        const result = await search({ q: 'quilted throw' });
        expect(titles(result)).toEqual([QUILTED_THROW.title, SOFA_CUSHION.title]);
      });

      it('ranks a title match above a category match', async () => {
        const result = await search({ q: 't-shirt' });
        expect(titles(result)[0]).toBe(STRIPED_T_SHIRT.title);
        expect(new Set(ids(result))).toEqual(new Set(FIXTURE_DOCUMENTS.filter(inCategory(T_SHIRTS.id)).map((d) => d.productId)));
      });

      it('finds "Organic Cotton" for "organc cotton" and says what it searched for', async () => {
        const result = await search({ q: 'organc cotton' });
        expect(new Set(titles(result))).toEqual(new Set([ORGANIC_TEE.title, ORGANIC_SHEETS.title]));
        expect(result.total).toBe(2);
        expect(result.didYouMean).toBe('organic cotton');
      });

      it('gives no didYouMean when the query finds what it asks for', async () => {
        const result = await search({ q: 'organic cotton' });
        expect(result.total).toBe(2);
        expect(result.didYouMean).toBeUndefined();
      });

      it('finds T-shirts by prefix: "tee" and "te"', async () => {
        const tees = new Set([ORGANIC_TEE.title, CLASSIC_TEE.title, GRAPHIC_TEE.title]);
        expect(new Set(titles(await search({ q: 'tee' })))).toEqual(tees);
        expect(new Set(titles(await search({ q: 'classic te' })))).toEqual(new Set([CLASSIC_TEE.title]));
      });

      it('requires every word of the query', async () => {
        expect(titles(await search({ q: 'cotton hoodie' }))).toEqual([COTTON_HOODIE.title]);
        expect((await search({ q: 'cotton knife' })).total).toBe(0);
      });

      it('matches regardless of case and accents', async () => {
        expect(titles(await search({ q: 'CANVAS ÁPRON' }))).toEqual([CANVAS_APRON.title]);
      });

      it('finds a product by SKU, variant name and category name', async () => {
        const sku = ZIP_HOODIE.skus[0] ?? '';
        expect(ids(await search({ q: sku }))).toEqual([ZIP_HOODIE.productId]);
        expect(new Set(ids(await search({ q: 'hoodies' })))).toEqual(new Set([COTTON_HOODIE.productId, ZIP_HOODIE.productId]));
        expect(ids(await search({ q: 'beige' }))).toEqual(ids(await search({ colour: 'Beige' })));
      });

      it('finds nothing, without error, for a query of symbols only or unknown words', async () => {
        const symbols = await search({ q: "&|!:*()'\"" });
        expect(symbols.total).toBe(FIXTURE_DOCUMENTS.length); // no words: the unfiltered listing
        const unknown = await search({ q: 'xylophone' });
        expect(unknown).toMatchObject({ total: 0, items: [], nextCursor: null });
      });

      it('highlights the matched words and escapes everything else', async () => {
        const [organic] = (await search({ q: 'organic' })).items.filter((hit) => hit.id === ORGANIC_TEE.productId);
        expect(organic?.highlights).toContainEqual({ field: 'title', snippet: '<mark>Organic</mark> Cotton Tee' });
        const [salt] = (await search({ q: 'salt' })).items;
        expect(salt?.highlights).toContainEqual({ field: 'title', snippet: '<mark>Salt</mark> &amp; Pepper &lt;Set&gt;' });
        const [cushion] = (await search({ q: 'quilted throw' })).items.filter((hit) => hit.id === SOFA_CUSHION.productId);
        expect(cushion?.highlights).toContainEqual({
          field: 'description',
          snippet: 'Matches our <mark>quilted</mark> <mark>throw</mark>: <mark>quilted</mark> <mark>throw</mark> colours, <mark>quilted</mark> <mark>throw</mark> feel.',
        });
      });

      it('shows a hit with its lowest price, sale price, stock and image', async () => {
        const [hit] = (await search({ q: 'organic cotton tee' })).items;
        expect(hit).toMatchObject({
          id: ORGANIC_TEE.productId,
          slug: ORGANIC_TEE.slug,
          title: ORGANIC_TEE.title,
          price: { amount: ORGANIC_TEE.priceMin, currency: 'EUR' },
          priceNow: { amount: 1499, currency: 'EUR' },
          salePrice: { amount: 1499, currency: 'EUR' },
          inStock: true,
          image: ORGANIC_TEE.image,
        });
        const [graphic] = (await search({ q: 'graphic' })).items;
        expect(graphic).toMatchObject({ inStock: false });
        expect(graphic).not.toHaveProperty('salePrice');
        expect(graphic?.priceNow).toEqual(graphic?.price);
      });

      it('filters by a category and everything below it', async () => {
        const clothing = await search({ category: CLOTHING.slug, limit: '100' });
        expect(new Set(ids(clothing))).toEqual(new Set(FIXTURE_DOCUMENTS.filter(inCategory(CLOTHING.id)).map((d) => d.productId)));
        expect(new Set(ids(await search({ category: HOODIES.slug })))).toEqual(new Set([COTTON_HOODIE.productId, ZIP_HOODIE.productId]));
        expect((await search({ category: 'no-such-category' })).total).toBe(0);
      });

      it('filters by price range (the price now, bounds included), stock, size and colour (any of)', async () => {
        const expectIds = async (input: SearchQueryInput, keep: (d: SearchDocument) => boolean) => {
          const result = await search({ ...input, limit: '100' });
          expect(new Set(ids(result)), JSON.stringify(input)).toEqual(new Set(FIXTURE_DOCUMENTS.filter(keep).map((d) => d.productId)));
          expect(result.total).toBe(result.items.length);
        };
        await expectIds({ minPrice: '2500', maxPrice: '5999' }, (d) => d.priceNow >= 2500 && d.priceNow <= 5999);
        // The organic tee's list price is 19.99, its sale price 14.99: the filter takes the price shown.
        await expectIds({ maxPrice: '1499' }, (d) => d.priceNow <= 1499);
        expect(ids(await search({ maxPrice: '1499' }))).toContain(ORGANIC_TEE.productId);
        await expectIds({ inStock: 'true' }, (d) => d.inStock);
        await expectIds({ inStock: 'false' }, (d) => !d.inStock);
        await expectIds({ size: 'M,XL' }, (d) => ['M', 'XL'].some((s) => d.attributes['size']?.includes(s)));
        await expectIds({ colour: 'Navy' }, (d) => d.attributes['colour']?.includes('Navy') ?? false);
        await expectIds({ colour: 'navy' }, () => false); // values as written
      });

      it('composes filters and text', async () => {
        const result = await search({ q: 'tee', category: T_SHIRTS.slug, size: 'M', colour: 'White,Black', inStock: 'true', maxPrice: '2000' });
        expect(new Set(ids(result))).toEqual(new Set([ORGANIC_TEE.productId, CLASSIC_TEE.productId]));
        const cheaper = await search({ q: 'tee', category: T_SHIRTS.slug, size: 'M', colour: 'White,Black', inStock: 'true', maxPrice: '1498' });
        expect(ids(cheaper)).toEqual([]);
        const onSale = await search({ q: 'tee', category: T_SHIRTS.slug, size: 'M', colour: 'White,Black', inStock: 'true', minPrice: '1000', maxPrice: '1499', sort: 'price_asc' });
        expect(ids(onSale)).toEqual([ORGANIC_TEE.productId, CLASSIC_TEE.productId].sort()); // both at 14.99 now: ties by productId
      });

      it('counts facets over the results with every filter applied', async () => {
        const result = await search({ category: CLOTHING.slug });
        const clothing = FIXTURE_DOCUMENTS.filter(inCategory(CLOTHING.id));
        expect(result.total).toBe(clothing.length);
        expect(result.facets.category).toEqual([
          { value: T_SHIRTS.slug, label: T_SHIRTS.name, count: 4 },
          { value: HOODIES.slug, label: HOODIES.name, count: 2 },
          { value: TROUSERS.slug, label: TROUSERS.name, count: 1 },
        ]);
        expect(result.facets.price).toEqual([
          { from: 0, to: 2500, count: 3 },
          { from: 2500, to: 5000, count: 1 },
          { from: 5000, to: 10000, count: 3 },
        ]);
        expect(result.facets.size).toEqual([
          { value: 'M', count: 5 },
          { value: 'L', count: 4 },
          { value: 'S', count: 2 },
          { value: '32', count: 1 },
          { value: '34', count: 1 },
          { value: 'XL', count: 1 },
        ]);
        expect(result.facets.colour).toEqual([
          { value: 'Black', count: 2 },
          { value: 'White', count: 2 },
          { value: 'Beige', count: 1 },
          { value: 'Grey', count: 1 },
          { value: 'Navy', count: 1 },
          { value: 'Red', count: 1 },
        ]);
      });

      it('lists root categories without a category filter, leaving empty ones out, and price buckets add up to the total', async () => {
        const all = await search();
        expect(all.facets.category).toEqual([
          { value: HOME.slug, label: HOME.name, count: 9 },
          { value: CLOTHING.slug, label: CLOTHING.name, count: 7 },
        ]);
        const home = await search({ category: HOME.slug });
        expect(home.facets.category.map((f) => f.value)).toEqual([BEDDING.slug, KITCHEN.slug]); // garden holds nothing
        for (const input of [{}, { q: 'cotton' }, { colour: 'Grey' }, { category: BEDDING.slug, inStock: 'true' }] as SearchQueryInput[]) {
          const result = await search(input);
          expect(result.facets.price.reduce((sum, b) => sum + b.count, 0), JSON.stringify(input)).toBe(result.total);
        }
        const grey = await search({ colour: 'Grey', inStock: 'true' });
        expect(grey.facets.colour).toEqual([{ value: 'Grey', count: grey.total }]);
        expect(grey.total).toBe(FIXTURE_DOCUMENTS.filter((d) => d.inStock && d.attributes['colour']?.includes('Grey')).length);
      });

      it('sorts by price both ways and by newest, ties by productId', async () => {
        const expectOrder = async (sort: SearchSort, compare: (a: SearchDocument, b: SearchDocument) => number) => {
          expect(ids(await search({ sort, limit: '100' })), sort).toEqual(sortedIds(FIXTURE_DOCUMENTS, compare));
        };
        await expectOrder('price_asc', (a, b) => a.priceNow - b.priceNow);
        await expectOrder('price_desc', (a, b) => b.priceNow - a.priceNow);
        await expectOrder('newest', (a, b) => b.createdAt.localeCompare(a.createdAt));
        const cotton = await search({ q: 'cotton', sort: 'price_desc' });
        expect(titles(cotton)).toEqual([ORGANIC_SHEETS.title, COTTON_HOODIE.title, ORGANIC_TEE.title]);
      });

      it('pages through every hit exactly once, in order, for every sort', async () => {
        for (const sort of ['relevance', 'price_asc', 'price_desc', 'newest'] as const) {
          for (const input of [{ sort }, { q: 'cotton', sort }, { category: HOME.slug, sort }] as SearchQueryInput[]) {
            const whole = ids(await search({ ...input, limit: '100' }));
            expect(await allPages(input, 2), JSON.stringify(input)).toEqual(whole);
          }
        }
      });

      it('refuses a cursor of another sort, another query or no cursor at all, naming the field', async () => {
        const first = await search({ q: 'cotton', sort: 'price_asc', limit: '1' });
        expect(first.nextCursor).not.toBeNull();
        const cursor = first.nextCursor ?? '';
        const refused = { code: FailureCode.VALIDATION_FAILED, failure: { details: [expect.objectContaining({ field: 'cursor' })] } };
        await expect(search({ q: 'cotton', sort: 'price_desc', cursor })).rejects.toMatchObject(refused);
        await expect(search({ q: 'hoodie', sort: 'price_asc', cursor })).rejects.toMatchObject(refused);
        await expect(search({ q: 'cotton', sort: 'price_asc', colour: 'Grey', cursor })).rejects.toMatchObject(refused);
        await expect(search({ q: 'cotton', sort: 'price_asc', cursor: 'not-a-cursor' })).rejects.toMatchObject(refused);
        expect((await search({ q: 'cotton', sort: 'price_asc', limit: '1', cursor })).items).toHaveLength(1);
      });

      it('suggests titles and categories by prefix, within the limit, without repeats', async () => {
        const suggest = (q: string, limit?: number) => engine.suggest(SuggestQuery.parse({ q, ...(limit === undefined ? {} : { limit: String(limit) }) }));
        const organic = await suggest('organic co');
        expect(organic.suggestions).toEqual(
          expect.arrayContaining([
            { text: ORGANIC_TEE.title, slug: ORGANIC_TEE.slug },
            { text: ORGANIC_SHEETS.title, slug: ORGANIC_SHEETS.slug },
          ]),
        );
        expect((await suggest('bed')).suggestions[0]).toEqual({ text: BEDDING.name });
        const tees = await suggest('tee', 2);
        expect(tees.suggestions).toHaveLength(2);
        const texts = (await suggest('t')).suggestions.map((s) => s.text.toLowerCase());
        expect(new Set(texts).size).toBe(texts.length);
        expect((await suggest('organc')).suggestions.map((s) => s.text)).toEqual(expect.arrayContaining([ORGANIC_TEE.title, ORGANIC_SHEETS.title]));
        expect((await suggest('zzzz')).suggestions).toEqual([]);
      });

      it('finds stored documents by id and by SKU', async () => {
        expect(await engine.get(WOOL_BLANKET.productId)).toEqual(WOOL_BLANKET);
        expect(await engine.get(productId(999))).toBeNull();
        const bySku = await engine.bySkus([CLASSIC_TEE.skus[1] ?? '', GRAPHIC_TEE.skus[0] ?? '', 'NO-SUCH-SKU']);
        expect(new Set(bySku.map((d) => d.productId))).toEqual(new Set([CLASSIC_TEE.productId, GRAPHIC_TEE.productId]));
      });
    });

    describe('writes', () => {
      beforeEach(async () => {
        await engine.clear();
        await engine.upsert([ORGANIC_TEE, CLASSIC_TEE, CANVAS_APRON, SALT_AND_PEPPER]);
      });

      it('replaces a document with a newer version and ignores an older one', async () => {
        await engine.upsert([{ ...CLASSIC_TEE, title: 'Classic Henley', version: 3 }]);
        expect(titles(await search({ q: 'henley' }))).toEqual(['Classic Henley']);
        await engine.upsert([{ ...CLASSIC_TEE, title: 'Classic Polo', version: 2 }]);
        expect((await search({ q: 'polo' })).total).toBe(0);
        expect((await engine.get(CLASSIC_TEE.productId))?.title).toBe('Classic Henley');
        await engine.upsert([{ ...CLASSIC_TEE, title: 'Classic Crew', version: 3, inStock: false }]); // same version: stock and price events
        expect(await engine.get(CLASSIC_TEE.productId)).toMatchObject({ title: 'Classic Crew', inStock: false });
      });

      it('keeps the newest of several versions of one product in one batch', async () => {
        await engine.upsert([
          { ...CANVAS_APRON, title: 'Apron v3', version: 3 },
          { ...CANVAS_APRON, title: 'Apron v2', version: 2 },
        ]);
        expect((await engine.get(CANVAS_APRON.productId))?.title).toBe('Apron v3');
      });

      it('sorts, filters and buckets a discounted product by its price now, and moves it when that price changes', async () => {
        // 40.00 shown at 20.00 on sale, and 30.00: "low to high" shows the 20.00 one first.
        const discounted = fixtureDocument({ title: 'Waxed Jacket', category: TROUSERS, price: 4000, salePrice: 2000, day: 21 }, 601);
        const plain = fixtureDocument({ title: 'Field Jacket', category: TROUSERS, price: 3000, day: 22 }, 602);
        await engine.upsert([discounted, plain]);
        const jackets = { category: TROUSERS.slug, sort: 'price_asc' } as const;
        expect(ids(await search(jackets))).toEqual([discounted.productId, plain.productId]);
        expect(ids(await search({ ...jackets, sort: 'price_desc' }))).toEqual([plain.productId, discounted.productId]);
        const [hit] = (await search(jackets)).items;
        expect(hit).toMatchObject({ price: { amount: 4000, currency: 'EUR' }, priceNow: { amount: 2000, currency: 'EUR' }, salePrice: { amount: 2000, currency: 'EUR' } });
        expect(ids(await search({ ...jackets, maxPrice: '2500' }))).toEqual([discounted.productId]);
        expect((await search(jackets)).facets.price).toEqual([
          { from: 0, to: 2500, count: 1 },
          { from: 2500, to: 5000, count: 1 },
        ]);
        // The sale ends (same catalog version: a price change, not a product edit).
        await engine.upsert([{ ...discounted, priceNow: 4000, salePrice: null }]);
        expect(ids(await search(jackets))).toEqual([plain.productId, discounted.productId]);
        expect(ids(await search({ ...jackets, maxPrice: '2500' }))).toEqual([]);
        expect((await search(jackets)).facets.price).toEqual([{ from: 2500, to: 5000, count: 2 }]);
        const [, ended] = (await search(jackets)).items;
        expect(ended).toMatchObject({ priceNow: { amount: 4000, currency: 'EUR' } });
        expect(ended).not.toHaveProperty('salePrice');
        // A page cursor carries the price it stopped at: the next page follows the new order.
        const first = await search({ ...jackets, limit: '1' });
        expect(ids(first)).toEqual([plain.productId]);
        expect(ids(await search({ ...jackets, limit: '1', cursor: first.nextCursor ?? '' }))).toEqual([discounted.productId]);
        // A price now above the list price (a demand price) sorts it where it is shown, and is no sale.
        await engine.upsert([{ ...plain, priceNow: 4500, salePrice: null }]);
        expect(ids(await search(jackets))).toEqual([discounted.productId, plain.productId]);
        const [, dearer] = (await search(jackets)).items;
        expect(dearer).toMatchObject({ price: { amount: 3000, currency: 'EUR' }, priceNow: { amount: 4500, currency: 'EUR' } });
        expect(dearer).not.toHaveProperty('salePrice');
      });

      it('drops a sold-out product from in-stock results and shows it as sold out', async () => {
        await engine.upsert([{ ...ORGANIC_TEE, inStock: false }]);
        expect(ids(await search({ q: 'tee', inStock: 'true' }))).toEqual([CLASSIC_TEE.productId]);
        const [hit] = (await search({ q: 'organic' })).items;
        expect(hit).toMatchObject({ id: ORGANIC_TEE.productId, inStock: false });
      });

      it('removes products from results, facets and lookups', async () => {
        await engine.remove([ORGANIC_TEE.productId, productId(999)]);
        const result = await search({ q: 'tee' });
        expect(ids(result)).toEqual([CLASSIC_TEE.productId]);
        expect(result.facets.colour).toEqual([{ value: 'Black', count: 1 }]);
        expect(await engine.get(ORGANIC_TEE.productId)).toBeNull();
        expect(await engine.bySkus(ORGANIC_TEE.skus)).toEqual([]);
      });

      it('rebuilds without downtime: searches see the old index until commit, writes during the rebuild survive it', async () => {
        const rebuild = await engine.beginRebuild();
        await rebuild.write([
          { ...ORGANIC_TEE, title: 'Organic Cotton Crew' },
          CLASSIC_TEE,
          SALT_AND_PEPPER,
          QUILTED_THROW, // not live yet
        ]);
        expect((await search({ q: 'crew' })).total).toBe(0);
        expect((await search()).total).toBe(4);

        const added = fixtureDocument({ title: 'Linen Napkins', category: KITCHEN, price: 1999, day: 20 }, 500);
        await engine.upsert([added, { ...CLASSIC_TEE, title: 'Classic Tee Two', version: 2 }]);
        await engine.remove([SALT_AND_PEPPER.productId]);
        await rebuild.write([SALT_AND_PEPPER]); // a rebuild page read before the removal must not revive it
        expect(titles(await search({ q: 'linen' }))).toEqual(['Linen Napkins']);

        await rebuild.commit();
        const after = await search({ limit: '100' });
        expect(new Set(titles(after))).toEqual(new Set(['Organic Cotton Crew', 'Classic Tee Two', QUILTED_THROW.title, 'Linen Napkins']));
        expect(await engine.get(CANVAS_APRON.productId)).toBeNull(); // not written by the rebuild: gone
        expect(titles(await search({ q: 'organic crew' }))).toEqual(['Organic Cotton Crew']);
        await engine.upsert([{ ...CANVAS_APRON, version: 5 }]);
        expect(titles(await search({ q: 'canvas' }))).toEqual([CANVAS_APRON.title]);
        await expect(rebuild.write([CANVAS_APRON])).rejects.toThrow();
      });

      it('leaves the live index alone when a rebuild is aborted', async () => {
        const rebuild = await engine.beginRebuild();
        await rebuild.write([{ ...ORGANIC_TEE, title: 'Never Shown' }]);
        await rebuild.abort();
        expect((await search({ q: 'never shown' })).total).toBe(0);
        expect((await search()).total).toBe(4);
        const again = await engine.beginRebuild(); // a new one can start
        await again.abort();
      });
    });

    afterAll(async () => {
      await engine.clear();
    });
  });
}
