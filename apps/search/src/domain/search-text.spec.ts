import { describe, expect, it } from 'vitest';
import { foldedText, foldedWords, matchesTerms, queryTerms } from './search-text.js';

describe('search text folding', () => {
  it('lower-cases, removes accents and cuts words at anything but letters and digits', () => {
    expect(foldedWords('Crème Brûlée T-Shirt, 2XL!')).toEqual(['creme', 'brulee', 't', 'shirt', '2xl']);
    expect(foldedText("  Chef's   KNIFE ")).toBe('chef s knife');
    expect(foldedWords("'; DROP TABLE x; --")).toEqual(['drop', 'table', 'x']);
    expect(foldedWords('&|!:*()')).toEqual([]);
  });

  it('keeps letters of other scripts', () => {
    expect(foldedWords('Футболка ŁÓDŹ')).toEqual(['футболка', 'łodz']);
  });

  it('matches every term exactly and the last one as a prefix', () => {
    const { words, text } = queryTerms('Organic Cot');
    expect(words).toEqual(['organic', 'cot']);
    expect(text).toBe('organic cot');
    expect(matchesTerms('cotton', words)).toBe(true);
    expect(matchesTerms('organics', words)).toBe(false);
    expect(matchesTerms('organic', words)).toBe(true);
  });
});
