import { describe, expect, it } from 'vitest';
import type { Category } from '@shop/contracts';
import { buildCategoryTree, withDescendants, wouldCreateCycle } from './category-tree.js';

const c = (id: string, parentId: string | null, position = 0): Category => ({ id, slug: id, name: id, parentId, position });
const categories = [c('apparel', null, 1), c('tees', 'apparel', 2), c('hoodies', 'apparel', 1), c('home', null, 0)];

describe('category tree', () => {
  it('nests children under parents, ordered by position', () => {
    const tree = buildCategoryTree(categories);
    expect(tree.map((n) => n.id)).toEqual(['home', 'apparel']);
    expect(tree[1].children.map((n) => n.id)).toEqual(['hoodies', 'tees']);
  });
  it('includes descendants when filtering by a parent', () => {
    expect(withDescendants(categories, 'apparel').sort()).toEqual(['apparel', 'hoodies', 'tees']);
    expect(withDescendants(categories, 'tees')).toEqual(['tees']);
  });
  it('detects a parent that would make a cycle', () => {
    expect(wouldCreateCycle(categories, 'apparel', 'tees')).toBe(true);
    expect(wouldCreateCycle(categories, 'tees', 'home')).toBe(false);
  });
});
