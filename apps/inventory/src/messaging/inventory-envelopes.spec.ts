import { describe, expect, it } from 'vitest';
import { EventEnvelope, InventoryEvents } from '@shop/contracts';
import { PartitionSnapshot } from '../domain/partition-snapshot.js';
import { applyDelta, decideBatch } from '../domain/reservation-decider.js';
import type { DomainEvent } from '../domain/batch-delta.js';
import { envelopeOf } from './inventory-envelopes.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');

describe('inventory event envelopes', () => {
  it('every event the decider emits matches its contract', () => {
    const s = PartitionSnapshot.from(1, { stock: [], holds: [], headers: [], limits: [], usage: [] });
    const events: DomainEvent[] = [];
    const step = (commands: Parameters<typeof decideBatch>[1]) => {
      const { delta } = decideBatch(s, commands, NOW);
      applyDelta(s, delta);
      events.push(...delta.events);
    };
    const id = (n: number) => `r1_00000000-0000-4000-8000-00000000000${n}`;
    const reserve = (n: number, quantity: number) => ({
      kind: 'reserve' as const,
      reservationId: id(n),
      idempotencyKey: `k${n}`,
      requestHash: 'h',
      customerId: n === 1 ? 'c1' : null,
      items: [{ sku: 'A-1', quantity }],
      localItems: [{ sku: 'A-1', quantity }],
      participants: [],
      expiresAt: NOW + (n === 3 ? 0 : 60_000),
      bounds: null,
    });
    step([{ kind: 'setStock', sku: 'A-1', onHand: 6, reason: 'initial' }]);
    step([reserve(1, 1), reserve(2, 1), reserve(3, 1), reserve(4, 3)]);
    step([
      { kind: 'release', reservationId: id(1), reason: 'released' },
      { kind: 'commit', reservationId: id(2) },
      // The sold unit comes back (an order refunded).
      { kind: 'restock', key: `${id(2)}:A-1`, sku: 'A-1', quantity: 1, reason: 'refund' },
      { kind: 'expireDue' },
      { kind: 'adjustStock', sku: 'A-1', delta: -1, reason: 'damaged' },
    ]);
    // A flash sale's allocation runs out.
    step([
      { kind: 'setStock', sku: 'B-1', onHand: 5, reason: null },
      { kind: 'setSaleLimit', sku: 'B-1', perCustomer: 1, units: 1, startsAt: NOW - 1000, endsAt: NOW + 60_000 },
    ]);
    step([{ ...reserve(5, 1), customerId: 'c5', items: [{ sku: 'B-1', quantity: 1 }], localItems: [{ sku: 'B-1', quantity: 1 }] }]);
    // Checkout replaces that hold (its release names the reservation taking its place).
    step([{ ...reserve(6, 1), customerId: 'c5', items: [{ sku: 'B-1', quantity: 1 }], localItems: [{ sku: 'B-1', quantity: 1 }], replaces: id(5) }]);
    expect(events.find((e) => e.type === 'inventory.reservation.released.v1' && (e.payload as { replacedBy?: string }).replacedBy === id(6))).toBeDefined();
    const byType = new Map<string, (typeof InventoryEvents)[number]>(InventoryEvents.map((d) => [d.type, d]));
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(byType.keys()));
    for (const event of events) {
      const envelope = envelopeOf(event);
      expect(() => EventEnvelope.parse(envelope)).not.toThrow();
      expect(byType.get(event.type)!.payload.safeParse(envelope.payload).error).toBeUndefined();
      expect(envelope.metadata.source).toBe('inventory');
    }
  });
});
