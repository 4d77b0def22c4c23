import { describe, expect, it } from 'vitest';
import { inventoryRoutingKey, reservationPartition } from './inventory-routing-key.js';
import { mintReservationId } from './reservation-id.js';
import { partitionOf } from './stable-hash.js';

const P = 64;
const uuid = '9b2f0c4e-6d0a-4c8e-9a51-2f3c1d7e8a90';
const key = (method: string, path: string, body?: unknown) => inventoryRoutingKey({ method, path, body }, P);

describe('inventoryRoutingKey', () => {
  it('routes SKU paths, public and admin, by the SKU (decoded, query ignored)', () => {
    const bySku = (sku: string) => ({ by: 'sku', sku, partition: partitionOf(sku, P) });
    expect(key('GET', '/api/inventory/tee-black-m?fresh=1')).toEqual(bySku('tee-black-m'));
    expect(key('PUT', '/api/admin/inventory/tee-black-m', { onHand: 3 })).toEqual(bySku('tee-black-m'));
    expect(key('POST', '/api/admin/inventory/mug-1/adjustments', { delta: -1 })).toEqual(bySku('mug-1'));
    expect(key('PUT', '/api/admin/inventory/mug-1/sale-limit')).toEqual(bySku('mug-1'));
    expect(key('GET', '/api/inventory/caf%C3%A9%20mug')).toEqual(bySku('café mug'));
  });

  it('routes a new reservation by its first item’s SKU, whatever the method’s case', () => {
    const body = { items: [{ sku: 'mug-2', quantity: 1 }, { sku: 'tee-black-m', quantity: 2 }] };
    expect(key('POST', '/api/inventory/reservations', body)).toEqual({ by: 'sku', sku: 'mug-2', partition: partitionOf('mug-2', P) });
    expect(key('post', '/api/inventory/reservations/', body)).toMatchObject({ by: 'sku', sku: 'mug-2' });
  });

  it('routes reservation ids, public and internal, by the partition in the id', () => {
    for (const partition of [0, 17, 63]) {
      const id = mintReservationId(partition, uuid);
      const expected = { by: 'reservation', reservationId: id, partition };
      expect(key('DELETE', `/api/inventory/reservations/${id}`)).toEqual(expected);
      expect(key('POST', `/api/inventory/reservations/${id}/commit`)).toEqual(expected);
      expect(key('POST', `/internal/inventory/reservations/${id}/commit`)).toEqual(expected);
      expect(key('POST', `/internal/inventory/reservations/${id}/release`)).toEqual(expected);
    }
  });

  it('answers any (stable per path or id) for what names no partition', () => {
    const cases: [string, string, unknown?][] = [
      ['DELETE', `/api/inventory/reservations/${uuid}`],
      ['DELETE', `/api/inventory/reservations/r64_${uuid}`],
      ['POST', '/api/inventory/reservations', { items: [] }],
      ['POST', '/api/inventory/reservations', 'nonsense'],
      ['POST', '/api/inventory/reservations', { items: [{ sku: 42 }] }],
      ['GET', '/api/inventory/reservations', { items: [{ sku: 'mug-1', quantity: 1 }] }],
      ['POST', '/internal/inventory/reservations', { items: [{ sku: 'mug-1', quantity: 1 }] }],
      ['GET', '/api/admin/inventory'],
      ['GET', '/api/inventory'],
      ['GET', '/health/live'],
      ['GET', '/api/inventory/%E0%A4%A'],
    ];
    for (const [method, path, body] of cases) {
      const routed = key(method, path, body);
      expect(routed.by, path).toBe('any');
      expect(key(method, path, body)).toEqual(routed);
    }
    expect(key('DELETE', `/api/inventory/reservations/${uuid}`)).toEqual({ by: 'any', partition: partitionOf(uuid, P) });
    expect(key('GET', '/api/inventory')).toEqual({ by: 'any', partition: partitionOf('/api/inventory', P) });
  });
});

describe('reservationPartition', () => {
  it('is the id’s partition only below the partition count', () => {
    expect(reservationPartition(mintReservationId(7, uuid), 8)).toBe(7);
    expect(reservationPartition(mintReservationId(8, uuid), 8)).toBeUndefined();
    expect(reservationPartition(uuid, 8)).toBeUndefined();
  });
});
