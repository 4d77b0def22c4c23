import { describe, expect, it } from 'vitest';
import type { Command, Outcome, ReserveCommand } from './commands.js';
import { PartitionSnapshot, type SaleLimitRecord, type SnapshotData } from './partition-snapshot.js';
import { applyDelta, decideBatch } from './reservation-decider.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');

function snapshot(stock: Record<string, number>, extra: Partial<SnapshotData> = {}): PartitionSnapshot {
  return PartitionSnapshot.from(3, {
    stock: Object.entries(stock).map(([sku, onHand]) => ({ sku, onHand, reserved: 0, committed: 0, version: 1 })),
    holds: [],
    headers: [],
    limits: [],
    usage: [],
    ...extra,
  });
}

let n = 0;
function reserveCmd(items: [string, number][], overrides: Partial<ReserveCommand> = {}): ReserveCommand {
  n++;
  const list = items.map(([sku, quantity]) => ({ sku, quantity }));
  return {
    kind: 'reserve',
    reservationId: `r3_00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    idempotencyKey: `key-${n}`,
    requestHash: `hash-${n}`,
    customerId: null,
    items: list,
    localItems: list,
    participants: [],
    expiresAt: NOW + 600_000,
    bounds: null,
    ...overrides,
  };
}

/** Decides, then applies the delta as the actor does after a commit. */
function run(s: PartitionSnapshot, commands: Command[], now = NOW) {
  const decision = decideBatch(s, commands, now);
  applyDelta(s, decision.delta);
  return decision;
}

const kinds = (outcomes: Outcome[]) => outcomes.map((o) => (o.kind === 'refused' ? `refused:${o.code}` : o.kind));

describe('decideBatch', () => {
  it('sells exactly the stock in one batch and refuses the rest, naming the SKU', () => {
    const s = snapshot({ A: 3 });
    const { outcomes, delta } = run(s, [reserveCmd([['A', 2]]), reserveCmd([['A', 2]]), reserveCmd([['A', 1]])]);
    expect(kinds(outcomes)).toEqual(['reserved', 'refused:OUT_OF_STOCK', 'reserved']);
    expect(outcomes[1]).toMatchObject({ skus: ['A'] });
    expect(s.stock.get('A')).toEqual({ sku: 'A', onHand: 3, reserved: 3, committed: 0, version: 2 });
    expect(delta.stock).toEqual([{ sku: 'A', onHand: 3, reserved: 3, committed: 0, version: 2, expectedVersion: 1 }]);
    expect(delta.headerInserts).toHaveLength(2);
    expect(delta.itemInserts.map((i) => [i.sku, i.quantity, i.status])).toEqual([
      ['A', 2, 'held'],
      ['A', 1, 'held'],
    ]);
    expect(delta.events.map((e) => e.type)).toEqual([
      'inventory.reservation.reserved.v1',
      'inventory.reservation.reserved.v1',
      'inventory.stock.sold-out.v1',
    ]);
  });

  it('is all or nothing across the SKUs of one reservation', () => {
    const s = snapshot({ A: 5, B: 1 });
    const { outcomes } = run(s, [reserveCmd([['A', 2], ['B', 2]])]);
    expect(outcomes[0]).toEqual({ kind: 'refused', code: 'OUT_OF_STOCK', skus: ['B'] });
    expect(s.stock.get('A')?.reserved).toBe(0);
    expect(s.stock.get('B')?.reserved).toBe(0);
  });

  it('refuses unknown SKUs before anything else', () => {
    const s = snapshot({ A: 5 });
    expect(run(s, [reserveCmd([['A', 1], ['NOPE', 1]])]).outcomes[0]).toEqual({ kind: 'refused', code: 'UNKNOWN_SKU', skus: ['NOPE'] });
  });

  it('replays the same key with the same body and refuses it with another body, within one batch and later', () => {
    const s = snapshot({ A: 10 });
    const first = reserveCmd([['A', 2]]);
    const again = { ...first, reservationId: 'r3_00000000-0000-4000-8000-999999999999' };
    const other = { ...first, requestHash: 'different', reservationId: 'r3_00000000-0000-4000-8000-999999999998' };
    const { outcomes } = run(s, [first, again, other]);
    expect(kinds(outcomes)).toEqual(['reserved', 'reserved', 'keyReused']);
    expect(outcomes[1]).toMatchObject({ replay: true, header: { reservationId: first.reservationId } });
    expect(s.stock.get('A')?.reserved).toBe(2);
    const later = run(s, [again]);
    expect(later.outcomes[0]).toMatchObject({ kind: 'reserved', replay: true, header: { reservationId: first.reservationId } });
    expect(later.delta.events).toEqual([]);
  });

  it('releases once: stock returns, a second release changes nothing', () => {
    const s = snapshot({ A: 4 });
    const r = reserveCmd([['A', 3]]);
    run(s, [r]);
    const { outcomes, delta } = run(s, [
      { kind: 'release', reservationId: r.reservationId, reason: 'released' },
      { kind: 'release', reservationId: r.reservationId, reason: 'released' },
    ]);
    expect(outcomes).toEqual([
      { kind: 'finished', status: 'released', participants: [], changed: true },
      { kind: 'finished', status: 'released', participants: [], changed: false },
    ]);
    expect(delta.headerTransitions).toEqual([{ reservationId: r.reservationId, status: 'released' }]);
    expect(delta.holdTransitions).toEqual([{ reservationId: r.reservationId, status: 'released', items: 1 }]);
    expect(delta.events.map((e) => [e.type, e.version])).toEqual([['inventory.reservation.released.v1', 2]]);
    expect(s.stock.get('A')).toMatchObject({ reserved: 0, committed: 0 });
    expect(s.holds.size).toBe(0);
  });

  it('writes a reservation made and released in the same batch once, in its final state', () => {
    const s = snapshot({ A: 4 });
    const r = reserveCmd([['A', 1]]);
    const { delta } = run(s, [r, { kind: 'release', reservationId: r.reservationId, reason: 'released' }]);
    expect(delta.headerInserts.map((h) => h.status)).toEqual(['released']);
    expect(delta.headerTransitions).toEqual([]);
    expect(delta.itemInserts.map((i) => i.status)).toEqual(['released']);
    expect(delta.holdTransitions).toEqual([]);
    expect(s.stock.get('A')?.reserved).toBe(0);
  });

  it('commits: reserved units become committed; a released or expired reservation cannot be committed', () => {
    const s = snapshot({ A: 5 });
    const kept = reserveCmd([['A', 2]]);
    const dropped = reserveCmd([['A', 1]]);
    run(s, [kept, dropped, { kind: 'release', reservationId: dropped.reservationId, reason: 'released' }]);
    const { outcomes } = run(s, [
      { kind: 'commit', reservationId: kept.reservationId },
      { kind: 'commit', reservationId: kept.reservationId },
      { kind: 'commit', reservationId: dropped.reservationId },
      { kind: 'release', reservationId: kept.reservationId, reason: 'released' },
    ]);
    expect(outcomes).toEqual([
      { kind: 'finished', status: 'committed', participants: [], changed: true },
      { kind: 'finished', status: 'committed', participants: [], changed: false },
      { kind: 'notHeld', status: 'released' },
      { kind: 'finished', status: 'committed', participants: [], changed: false },
    ]);
    expect(s.stock.get('A')).toMatchObject({ onHand: 5, reserved: 0, committed: 2 });
    const late = reserveCmd([['A', 1]], { expiresAt: NOW + 1000 });
    run(s, [late]);
    expect(run(s, [{ kind: 'commit', reservationId: late.reservationId }], NOW + 1000).outcomes[0]).toEqual({ kind: 'notHeld', status: 'expired' });
  });

  it('expires due holds once, returning their stock', () => {
    const s = snapshot({ A: 5 });
    const soon = reserveCmd([['A', 2]], { expiresAt: NOW + 1000 });
    const later = reserveCmd([['A', 1]], { expiresAt: NOW + 5000 });
    run(s, [soon, later]);
    expect(run(s, [{ kind: 'expireDue' }], NOW + 999).outcomes[0]).toEqual({ kind: 'expired', reservations: [], holds: 0 });
    const { outcomes, delta } = run(s, [{ kind: 'expireDue' }, { kind: 'expireDue' }], NOW + 1000);
    expect(outcomes[0]).toEqual({ kind: 'expired', reservations: [{ reservationId: soon.reservationId, participants: [] }], holds: 1 });
    expect(outcomes[1]).toEqual({ kind: 'expired', reservations: [], holds: 0 });
    expect(delta.events.map((e) => e.type)).toEqual(['inventory.reservation.expired.v1']);
    expect(s.stock.get('A')?.reserved).toBe(1);
    expect(s.headers.get(soon.reservationId)?.status).toBe('expired');
  });

  it('holds a participant share and expires it on its own time when its coordinator never tells', () => {
    const s = snapshot({ B: 2 });
    const id = 'r5_00000000-0000-4000-8000-000000000001';
    const hold: Command = { kind: 'hold', reservationId: id, customerId: null, items: [{ sku: 'B', quantity: 2 }], expiresAt: NOW + 1000, bounds: null };
    expect(kinds(run(s, [hold, hold]).outcomes)).toEqual(['held', 'held']);
    expect(s.stock.get('B')?.reserved).toBe(2);
    expect(run(s, [{ kind: 'expireDue' }], NOW + 1000).outcomes[0]).toEqual({ kind: 'expired', reservations: [], holds: 1 });
    expect(s.stock.get('B')?.reserved).toBe(0);
  });

  it('enforces a per-customer sale limit inside its window, counting held units and freeing released ones', () => {
    const limits = [{ sku: 'A', perCustomer: 2, units: null, startsAt: NOW - 1000, endsAt: NOW + 60_000, countsFrom: NOW - 1000 }];
    const s = snapshot({ A: 100, B: 100 }, { limits, usage: [{ sku: 'A', customerId: 'ann', units: 1 }] });
    const one = reserveCmd([['A', 1]], { customerId: 'ann' });
    const { outcomes } = run(s, [
      one,
      reserveCmd([['A', 1]], { customerId: 'ann' }),
      reserveCmd([['A', 1]], { customerId: 'bob' }),
      reserveCmd([['A', 1]]),
      reserveCmd([['B', 5]], { customerId: 'ann' }),
    ]);
    expect(kinds(outcomes)).toEqual(['reserved', 'refused:LIMIT_EXCEEDED', 'reserved', 'refused:LIMIT_EXCEEDED', 'reserved']);
    expect(s.usageOf('A', 'ann')).toBe(2);
    run(s, [{ kind: 'release', reservationId: one.reservationId, reason: 'released' }]);
    expect(s.usageOf('A', 'ann')).toBe(1);
    // After the window the limit no longer applies.
    expect(run(s, [reserveCmd([['A', 5]], { customerId: 'ann' })], NOW + 60_000).outcomes[0]?.kind).toBe('reserved');
  });

  describe("a customer's hold bounds", () => {
    const bounds = { perSkuUnits: 3, partitionUnits: 5 };

    it('bounds the units of one SKU a customer holds at once, and frees them on release', () => {
      const s = snapshot({ A: 100 });
      const first = reserveCmd([['A', 2]], { customerId: 'ann', bounds });
      const { outcomes } = run(s, [first, reserveCmd([['A', 2]], { customerId: 'ann', bounds }), reserveCmd([['A', 1]], { customerId: 'ann', bounds })]);
      expect(kinds(outcomes)).toEqual(['reserved', 'refused:LIMIT_EXCEEDED', 'reserved']);
      expect(outcomes[1]).toMatchObject({ skus: ['A'] });
      expect(s.heldBy('ann', 'A')).toBe(3);
      run(s, [{ kind: 'release', reservationId: first.reservationId, reason: 'released' }]);
      expect(s.heldBy('ann', 'A')).toBe(1);
      expect(kinds(run(s, [reserveCmd([['A', 2]], { customerId: 'ann', bounds })]).outcomes)).toEqual(['reserved']);
    });

    it("bounds a customer's units over the partition, and not a trusted service's", () => {
      const s = snapshot({ A: 100, B: 100, C: 1000 });
      const { outcomes } = run(s, [
        reserveCmd([['A', 3]], { customerId: 'ann', bounds }),
        reserveCmd([['B', 3]], { customerId: 'ann', bounds }),
        reserveCmd([['B', 2]], { customerId: 'ann', bounds }),
        reserveCmd([['C', 1]], { customerId: 'ann', bounds }),
        reserveCmd([['C', 500]], { customerId: 'ann', bounds: null }),
        reserveCmd([['A', 1]], { customerId: null, bounds }),
      ]);
      expect(kinds(outcomes)).toEqual(['reserved', 'refused:LIMIT_EXCEEDED', 'reserved', 'refused:LIMIT_EXCEEDED', 'reserved', 'refused:LIMIT_EXCEEDED']);
      expect(s.stock.get('B')?.reserved).toBe(2);
    });

    it("bounds a limited SKU's holds by its sale limit before the window, and counts them once it opens", () => {
      const limits = [{ sku: 'A', perCustomer: 2, units: null, startsAt: NOW + 60_000, endsAt: NOW + 120_000, countsFrom: NOW + 60_000 }];
      const s = snapshot({ A: 100 }, { limits });
      const before = run(s, [reserveCmd([['A', 2]], { customerId: 'ann', bounds }), reserveCmd([['A', 1]], { customerId: 'ann', bounds })]);
      expect(kinds(before.outcomes)).toEqual(['reserved', 'refused:LIMIT_EXCEEDED']);
      // A trusted service's hold for her before the window counts too.
      run(s, [reserveCmd([['A', 2]], { customerId: 'bob', bounds: null })]);
      const inWindow = run(s, [reserveCmd([['A', 1]], { customerId: 'bob', bounds: null }), reserveCmd([['A', 1]], { customerId: 'cy', bounds: null })], NOW + 61_000);
      expect(kinds(inWindow.outcomes)).toEqual(['refused:LIMIT_EXCEEDED', 'reserved']);
    });
  });

  it('refuses to hold SKUs of draft or archived products, for customers and trusted services alike', () => {
    const s = snapshot({ A: 10, B: 10 }, { unpurchasable: ['B'] });
    const { outcomes, delta } = run(s, [
      reserveCmd([['A', 1], ['B', 1]], { customerId: 'ann', bounds: { perSkuUnits: 5, partitionUnits: 10 } }),
      reserveCmd([['B', 1]], { customerId: 'ann', bounds: null }),
      { kind: 'hold', reservationId: 'r5_00000000-0000-4000-8000-000000000009', customerId: null, items: [{ sku: 'B', quantity: 1 }], expiresAt: NOW + 1000, bounds: null },
      reserveCmd([['A', 1]], { customerId: 'ann', bounds: null }),
    ]);
    expect(kinds(outcomes)).toEqual(['refused:SKU_UNAVAILABLE', 'refused:SKU_UNAVAILABLE', 'refused:SKU_UNAVAILABLE', 'reserved']);
    expect(outcomes[0]).toMatchObject({ skus: ['B'] });
    expect(s.stock.get('B')?.reserved).toBe(0);
    expect(delta.itemInserts.map((i) => i.sku)).toEqual(['A']);
  });

  it('reloads the partition when a product status changes (the statuses are read from the database)', () => {
    const { outcomes, delta } = run(snapshot({ A: 1 }), [{ kind: 'refreshProductStatus' }]);
    expect(outcomes[0]).toEqual({ kind: 'refreshing' });
    expect(delta.reloadAfterCommit).toBe(true);
  });

  it("releases a customer's own reservation only; someone else's is unknown to them and nothing changes", () => {
    const s = snapshot({ A: 10 });
    const anns = reserveCmd([['A', 2]], { customerId: 'ann' });
    const anonymous = reserveCmd([['A', 1]]);
    run(s, [anns, anonymous]);
    const { outcomes, delta } = run(s, [
      { kind: 'release', reservationId: anns.reservationId, reason: 'released', onlyOwnedBy: 'bob' },
      { kind: 'release', reservationId: anonymous.reservationId, reason: 'released', onlyOwnedBy: 'bob' },
    ]);
    expect(kinds(outcomes)).toEqual(['unknownReservation', 'unknownReservation']);
    expect(delta.stock).toEqual([]);
    expect(delta.events).toEqual([]);
    expect(s.stock.get('A')?.reserved).toBe(3);
    const own = run(s, [{ kind: 'release', reservationId: anns.reservationId, reason: 'released', onlyOwnedBy: 'ann' }]);
    expect(own.outcomes[0]).toMatchObject({ kind: 'finished', status: 'released', changed: true });
    expect(s.stock.get('A')?.reserved).toBe(1);
  });

  it('counts a sale limit by customer and by each limit key (address, card): another account with the same card is refused', () => {
    const limits = [{ sku: 'A', perCustomer: 1, units: null, startsAt: null, endsAt: null, countsFrom: null }];
    const s = snapshot({ A: 100 }, { limits });
    const first = reserveCmd([['A', 1]], { customerId: 'ann', limitKeys: ['addr:home0001', 'card:visa0001'] });
    const { outcomes } = run(s, [
      first,
      reserveCmd([['A', 1]], { customerId: 'bob', limitKeys: ['addr:else0001', 'card:visa0001'] }),
      reserveCmd([['A', 1]], { customerId: 'cy', limitKeys: ['addr:home0001', 'card:amex0001'] }),
      reserveCmd([['A', 1]], { customerId: 'dee', limitKeys: ['addr:else0002', 'card:amex0002'] }),
    ]);
    expect(kinds(outcomes)).toEqual(['reserved', 'refused:LIMIT_EXCEEDED', 'refused:LIMIT_EXCEEDED', 'reserved']);
    expect(s.usageOf('A', 'card:visa0001')).toBe(1);
    run(s, [{ kind: 'release', reservationId: first.reservationId, reason: 'released' }]);
    expect([s.usageOf('A', 'ann'), s.usageOf('A', 'addr:home0001'), s.usageOf('A', 'card:visa0001')]).toEqual([0, 0, 0]);
  });

  it('sets and adjusts on-hand stock with a ledger entry, never below reserved + committed', () => {
    const s = snapshot({ A: 5 });
    run(s, [reserveCmd([['A', 3]])]);
    const { outcomes, delta } = run(s, [
      { kind: 'setStock', sku: 'A', onHand: 2, reason: null },
      { kind: 'setStock', sku: 'A', onHand: 10, reason: 'delivery' },
      { kind: 'adjustStock', sku: 'A', delta: -7, reason: 'damaged' },
      { kind: 'adjustStock', sku: 'A', delta: -1, reason: 'too much' },
      { kind: 'adjustStock', sku: 'NOPE', delta: 1, reason: 'x' },
      { kind: 'setStock', sku: 'NEW', onHand: 4, reason: null },
    ]);
    expect(kinds(outcomes)).toEqual(['belowCommitments', 'stock', 'stock', 'belowCommitments', 'unknownSku', 'stock']);
    expect(outcomes[2]).toEqual({ kind: 'stock', level: { sku: 'A', onHand: 3, reserved: 3, committed: 0, available: 0 } });
    expect(delta.ledger.map((l) => [l.sku, l.delta, l.onHandAfter, l.kind])).toEqual([
      ['A', 5, 10, 'set'],
      ['A', -7, 3, 'adjust'],
      ['NEW', 4, 4, 'set'],
    ]);
    expect(delta.stock.find((w) => w.sku === 'NEW')?.expectedVersion).toBeUndefined();
    expect(delta.events.map((e) => e.type)).toEqual([
      'inventory.stock.changed.v1',
      'inventory.stock.changed.v1',
      'inventory.stock.sold-out.v1',
      'inventory.stock.changed.v1',
    ]);
  });

  it('asks for a reload after a sale limit changes (usage is recomputed from the database)', () => {
    const s = snapshot({ A: 5 });
    const { outcomes, delta } = run(s, [{ kind: 'setSaleLimit', sku: 'A', perCustomer: 2, units: null, startsAt: null, endsAt: null }]);
    expect(outcomes[0]).toEqual({ kind: 'saleLimitSet', sku: 'A' });
    expect(delta.reloadAfterCommit).toBe(true);
    expect(delta.limits).toHaveLength(1);
  });

  it('does not touch the snapshot while deciding', () => {
    const s = snapshot({ A: 5 });
    decideBatch(s, [reserveCmd([['A', 2]])], NOW);
    expect(s.stock.get('A')?.reserved).toBe(0);
    expect(s.headers.size).toBe(0);
  });

  describe("a flash sale's allocation", () => {
    const sale = (units: number | null, window: { startsAt?: number; endsAt?: number } = {}): SaleLimitRecord => {
      const startsAt = window.startsAt ?? null;
      return { sku: 'A', perCustomer: 5, units, startsAt, endsAt: window.endsAt ?? null, countsFrom: startsAt ?? NOW - 1 };
    };
    const view = (s: PartitionSnapshot, now = NOW) => decideBatch(s, [{ kind: 'readSaleLimit', sku: 'A' }], now).outcomes[0];

    it('takes at most `units` units, whoever asks, and refuses beyond with OUT_OF_STOCK marked as the allocation', () => {
      const s = snapshot({ A: 500 }, { limits: [sale(3)] });
      const { outcomes, delta } = run(s, [
        reserveCmd([['A', 1]], { customerId: 'ann' }),
        reserveCmd([['A', 1]], { customerId: 'bob' }),
        reserveCmd([['A', 2]], { customerId: 'cy' }),
        reserveCmd([['A', 1]], { customerId: 'dee' }),
        reserveCmd([['A', 1]], { customerId: 'eve' }),
      ]);
      expect(kinds(outcomes)).toEqual(['reserved', 'reserved', 'refused:OUT_OF_STOCK', 'reserved', 'refused:OUT_OF_STOCK']);
      expect(outcomes[4]).toEqual({ kind: 'refused', code: 'OUT_OF_STOCK', skus: ['A'], saleAllocation: true });
      expect(s.takenOf('A')).toBe(3);
      expect(s.stock.get('A')).toMatchObject({ reserved: 3 });
      const exhausted = delta.events.filter((e) => e.type === 'inventory.sale-allocation.exhausted.v1');
      expect(exhausted).toHaveLength(1);
      expect(exhausted[0]?.payload).toEqual({ sku: 'A', units: 3, unitsTaken: 3, startsAt: null, endsAt: null });
      expect(view(s)).toEqual({
        kind: 'saleLimit',
        view: { sku: 'A', perCustomer: 5, units: 3, unitsTaken: 3, unitsRemaining: 0, startsAt: null, endsAt: null },
      });
    });

    it('counts holds and commits; a release or an expiry gives units back', () => {
      const s = snapshot({ A: 500 }, { limits: [sale(3)] });
      const kept = reserveCmd([['A', 1]], { customerId: 'kim' });
      const dropped = reserveCmd([['A', 1]], { customerId: 'ann' });
      const lapsing = reserveCmd([['A', 1]], { customerId: 'bob', expiresAt: NOW + 1000 });
      run(s, [kept, dropped, lapsing, { kind: 'commit', reservationId: kept.reservationId }]);
      expect(s.takenOf('A')).toBe(3);
      expect(s.stock.get('A')).toMatchObject({ reserved: 2, committed: 1 });
      run(s, [{ kind: 'release', reservationId: dropped.reservationId, reason: 'released' }]);
      expect(s.takenOf('A')).toBe(2);
      run(s, [{ kind: 'expireDue' }], NOW + 1000);
      expect(s.takenOf('A')).toBe(1);
      const again = run(s, [reserveCmd([['A', 2]], { customerId: 'cy' })], NOW + 1000);
      expect(kinds(again.outcomes)).toEqual(['reserved']);
      // Ran out again: said again.
      expect(again.delta.events.map((e) => e.type)).toContain('inventory.sale-allocation.exhausted.v1');
    });

    it('answers unitsRemaining as the smaller of the allocation left and the stock available', () => {
      const s = snapshot({ A: 4 }, { limits: [sale(10)] });
      run(s, [reserveCmd([['A', 1]], { customerId: 'ann' })]);
      expect(view(s)).toMatchObject({ view: { unitsTaken: 1, unitsRemaining: 3 } });
      const uncapped = snapshot({ A: 4 }, { limits: [sale(null)] });
      expect(view(uncapped)).toMatchObject({ view: { units: null, unitsTaken: 0, unitsRemaining: 4 } });
      expect(view(snapshot({ A: 4 }))).toEqual({ kind: 'noSaleLimit', sku: 'A' });
    });

    it('counts holds made before the window that are still in force when it opens, and nothing made after it closes', () => {
      const startsAt = NOW + 10_000;
      const endsAt = NOW + 20_000;
      const s = snapshot({ A: 500 }, { limits: [sale(3, { startsAt, endsAt })] });
      const early = run(s, [
        // Gone (by its expiry) exactly when the window opens: not the sale's.
        reserveCmd([['A', 1]], { customerId: 'ann', expiresAt: startsAt }),
        // Still held when it opens: the sale's, and capped already; a trusted service's anonymous hold too.
        reserveCmd([['A', 2]], { customerId: 'bob', expiresAt: startsAt + 1 }),
        reserveCmd([['A', 1]], { customerId: null, expiresAt: startsAt + 1 }),
        reserveCmd([['A', 1]], { customerId: 'cy', expiresAt: startsAt + 1 }),
      ]);
      expect(kinds(early.outcomes)).toEqual(['reserved', 'reserved', 'reserved', 'refused:OUT_OF_STOCK']);
      expect(s.takenOf('A')).toBe(3);
      // In the window: sold out at the sale; at its end, the SKU sells as before.
      expect(kinds(run(s, [reserveCmd([['A', 1]], { customerId: 'dee' })], endsAt - 1).outcomes)).toEqual(['refused:OUT_OF_STOCK']);
      expect(kinds(run(s, [reserveCmd([['A', 50]], { customerId: 'dee' })], endsAt).outcomes)).toEqual(['reserved']);
      expect(s.takenOf('A')).toBe(3);
    });

    it('counts from the window start, or from when a limit without one was set; editing the same sale keeps what was taken', () => {
      const s = snapshot({ A: 100 });
      run(s, [{ kind: 'setSaleLimit', sku: 'A', perCustomer: 2, units: 10, startsAt: null, endsAt: null }]);
      expect(s.limits.get('A')).toMatchObject({ units: 10, countsFrom: NOW });
      run(s, [{ kind: 'setSaleLimit', sku: 'A', perCustomer: 3, units: 20, startsAt: null, endsAt: NOW + 50_000 }], NOW + 5_000);
      expect(s.limits.get('A')).toMatchObject({ perCustomer: 3, units: 20, countsFrom: NOW });
      run(s, [{ kind: 'setSaleLimit', sku: 'A', perCustomer: 3, units: 20, startsAt: NOW + 60_000, endsAt: NOW + 90_000 }], NOW + 6_000);
      expect(s.limits.get('A')).toMatchObject({ countsFrom: NOW + 60_000 });
      // After a sale ended, a new one without a start counts afresh.
      const ended = snapshot({ A: 100 }, { limits: [{ ...sale(5), endsAt: NOW - 10, countsFrom: NOW - 100_000 }] });
      run(ended, [{ kind: 'setSaleLimit', sku: 'A', perCustomer: 1, units: 5, startsAt: null, endsAt: null }]);
      expect(ended.limits.get('A')).toMatchObject({ countsFrom: NOW });
    });

    it('goes with its limit when the sale is cancelled: the SKU is no longer capped', () => {
      const s = snapshot({ A: 100 }, { limits: [sale(1)] });
      run(s, [reserveCmd([['A', 1]], { customerId: 'ann' })]);
      const { outcomes, delta } = run(s, [
        { kind: 'clearSaleLimit', sku: 'A' },
        { kind: 'clearSaleLimit', sku: 'A' },
        reserveCmd([['A', 10]], { customerId: 'bob' }),
      ]);
      expect(kinds(outcomes)).toEqual(['saleLimitCleared', 'noSaleLimit', 'reserved']);
      expect(delta.limitsRemoved).toEqual(['A']);
      expect(delta.reloadAfterCommit).toBe(false);
      expect(s.limits.has('A')).toBe(false);
      expect(s.takenOf('A')).toBe(0);
      expect(view(s)).toEqual({ kind: 'noSaleLimit', sku: 'A' });
      expect(kinds(run(s, [{ kind: 'clearSaleLimit', sku: 'B' }]).outcomes)).toEqual(['noSaleLimit']);
    });
  });

  describe('a hold swap (replaces)', () => {
    const limits: SaleLimitRecord[] = [{ sku: 'A', perCustomer: 1, units: 1, startsAt: null, endsAt: null, countsFrom: NOW - 1 }];
    const bounds = { perSkuUnits: 3, partitionUnits: 5 };
    /** The last unit of a sale held by ann ("buy now"), at her limit and the sale's. */
    function held() {
      const s = snapshot({ A: 1, B: 5 }, { limits });
      const hold = reserveCmd([['A', 1]], { customerId: 'ann', bounds });
      run(s, [hold]);
      return { s, hold };
    }

    it("turns the hold into checkout's reservation at once: its unit is not offered to anyone, not counted twice", () => {
      const { s, hold } = held();
      const checkout = reserveCmd([['A', 1], ['B', 1]], { customerId: 'ann', replaces: hold.reservationId, limitKeys: ['card:visa0001'] });
      const { outcomes, delta } = run(s, [reserveCmd([['A', 1]], { customerId: 'bob' }), checkout, reserveCmd([['A', 1]], { customerId: 'cy' })]);
      expect(kinds(outcomes)).toEqual(['refused:OUT_OF_STOCK', 'reserved', 'refused:OUT_OF_STOCK']);
      expect(s.headers.get(hold.reservationId)?.status).toBe('released');
      expect(s.holds.has(hold.reservationId)).toBe(false);
      expect(s.heldBy('ann', 'A')).toBe(1);
      expect([s.usageOf('A', 'ann'), s.usageOf('A', 'card:visa0001'), s.takenOf('A')]).toEqual([1, 1, 1]);
      expect(s.stock.get('A')).toMatchObject({ onHand: 1, reserved: 1 });
      expect(delta.headerTransitions).toEqual([{ reservationId: hold.reservationId, status: 'released' }]);
      expect(delta.holdTransitions).toEqual([{ reservationId: hold.reservationId, status: 'released', items: 1 }]);
      const released = delta.events.find((e) => e.type === 'inventory.reservation.released.v1');
      expect(released?.payload).toMatchObject({ reservationId: hold.reservationId, replacedBy: checkout.reservationId });
      // Nothing ran out that had not already: no second sold-out or allocation event.
      expect(delta.events.map((e) => e.type)).toEqual(['inventory.reservation.released.v1', 'inventory.reservation.reserved.v1']);
      // The same key again replays; the hold is not replaced twice.
      expect(run(s, [{ ...checkout, reservationId: 'r3_00000000-0000-4000-8000-999999999990' }]).outcomes[0]).toMatchObject({ kind: 'reserved', replay: true });
    });

    it('changes nothing when the new reservation is refused: the hold stays', () => {
      const { s, hold } = held();
      const before = structuredClone([...s.stock.values()]);
      const { outcomes, delta } = run(s, [
        reserveCmd([['A', 2]], { customerId: 'ann', replaces: hold.reservationId }),
        reserveCmd([['A', 1], ['B', 9]], { customerId: 'ann', replaces: hold.reservationId }),
      ]);
      expect(kinds(outcomes)).toEqual(['refused:LIMIT_EXCEEDED', 'refused:OUT_OF_STOCK']);
      expect(delta.events).toEqual([]);
      expect(delta.stock).toEqual([]);
      expect(s.headers.get(hold.reservationId)?.status).toBe('held');
      expect([...s.stock.values()]).toEqual(before);
      expect([s.usageOf('A', 'ann'), s.takenOf('A')]).toEqual([1, 1]);
    });

    it('refuses a hold that is not held, not the same customer\'s, unknown here or spread over partitions', () => {
      const { s, hold } = held();
      const elsewhere = reserveCmd([['B', 1]], { customerId: 'ann', participants: [5] });
      const lapsing = reserveCmd([['B', 1]], { customerId: 'ann', expiresAt: NOW + 1000 });
      run(s, [elsewhere, lapsing]);
      const swap = (replaces: string, customerId = 'ann') => reserveCmd([['B', 1]], { customerId, replaces });
      const { outcomes, delta } = run(
        s,
        [
          swap(hold.reservationId, 'bob'),
          swap('r3_00000000-0000-4000-8000-0000000abcde'),
          swap(elsewhere.reservationId),
          swap(lapsing.reservationId),
          swap(hold.reservationId),
          swap(hold.reservationId),
        ],
        NOW + 1000,
      );
      expect(outcomes.slice(0, 4)).toEqual([
        { kind: 'cannotReplace', reservationId: hold.reservationId, reason: 'other_customer' },
        { kind: 'cannotReplace', reservationId: 'r3_00000000-0000-4000-8000-0000000abcde', reason: 'unknown' },
        { kind: 'cannotReplace', reservationId: elsewhere.reservationId, reason: 'other_partition' },
        { kind: 'cannotReplace', reservationId: lapsing.reservationId, reason: 'not_held', status: 'expired' },
      ]);
      // Two checkouts racing for one hold in a batch: the first replaces it, the second finds it released.
      expect(outcomes[4]).toMatchObject({ kind: 'reserved' });
      expect(outcomes[5]).toEqual({ kind: 'cannotReplace', reservationId: hold.reservationId, reason: 'not_held', status: 'released' });
      expect(delta.headerTransitions).toEqual([{ reservationId: hold.reservationId, status: 'released' }]);
    });
  });
});

describe('restock (sold units back into available stock)', () => {
  const restock = (key: string, sku: string, quantity: number): Command => ({ kind: 'restock', key, sku, quantity, reason: 'refund of SO-000001' });

  /** A partition where `sold` units of A were reserved and committed (checkout). */
  function sold(onHand: number, units: number, extra: Partial<SnapshotData> = {}) {
    const s = snapshot({ A: onHand }, extra);
    const r = reserveCmd([['A', units]], { customerId: 'c1' });
    expect(kinds(run(s, [r]).outcomes)).toEqual(['reserved']);
    run(s, [{ kind: 'commit', reservationId: r.reservationId }]);
    return s;
  }

  it('moves committed units to available, keeps on hand, records the key and emits restocked', () => {
    const s = sold(5, 3);
    const { outcomes, delta } = run(s, [restock('refund-1:A', 'A', 2)]);
    expect(outcomes[0]).toEqual({ kind: 'restocked', replay: false, level: { sku: 'A', onHand: 5, reserved: 0, committed: 1, available: 4 } });
    const a = s.stock.get('A')!;
    expect(a.onHand).toBe(a.reserved + a.committed + 4);
    expect(delta.restocks).toEqual([{ key: 'refund-1:A', sku: 'A', quantity: 2, reason: 'refund of SO-000001', at: NOW }]);
    expect(delta.events.map((e) => [e.type, e.payload])).toEqual([
      ['inventory.stock.restocked.v1', { sku: 'A', onHand: 5, reserved: 0, committed: 1, available: 4, quantity: 2, key: 'refund-1:A', reason: 'refund of SO-000001', availableBefore: 2 }],
    ]);
  });

  it('restocks once per key: in the same batch, in a later one, and after a reload', () => {
    const s = sold(5, 3);
    const first = run(s, [restock('k:A', 'A', 1), restock('k:A', 'A', 1)]);
    expect(first.outcomes.map((o) => o.kind === 'restocked' && o.replay)).toEqual([false, true]);
    expect(first.delta.restocks).toHaveLength(1);
    const later = run(s, [restock('k:A', 'A', 1)]);
    expect(later.outcomes[0]).toMatchObject({ kind: 'restocked', replay: true });
    expect(later.delta.events).toEqual([]);
    expect(s.stock.get('A')!.committed).toBe(2);
    const reloaded = snapshot({ A: 5 }, { restockKeys: ['k:A'] });
    expect(decideBatch(reloaded, [restock('k:A', 'A', 1)], NOW).outcomes[0]).toMatchObject({ kind: 'restocked', replay: true });
  });

  it('refuses to restock more than was sold, and an unknown SKU', () => {
    const s = sold(5, 1);
    const { outcomes, delta } = run(s, [restock('k1', 'A', 2), restock('k2', 'NOPE', 1)]);
    expect(kinds(outcomes)).toEqual(['notCommitted', 'unknownSku']);
    expect(delta.stock).toEqual([]);
    expect(delta.restocks).toEqual([]);
  });

  it("gives restocked units to ordinary stock, not back to a flash sale's allocation", () => {
    const limit: SaleLimitRecord = { sku: 'A', perCustomer: 5, units: 3, startsAt: null, endsAt: null, countsFrom: NOW - 1000 };
    const s = sold(10, 3, { limits: [limit] });
    expect(s.takenOf('A')).toBe(3);
    run(s, [restock('k:A', 'A', 3)]);
    expect(s.takenOf('A')).toBe(3);
    expect(s.stock.get('A')).toMatchObject({ committed: 0, reserved: 0 });
    const { outcomes } = run(s, [reserveCmd([['A', 1]], { customerId: 'c2' })]);
    expect(outcomes[0]).toMatchObject({ kind: 'refused', saleAllocation: true });
  });
});
