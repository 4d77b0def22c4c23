import { describe, expect, it } from 'vitest';
import { MAX_REMEMBERED_HOLDS, holdsCookie, holdsOf, readHolds, rememberHolds, stillHeld, type RememberedHold } from './buy-now-holds';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const hold = (n: number, sku = 'TEE-M', until = NOW + 60_000): RememberedHold => ({
  sku,
  holdId: `r3_00000000-0000-4000-8000-00000000000${n % 10}`,
  until,
  cartId: `c_${'A'.repeat(21)}${n % 10}`,
});

describe('the remembered Buy now holds', () => {
  it('reads back what it wrote, keeping only the holds still live', () => {
    const cookie = holdsCookie([hold(1), hold(2, 'MUG-R', NOW + 5_000)], NOW)!;
    expect(cookie.maxAgeSeconds).toBe(60);
    expect(readHolds(cookie.value, NOW)).toEqual([hold(1), hold(2, 'MUG-R', NOW + 5_000)]);
    expect(readHolds(cookie.value, NOW + 10_000)).toEqual([hold(1)]);
    expect(holdsCookie([hold(1, 'TEE-M', NOW - 1)], NOW)).toBeNull();
  });

  it('ignores a malformed cookie or entry (it is only a hint)', () => {
    expect(readHolds(undefined, NOW)).toEqual([]);
    expect(readHolds('not json', NOW)).toEqual([]);
    expect(readHolds('{"sku":"A"}', NOW)).toEqual([]);
    expect(readHolds(JSON.stringify([hold(1), { ...hold(2), holdId: 'nope' }, { ...hold(3), until: 'later' }]), NOW)).toEqual([hold(1)]);
  });

  it("lists one SKU's holds, the one ending first first", () => {
    const holds = [hold(1, 'TEE-M', NOW + 90_000), hold(2, 'MUG-R'), hold(3, 'TEE-M', NOW + 30_000)];
    expect(holdsOf(holds, 'TEE-M').map((h) => h.holdId)).toEqual([hold(3).holdId, hold(1).holdId]);
    expect(holdsOf(holds, 'NONE')).toEqual([]);
  });

  it('adds a hold once, drops the ones named, and keeps the newest few', () => {
    expect(rememberHolds([hold(1)], hold(1))).toEqual([hold(1)]);
    expect(rememberHolds([hold(1), hold(2)], hold(3), [hold(1).holdId])).toEqual([hold(2), hold(3)]);
    const many = Array.from({ length: MAX_REMEMBERED_HOLDS }, (_, i) => hold(i));
    const after = rememberHolds(many, hold(9));
    expect(after).toHaveLength(MAX_REMEMBERED_HOLDS);
    expect(after.at(-1)).toEqual(hold(9));
    expect(after[0]).toEqual(hold(1));
  });

  it('trusts a hold only while its cart holds the unit and inventory still has it held (a declined payment released it)', () => {
    const h = hold(1);
    expect(stillHeld(h, { cartHoldsUnit: true, reservation: 'held' }, NOW)).toBe(true);
    // The checkout declined: the reservation is released, the Buy now cart still has the unit.
    expect(stillHeld(h, { cartHoldsUnit: true, reservation: 'released' }, NOW)).toBe(false);
    expect(stillHeld(h, { cartHoldsUnit: true, reservation: 'expired' }, NOW)).toBe(false);
    expect(stillHeld(h, { cartHoldsUnit: true, reservation: 'committed' }, NOW)).toBe(false);
    // Not this customer's (a shared browser) or unknown: inventory answers 404.
    expect(stillHeld(h, { cartHoldsUnit: true, reservation: 'missing' }, NOW)).toBe(false);
    // Bought: the checkout emptied the cart.
    expect(stillHeld(h, { cartHoldsUnit: false, reservation: 'held' }, NOW)).toBe(false);
  });

  it('keeps a hold a service could not answer for until its end time', () => {
    const h = hold(1, 'TEE-M', NOW + 60_000);
    expect(stillHeld(h, {}, NOW)).toBe(true);
    expect(stillHeld(h, { cartHoldsUnit: true }, NOW)).toBe(true);
    expect(stillHeld(h, { reservation: 'held' }, NOW)).toBe(true);
    expect(stillHeld(h, { reservation: 'released' }, NOW)).toBe(false);
    expect(stillHeld(h, {}, NOW + 60_000)).toBe(false);
    expect(stillHeld(h, { cartHoldsUnit: true, reservation: 'held' }, NOW + 60_001)).toBe(false);
  });
});
