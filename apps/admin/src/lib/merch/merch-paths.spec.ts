import { describe, expect, it } from 'vitest';
import { gatewayPathOf } from './merch-paths';

describe('gatewayPathOf', () => {
  it('maps the merchant resources onto the admin API, segments encoded', () => {
    expect(gatewayPathOf(['inventory'], 'GET')).toEqual({ path: '/api/admin/inventory', method: 'GET' });
    expect(gatewayPathOf(['inventory', 'TEE M', 'adjustments'], 'POST')).toEqual({ path: '/api/admin/inventory/TEE%20M/adjustments', method: 'POST' });
    expect(gatewayPathOf(['flash-sales', 'abc', 'cancel'], 'POST')).toEqual({ path: '/api/admin/flash-sales/abc/cancel', method: 'POST' });
    expect(gatewayPathOf(['flash-sales', 'abc', 'stop'], 'POST')).toEqual({ path: '/api/admin/flash-sales/abc/stop', method: 'POST' });
  });

  it("reads a sale's live view from the shoppers' route, and only reads it", () => {
    expect(gatewayPathOf(['flash-sales', 'abc', 'live'], 'GET')).toEqual({ path: '/api/flash-sales/abc', method: 'GET' });
    expect(gatewayPathOf(['flash-sales', 'abc', 'live'], 'POST')).toBeUndefined();
  });

  it('lets nothing else through', () => {
    expect(gatewayPathOf(['users'], 'GET')).toBeUndefined();
    expect(gatewayPathOf(['orders', 'x'], 'POST')).toBeUndefined();
    expect(gatewayPathOf([], 'GET')).toBeUndefined();
    expect(gatewayPathOf(['inventory', '..', 'users'], 'GET')).toBeUndefined();
    expect(gatewayPathOf(['inventory'], 'OPTIONS')).toBeUndefined();
  });
});
