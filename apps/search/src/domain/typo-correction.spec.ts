import { describe, expect, it } from 'vitest';
import { closestWord, typoDistance } from './typo-correction.js';

describe('typoDistance', () => {
  it.each([
    ['hoodie', 'hoodie', 0],
    ['hoodei', 'hoodie', 1], // two neighbours swapped: one edit
    ['hoodei', 'hood', 2],
    ['organc', 'organic', 1],
    ['cottom', 'cotton', 1],
    ['', 'tee', 3],
    ['tee', '', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, edits) => {
    expect(typoDistance(a, b)).toBe(edits);
    expect(typoDistance(b, a)).toBe(edits);
  });
});

describe('closestWord', () => {
  it('takes the fewest edits over the most shared trigrams', () => {
    expect(closestWord('hoodei', ['hood', 'hoodie'])).toBe('hoodie');
  });

  it('on a tie takes the length nearer the typed word’s, then the trigram order; nothing without candidates', () => {
    expect(closestWord('hoodei', ['hoodi', 'hoodie'])).toBe('hoodie');
    expect(closestWord('bat', ['hat', 'cat'])).toBe('hat');
    expect(closestWord('bat', [])).toBeUndefined();
  });
});
