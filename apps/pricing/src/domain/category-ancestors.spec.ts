import { describe, expect, it } from 'vitest';
import { unknownCategories, withAncestors } from './category-ancestors.js';

const parents = new Map<string, string | null>([
  ['clothing', null],
  ['tops', 'clothing'],
  ['tees', 'tops'],
  ['home', null],
]);

describe('category ancestors', () => {
  it('adds every ancestor once', () => {
    expect(withAncestors(['tees'], parents)).toEqual(['tees', 'tops', 'clothing']);
    expect(withAncestors(['tees', 'tops', 'home'], parents).sort()).toEqual(['clothing', 'home', 'tees', 'tops']);
  });

  it('keeps an unknown id and stops on a cycle', () => {
    expect(withAncestors(['mystery'], parents)).toEqual(['mystery']);
    expect(unknownCategories(['tees', 'mystery'], parents)).toEqual(['mystery']);
    const cyclic = new Map<string, string | null>([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    expect(withAncestors(['a'], cyclic)).toEqual(['a', 'b']);
  });
});
