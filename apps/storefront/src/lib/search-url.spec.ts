import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketRange, changed, effectiveSort, hasFilters, isBucketSelected, searchHref, searchParamsOf, searchStateFrom, toggled } from './search-url';

describe('search URL state', () => {
  it('reads what the page writes, and writes it back the same', () => {
    const href = '/search?q=organic+tee&category=apparel&minPrice=2500&maxPrice=4999&inStock=true&size=M%2CL&colour=Navy&sort=price_asc&cursor=abc';
    const state = searchStateFrom(new URL(href, 'http://x').searchParams);
    expect(state).toEqual({ q: 'organic tee', category: 'apparel', minPrice: 2500, maxPrice: 4999, inStock: true, size: ['M', 'L'], colour: ['Navy'], sort: 'price_asc', cursor: 'abc' });
    expect(searchHref(state)).toBe(href);
  });

  it("reads Next.js's searchParams object too, with repeated and comma-separated lists", () => {
    expect(searchStateFrom({ q: ['hoodie', 'ignored'], size: ['M', 'L,M', ' XL '], colour: undefined })).toEqual({ q: 'hoodie', size: ['M', 'L', 'XL'], colour: [] });
  });

  it('drops what the page could not have written instead of failing', () => {
    expect(searchStateFrom(new URLSearchParams('q=%20&minPrice=-5&maxPrice=1.5&inStock=yes&sort=cheapest&category='))).toEqual({ q: '', size: [], colour: [] });
  });

  it('leaves the default sort out of the URL: relevance with words, newest without', () => {
    expect(searchStateFrom(new URLSearchParams('q=tee&sort=relevance')).sort).toBeUndefined();
    expect(searchStateFrom(new URLSearchParams('sort=newest')).sort).toBeUndefined();
    expect(searchStateFrom(new URLSearchParams('sort=relevance')).sort).toBe('relevance');
    expect(effectiveSort(searchStateFrom(new URLSearchParams('q=tee')))).toBe('relevance');
    expect(effectiveSort(searchStateFrom(new URLSearchParams('')))).toBe('newest');
    expect(searchHref({ q: '', size: [], colour: [] })).toBe('/search');
  });

  it('starts from the first page after any change (a cursor belongs to one query and sort)', () => {
    const state = searchStateFrom(new URLSearchParams('q=tee&size=M&cursor=next'));
    expect(searchHref(changed(state, { size: toggled(state.size, 'L') }))).toBe('/search?q=tee&size=M%2CL');
    expect(searchHref(changed(state, { sort: 'price_desc' }))).toBe('/search?q=tee&size=M&sort=price_desc');
    expect(searchHref(changed(state, { sort: 'relevance' }))).toBe('/search?q=tee&size=M');
    expect(searchHref(changed(state, { size: [], q: 'hoodie' }))).toBe('/search?q=hoodie');
    expect(searchHref(changed({ ...state, inStock: true, category: 'apparel' }, { inStock: undefined, category: undefined }))).toBe('/search?q=tee&size=M');
  });

  it('toggles a facet value', () => {
    expect(toggled(['M'], 'L')).toEqual(['M', 'L']);
    expect(toggled(['M', 'L'], 'M')).toEqual(['L']);
  });

  it('turns a price bucket [from, to) into the inclusive filter range, and knows when it is chosen', () => {
    expect(bucketRange({ from: 2500, to: 5000 })).toEqual({ minPrice: 2500, maxPrice: 4999 });
    expect(bucketRange({ from: 20000, to: null })).toEqual({ minPrice: 20000, maxPrice: undefined });
    const state = changed({ q: '', size: [], colour: [] }, bucketRange({ from: 20000, to: null }));
    expect(searchHref(state)).toBe('/search?minPrice=20000');
    expect(isBucketSelected(state, { from: 20000, to: null })).toBe(true);
    expect(isBucketSelected(state, { from: 2500, to: 5000 })).toBe(false);
  });

  it('labels price buckets with the prices a shopper pays', () => {
    const euros = (amount: number) => `€${(amount / 100).toFixed(2)}`;
    expect(bucketLabel({ from: 0, to: 2500 }, euros)).toBe('Under €25.00');
    expect(bucketLabel({ from: 2500, to: 5000 }, euros)).toBe('€25.00 to €49.99');
    expect(bucketLabel({ from: 20000, to: null }, euros)).toBe('€200.00 and over');
  });

  it('knows when anything besides the words narrows the results', () => {
    expect(hasFilters({ q: 'tee', size: [], colour: [] })).toBe(false);
    expect(hasFilters({ q: 'tee', size: [], colour: ['Navy'] })).toBe(true);
    expect(hasFilters({ q: '', size: [], colour: [], minPrice: 0 })).toBe(true);
  });

  it('asks the gateway for exactly the state, with the page size', () => {
    expect(searchParamsOf(searchStateFrom(new URLSearchParams('q=tee&size=M&inStock=true&cursor=c')), 24)).toEqual({
      q: 'tee', category: undefined, minPrice: undefined, maxPrice: undefined, inStock: true, size: ['M'], colour: [], sort: undefined, limit: 24, cursor: 'c',
    });
  });
});
