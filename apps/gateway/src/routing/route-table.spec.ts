import { describe, expect, it } from 'vitest';
import { routeFor } from './route-table.js';

describe('route table', () => {
  it('routes whole path segments to their upstream', () => {
    expect(routeFor('/api/products')?.upstream).toBe('catalog');
    expect(routeFor('/api/products/abc')?.upstream).toBe('catalog');
    expect(routeFor('/api/categories')?.upstream).toBe('catalog');
    expect(routeFor('/media/placeholder/x.svg')?.upstream).toBe('catalog');
  });
  it('does not match a longer word or an unknown path', () => {
    expect(routeFor('/api/productsx')).toBeUndefined();
    expect(routeFor('/api/orders')).toBeUndefined();
    expect(routeFor('/media')).toBeUndefined();
  });
});
