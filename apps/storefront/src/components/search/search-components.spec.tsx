import type { SearchHit } from '@shop/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Highlighted } from './highlighted';
import { SearchHitCard } from './search-hit-card';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
/** The page's text as a reader gets it: tags out, whitespace collapsed. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

const hit: SearchHit = {
  id: '6f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
  slug: 'organic-cotton-crew-tee',
  title: 'Organic Cotton Crew Tee',
  price: eur(2900),
  priceNow: eur(2900),
  inStock: true,
  image: '/media/placeholder/tee.svg',
  skus: ['OCT-NAVY-M'],
  highlights: [
    { field: 'title', snippet: '<mark>Organic</mark> <mark>Cotton</mark> Crew Tee' },
    { field: 'description', snippet: 'Soft &amp; breathable &lt;b&gt;cotton&lt;/b&gt; — <mark>organic</mark>.' },
  ],
};

describe('Highlighted', () => {
  it('renders the marked words in <mark> and the rest as escaped text, never as markup', () => {
    const html = renderToStaticMarkup(<Highlighted snippet={'<mark>tee</mark> <img src=x onerror=alert(1)> &lt;script&gt;'} />);
    expect(html).toContain('<mark>tee</mark>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;');
  });
});

describe('SearchHitCard', () => {
  it('links to the product, marks the title and one other match, and shows the price', () => {
    const html = renderToStaticMarkup(<SearchHitCard hit={hit} />);
    expect(html).toContain('href="/p/organic-cotton-crew-tee"');
    expect(html).toContain('<mark>Organic</mark>');
    expect(html).toContain('<mark>organic</mark>');
    expect(html).not.toContain('<b>');
    expect(text(html)).toContain('Organic Cotton Crew Tee');
    expect(text(html)).toContain('Description: Soft &amp; breathable &lt;b&gt;cotton&lt;/b&gt; — organic .');
    expect(text(html)).toContain('€29.00');
    expect(html).not.toContain('Sold out');
  });

  it('never shows a SKU, even when the words matched one: the next place shoppers see is quoted instead', () => {
    const html = renderToStaticMarkup(
      <SearchHitCard
        hit={{
          ...hit,
          highlights: [
            { field: 'title', snippet: 'Organic Cotton Crew <mark>Tee</mark>' },
            { field: 'sku', snippet: '<mark>TEE</mark>-CREW-ORGANIC-COTTON-M-NAVY' },
            { field: 'category', snippet: '<mark>Tee</mark>s' },
          ],
        }}
      />,
    );
    expect(text(html)).not.toMatch(/SKU|CREW-ORGANIC/);
    expect(text(html)).toContain('Category: Tee s');
    // A SKU as the only other match: the card is the listing card's title, price and image.
    const only = renderToStaticMarkup(<SearchHitCard hit={{ ...hit, highlights: [{ field: 'sku', snippet: '<mark>TEE</mark>-CREW-M' }] }} />);
    expect(text(only)).not.toMatch(/SKU|TEE-CREW/);
    expect(only).not.toContain('data-testid="search-snippet"');
    expect(text(only)).toContain('Organic Cotton Crew Tee');
    expect(text(only)).toContain('€29.00');
  });

  it('strikes the list price through under a sale price, and says when it is sold out', () => {
    const html = renderToStaticMarkup(<SearchHitCard hit={{ ...hit, priceNow: eur(1450), salePrice: eur(1450), inStock: false, highlights: [] }} />);
    expect(text(html)).toContain('Sale price €14.50 , was €29.00');
    expect(text(html)).toContain('Sold out');
    // Without a title highlight the title is the plain title.
    expect(html).not.toContain('<mark>');
  });

  it('shows the price now the results are sorted by, also above the list price, with nothing struck through', () => {
    const html = renderToStaticMarkup(<SearchHitCard hit={{ ...hit, priceNow: eur(3200), highlights: [] }} />);
    expect(text(html)).toContain('€32.00');
    expect(text(html)).not.toContain('€29.00');
    expect(html).not.toContain('data-testid="search-price-was"');
  });
});
