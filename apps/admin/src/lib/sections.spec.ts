import { describe, expect, it } from 'vitest';
import { sectionOf, sections } from './sections';

describe('console sections', () => {
  it('lists every section of the issue once', () => {
    expect(sections.map((s) => s.href)).toEqual(['/', '/products', '/inventory', '/orders', '/pricing', '/sales', '/customers', '/notifications', '/operations']);
  });

  it('a page belongs to the section whose path it starts with', () => {
    expect(sectionOf('/products/6f1c/edit')?.label).toBe('Products');
    expect(sectionOf('/products')?.label).toBe('Products');
    expect(sectionOf('/')?.label).toBe('Dashboard');
    expect(sectionOf('/salesforce')).toBeUndefined();
    expect(sectionOf('/unknown')).toBeUndefined();
  });
});
