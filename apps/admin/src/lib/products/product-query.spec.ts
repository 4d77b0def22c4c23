import { describe, expect, it } from 'vitest';
import { apiSortOf, PRODUCTS_PAGE_SIZE, productsQueryOf, tableSortOf } from './product-query';

describe('products list query', () => {
  it('reads search, status, category, sort and cursor from the URL', () => {
    expect(productsQueryOf(new URLSearchParams('q=tee&status=draft&category=apparel&sort=-price&cursor=abc'))).toEqual({
      limit: PRODUCTS_PAGE_SIZE,
      q: 'tee',
      status: 'draft',
      category: 'apparel',
      sort: 'price_desc',
      cursor: 'abc',
    });
  });

  it('leaves out what the catalog would not take, instead of failing the page', () => {
    expect(productsQueryOf(new URLSearchParams('q=%20%20&status=gone&category=Not%20A%20Slug'))).toEqual({ limit: PRODUCTS_PAGE_SIZE, sort: 'newest' });
  });

  it('maps header sorts to the catalog sorts and back', () => {
    expect(apiSortOf([{ id: 'title', desc: false }])).toBe('title');
    expect(apiSortOf([{ id: 'title', desc: true }])).toBe('title');
    expect(apiSortOf([{ id: 'price', desc: false }])).toBe('price_asc');
    expect(apiSortOf([])).toBe('newest');
    for (const sort of ['title', 'price_asc', 'price_desc', 'newest'] as const) expect(apiSortOf(tableSortOf(sort))).toBe(sort);
  });
});
