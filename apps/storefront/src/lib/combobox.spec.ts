import { describe, expect, it } from 'vitest';
import { moveActive, suggestionHref } from './combobox';

describe('moveActive', () => {
  it('goes down from the text to the first option and wraps at the end', () => {
    expect(moveActive(-1, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(0, 3, 'ArrowDown')).toBe(1);
    expect(moveActive(2, 3, 'ArrowDown')).toBe(0);
  });

  it('goes up from the text to the last option and wraps at the start', () => {
    expect(moveActive(-1, 3, 'ArrowUp')).toBe(2);
    expect(moveActive(1, 3, 'ArrowUp')).toBe(0);
    expect(moveActive(0, 3, 'ArrowUp')).toBe(2);
  });

  it('has nothing to move to without options, and recovers an index past a shorter list', () => {
    expect(moveActive(-1, 0, 'ArrowDown')).toBe(-1);
    expect(moveActive(4, 0, 'ArrowUp')).toBe(-1);
    expect(moveActive(7, 3, 'ArrowDown')).toBe(0);
  });
});

describe('suggestionHref', () => {
  it("opens a product's page, or searches for a category's name", () => {
    const search = (q: string) => `/search?q=${encodeURIComponent(q)}`;
    expect(suggestionHref({ text: 'Organic Cotton Crew Tee', slug: 'organic-cotton-crew-tee' }, search)).toBe('/p/organic-cotton-crew-tee');
    expect(suggestionHref({ text: 'Hoodies & Sweatshirts' }, search)).toBe('/search?q=Hoodies%20%26%20Sweatshirts');
  });

  it("opens a category's page when the suggestion names one the shop has", () => {
    const search = (q: string) => `/search?q=${encodeURIComponent(q)}`;
    const pages = { 'hoodies & sweatshirts': 'hoodies', kitchen: 'kitchen' };
    expect(suggestionHref({ text: 'Hoodies & Sweatshirts' }, search, pages)).toBe('/c/hoodies');
    expect(suggestionHref({ text: 'Lighting' }, search, pages)).toBe('/search?q=Lighting');
    // A name that is an Object property is not a category.
    expect(suggestionHref({ text: 'constructor' }, search, pages)).toBe('/search?q=constructor');
  });
});
