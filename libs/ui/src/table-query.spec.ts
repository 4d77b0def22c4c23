import { describe, expect, it } from 'vitest';
import { hasPreviousPage, nextPage, previousPage, queryString, sortParamOf, sortingOf, withFilter, withSorting } from './table-query';

const params = (qs: string) => new URLSearchParams(qs);

describe('table query in the URL', () => {
  it('reads and writes the sort, descending with a minus', () => {
    expect(sortingOf(params('sort=title'))).toEqual([{ id: 'title', desc: false }]);
    expect(sortingOf(params('sort=-price'))).toEqual([{ id: 'price', desc: true }]);
    expect(sortingOf(params(''))).toEqual([]);
    expect(sortParamOf([{ id: 'price', desc: true }])).toBe('-price');
    expect(sortParamOf([])).toBeNull();
  });

  it('walks forward and back through cursor pages, the first page having no cursor', () => {
    const first = params('q=tee');
    expect(hasPreviousPage(first)).toBe(false);
    const second = nextPage(first, 'c2');
    expect(second.get('cursor')).toBe('c2');
    expect(hasPreviousPage(second)).toBe(true);
    const third = nextPage(second, 'c3');
    expect(third.get('cursor')).toBe('c3');
    const backToSecond = previousPage(third);
    expect(backToSecond.get('cursor')).toBe('c2');
    expect(backToSecond.get('q')).toBe('tee');
    const backToFirst = previousPage(backToSecond);
    expect(backToFirst.has('cursor')).toBe(false);
    expect(backToFirst.has('back')).toBe(false);
    expect(queryString(backToFirst)).toBe('?q=tee');
  });

  it('a new sort or filter starts again on the first page', () => {
    const deep = nextPage(nextPage(params('status=active'), 'c2'), 'c3');
    const filtered = withFilter(deep, 'q', 'hoodie');
    expect(queryString(filtered)).toBe('?status=active&q=hoodie');
    const sorted = withSorting(deep, [{ id: 'title', desc: false }]);
    expect(queryString(sorted)).toBe('?status=active&sort=title');
  });

  it('an empty filter value removes the filter', () => {
    expect(queryString(withFilter(params('status=draft&q=x'), 'status', ''))).toBe('?q=x');
    expect(queryString(withFilter(params('status=draft'), 'status', null))).toBe('');
  });
});
