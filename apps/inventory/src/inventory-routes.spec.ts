import { describe, expect, it } from 'vitest';
import { AdminRoutes, ADMIN_PREFIX, INTERNAL_PREFIX, InternalRoutes, pathOf, PUBLIC_PREFIX, PublicRoutes } from './inventory-routes.js';

describe('pathOf', () => {
  it('fills a route’s parameters, URI-encoded', () => {
    expect(pathOf(INTERNAL_PREFIX, InternalRoutes.hold, { partition: 3, id: 'r3_abc', action: 'release' })).toBe('/internal/inventory/partitions/3/holds/r3_abc/release');
    expect(pathOf(ADMIN_PREFIX, AdminRoutes.saleLimit, { sku: 'café mug/2' })).toBe('/api/admin/inventory/caf%C3%A9%20mug%2F2/sale-limit');
    expect(pathOf(PUBLIC_PREFIX, PublicRoutes.reservations)).toBe('/api/inventory/reservations');
  });

  it('refuses a route whose parameter is missing', () => {
    expect(() => pathOf(INTERNAL_PREFIX, InternalRoutes.commit)).toThrow('needs id');
  });
});
