import { describe, expect, it } from 'vitest';
import { CategoryTree } from './category-tree.js';

const ref = (id: string, parentId: string | null, name = id) => ({ id, slug: id, name, parentId });

describe('CategoryTree', () => {
  const tree = new CategoryTree([ref('clothing', null, 'Clothing'), ref('tees', 'clothing', 'T-shirts'), ref('hoodies', 'clothing', 'Hoodies'), ref('home', null, 'Home'), ref('orphan', 'gone', 'Orphan')]);

  it('finds by slug and id, lists children by name, treats an unknown parent as the root', () => {
    expect(tree.bySlug('tees')?.name).toBe('T-shirts');
    expect(tree.byId('home')?.slug).toBe('home');
    expect(tree.childrenOf('clothing').map((c) => c.id)).toEqual(['hoodies', 'tees']);
    expect(tree.childrenOf(null).map((c) => c.id)).toEqual(['clothing', 'home', 'orphan']);
    expect(tree.size).toBe(5);
  });

  it('walks a path to the root, and stops on a cycle', () => {
    expect(tree.pathTo('tees').map((c) => c.id)).toEqual(['clothing', 'tees']);
    expect(tree.pathTo('nope')).toEqual([]);
    const cyclic = new CategoryTree([ref('a', 'b'), ref('b', 'a')]);
    expect(cyclic.pathTo('a').map((c) => c.id)).toEqual(['b', 'a']);
  });
});
