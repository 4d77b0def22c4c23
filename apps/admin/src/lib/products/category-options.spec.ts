import type { CategoryNode } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { categoryOptionsOf } from './category-options';

const node = (id: string, name: string, children: CategoryNode[] = []): CategoryNode => ({ id, slug: name.toLowerCase(), name, parentId: null, position: 0, children });

describe('category options', () => {
  it('flattens the tree in order, naming each category with its ancestors', () => {
    const tree = [node('a', 'Apparel', [node('t', 'Tees'), node('h', 'Hoodies')]), node('f', 'Footwear')];
    expect(categoryOptionsOf(tree).map((o) => o.label)).toEqual(['Apparel', 'Apparel › Tees', 'Apparel › Hoodies', 'Footwear']);
    expect(categoryOptionsOf(tree)[1]).toEqual({ id: 't', slug: 'tees', label: 'Apparel › Tees' });
  });
});
