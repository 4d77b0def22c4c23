import { describe, expect, it } from 'vitest';
import {
  type InstanceInfo,
  PartitionAssignment,
  RendezvousAssigner,
  mintReservationId,
  partitionOf,
} from '@shop/partitioning';
import { InventoryRouter } from './inventory-router.js';

const instances: InstanceInfo[] = ['inv-a', 'inv-b', 'inv-c'].map((id) => ({ id, url: `http://${id}:3004`, service: 'inventory' }));
const view = PartitionAssignment.build(64, instances, new RendezvousAssigner());
const router = new InventoryRouter(view);
const ownerUrl = (sku: string) => view.ownerOfPartition(partitionOf(sku, 64))!.url;
const uuid = '9b2f0c4e-6d0a-4c8e-9a51-2f3c1d7e8a90';

/** SKUs whose owners differ, so a test cannot pass by routing everything to one instance. */
const [skuA, skuB] = (() => {
  const first = 'tee-black-m';
  for (let i = 0; ; i++) if (ownerUrl(`mug-${i}`) !== ownerUrl(first)) return [first, `mug-${i}`];
})();

describe('InventoryRouter', () => {
  it('routes SKU paths to the owner of the SKU’s partition', () => {
    for (const sku of [skuA, skuB]) {
      expect(router.baseUrlFor({ method: 'GET', path: `/api/inventory/${sku}` })).toBe(ownerUrl(sku));
      expect(router.baseUrlFor({ method: 'PUT', path: `/api/admin/inventory/${sku}`, body: { onHand: 3 } })).toBe(ownerUrl(sku));
      expect(router.baseUrlFor({ method: 'POST', path: `/api/admin/inventory/${sku}/adjustments`, body: { delta: -1 } })).toBe(ownerUrl(sku));
    }
    expect(router.routingKey({ method: 'GET', path: `/api/inventory/${skuA}?fresh=1` })).toEqual({ by: 'sku', sku: skuA, partition: partitionOf(skuA, 64) });
  });

  it('decodes percent-encoded SKUs before hashing', () => {
    expect(router.routingKey({ method: 'GET', path: '/api/inventory/caf%C3%A9%20mug' })).toMatchObject({ by: 'sku', sku: 'café mug' });
    expect(router.baseUrlFor({ method: 'GET', path: '/api/inventory/caf%C3%A9%20mug' })).toBe(ownerUrl('café mug'));
  });

  it('routes a reservation by its first item’s SKU', () => {
    const body = { items: [{ sku: skuB, quantity: 1 }, { sku: skuA, quantity: 2 }] };
    expect(router.routingKey({ method: 'POST', path: '/api/inventory/reservations', body })).toEqual({ by: 'sku', sku: skuB, partition: partitionOf(skuB, 64) });
    expect(router.baseUrlFor({ method: 'POST', path: '/api/inventory/reservations', body })).toBe(ownerUrl(skuB));
    expect(router.baseUrlFor({ method: 'post', path: '/api/inventory/reservations/', body: { items: [{ sku: skuA, quantity: 1 }] } })).toBe(ownerUrl(skuA));
  });

  it('routes reservation-id paths by the partition encoded in the id', () => {
    for (const partition of [0, 17, 63]) {
      const id = mintReservationId(partition, uuid);
      const expected = view.ownerOfPartition(partition)!.url;
      expect(router.routingKey({ method: 'DELETE', path: `/api/inventory/reservations/${id}` })).toEqual({ by: 'reservation', reservationId: id, partition });
      expect(router.baseUrlFor({ method: 'DELETE', path: `/api/inventory/reservations/${id}` })).toBe(expected);
      expect(router.baseUrlFor({ method: 'GET', path: `/api/inventory/reservations/${id}` })).toBe(expected);
      expect(router.baseUrlFor({ method: 'POST', path: `/api/inventory/reservations/${id}/commit` })).toBe(expected);
    }
  });

  it('sends what names no partition to some live instance, stable per path or id', () => {
    const cases = [
      { method: 'DELETE', path: `/api/inventory/reservations/${uuid}` }, // not the convention
      { method: 'DELETE', path: `/api/inventory/reservations/r64_${uuid}` }, // partition out of range
      { method: 'POST', path: '/api/inventory/reservations', body: { items: [] } },
      { method: 'POST', path: '/api/inventory/reservations', body: 'nonsense' },
      { method: 'POST', path: '/api/inventory/reservations', body: { items: [{ sku: 42 }] } },
      { method: 'GET', path: '/api/admin/inventory' },
      { method: 'GET', path: '/api/inventory' },
      { method: 'GET', path: '/api/inventory/%E0%A4%A' }, // malformed encoding
    ];
    const urls = instances.map((i) => i.url);
    for (const request of cases) {
      const route = router.route(request);
      expect(route.key.by, request.path).toBe('any');
      expect(urls).toContain(route.instance?.url);
      expect(router.route(request)).toEqual(route);
    }
    expect(router.routingKey({ method: 'DELETE', path: `/api/inventory/reservations/${uuid}` })).toEqual({ by: 'any', partition: partitionOf(uuid, 64) });
  });

  it('answers undefined when no instance is live', () => {
    const empty = new InventoryRouter(PartitionAssignment.empty(64));
    expect(empty.baseUrlFor({ method: 'GET', path: `/api/inventory/${skuA}` })).toBeUndefined();
    expect(empty.baseUrlFor({ method: 'DELETE', path: `/api/inventory/reservations/${mintReservationId(3, uuid)}` })).toBeUndefined();
    expect(empty.route({ method: 'GET', path: '/api/admin/inventory' }).instance).toBeUndefined();
  });
});
