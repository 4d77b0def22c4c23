import { describe, expect, it } from 'vitest';
import { parseSpent, withSpent } from './spent-reset-links';

describe('spent reset links', () => {
  it('keeps each digest once, newest last, and only the last few', () => {
    expect(withSpent(['a', 'b'], 'a')).toEqual(['b', 'a']);
    expect(withSpent(['a', 'b', 'c'], 'd', 3)).toEqual(['b', 'c', 'd']);
  });

  it('reads back only a list of strings', () => {
    expect(parseSpent(null)).toEqual([]);
    expect(parseSpent('not json')).toEqual([]);
    expect(parseSpent('{"a":1}')).toEqual([]);
    expect(parseSpent('["a",2,"b"]')).toEqual(['a', 'b']);
  });
});
