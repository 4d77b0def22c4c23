import { PRICE_BUCKETS } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { CategoryTree } from './category-tree.js';
import { assembleFacets, facetCategories, PRICE_BUCKET_BOUNDS, priceBucketIndex } from './search-facets.js';

const tree = new CategoryTree([
  { id: 'r1', slug: 'home', name: 'Home', parentId: null },
  { id: 'r2', slug: 'clothing', name: 'Clothing', parentId: null },
  { id: 'c1', slug: 'kitchen', name: 'Kitchen', parentId: 'r1' },
  { id: 'c2', slug: 'bedding', name: 'Bedding', parentId: 'r1' },
]);

describe('facets', () => {
  it('puts every price in exactly one bucket', () => {
    expect([0, 2499, 2500, 19_999, 20_000, 10_000_000].map(priceBucketIndex)).toEqual([0, 0, 1, 3, 4, 4]);
    expect(PRICE_BUCKET_BOUNDS).toEqual(PRICE_BUCKETS.slice(1).map((b) => b.from));
  });

  it('counts the children of the filtered category, or the roots', () => {
    expect(facetCategories(tree, undefined).map((c) => c.slug)).toEqual(['clothing', 'home']);
    expect(facetCategories(tree, tree.bySlug('home')).map((c) => c.slug)).toEqual(['bedding', 'kitchen']);
  });

  it('orders by count then label or value, and leaves zero counts out', () => {
    const facets = assembleFacets(
      {
        category: new Map([
          ['c1', 2],
          ['c2', 2],
        ]),
        price: new Map([
          [0, 3],
          [4, 1],
          [2, 0],
        ]),
        size: new Map([
          ['M', 1],
          ['L', 3],
          ['S', 1],
          ['XS', 0],
        ]),
        colour: new Map(),
      },
      facetCategories(tree, tree.bySlug('home')),
    );
    expect(facets).toEqual({
      category: [
        { value: 'bedding', label: 'Bedding', count: 2 },
        { value: 'kitchen', label: 'Kitchen', count: 2 },
      ],
      price: [
        { from: 0, to: 2500, count: 3 },
        { from: 20_000, to: null, count: 1 },
      ],
      size: [
        { value: 'L', count: 3 },
        { value: 'M', count: 1 },
        { value: 'S', count: 1 },
      ],
      colour: [],
    });
  });
});
