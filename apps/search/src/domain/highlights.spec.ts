import { describe, expect, it } from 'vitest';
import { highlightsFor, markText } from './highlights.js';

const source = {
  title: 'Organic <Cotton> Tee & Co',
  variantNames: ['Navy / S', 'Organic Navy / M'],
  skus: ['OCT-NAVY-S'],
  categoryNames: ['Clothing', 'T-shirts'],
  description: 'one two three four five six seven eight nine ten eleven organic twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree',
};

describe('highlights', () => {
  it('marks the matched words (the last term by prefix) and escapes the rest', () => {
    expect(markText('Organic <Cotton> Tee & Co', ['cot'])).toBe('Organic &lt;<mark>Cotton</mark>&gt; Tee &amp; Co');
    expect(markText('Crème brûlée', ['creme'])).toBe('<mark>Crème</mark> brûlée');
    expect(markText('"quoted" & \'single\'', ['quoted'])).toBe('&quot;<mark>quoted</mark>&quot; &amp; &#39;single&#39;');
    expect(markText('nothing here', ['cot'])).toBeNull();
  });

  it('gives one snippet per field holding a match: the first matching variant, SKU and category, a description window', () => {
    expect(highlightsFor(source, ['organic', 'navy'])).toEqual([
      { field: 'title', snippet: '<mark>Organic</mark> &lt;Cotton&gt; Tee &amp; Co' },
      { field: 'variant', snippet: '<mark>Navy</mark> / S' },
      { field: 'sku', snippet: 'OCT-<mark>NAVY</mark>-S' },
      { field: 'description', snippet: '…four five six seven eight nine ten eleven <mark>organic</mark> twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree' },
    ]);
    expect(highlightsFor(source, ['shirt'])).toEqual([{ field: 'category', snippet: 'T-<mark>shirts</mark>' }]);
  });

  it('cuts a long description after the window with an ellipsis', () => {
    const window = highlightsFor({ ...source, description: `organic ${'word '.repeat(40)}end` }, ['organic']).find((h) => h.field === 'description');
    expect(window?.snippet.startsWith('<mark>organic</mark> word')).toBe(true);
    expect(window?.snippet.endsWith('word…')).toBe(true);
  });

  it('has nothing to highlight without terms', () => {
    expect(highlightsFor(source, [])).toEqual([]);
  });
});
