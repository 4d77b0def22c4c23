import type { CategoryNode } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { categoryPagesByName } from './category-tree';

const node = (slug: string, name: string, children: CategoryNode[] = []): CategoryNode => ({ id: `id-${slug}`, slug, name, children }) as CategoryNode;

describe('categoryPagesByName', () => {
  it('maps each name, at any depth, to its page; a name two categories share maps to none', () => {
    const tree = [
      node('apparel', 'Apparel', [node('t-shirts', 'T-Shirts'), node('apparel-accessories', 'Accessories')]),
      node('home', 'Home', [node('home-accessories', 'Accessories'), node('kitchen', 'Kitchen')]),
    ];
    expect(categoryPagesByName(tree)).toEqual({ apparel: 'apparel', 't-shirts': 't-shirts', home: 'home', kitchen: 'kitchen' });
  });
});
