import { describe, expect, it } from 'vitest';
import { twinOf, type PromotionOffer } from './promotion-twins.js';

const offer = (over: Partial<PromotionOffer> = {}): PromotionOffer => ({
  target: { kind: 'sku', skus: ['MUG-1', 'MUG-2'] },
  benefit: { kind: 'percent_off', percent: 20 },
  minSubtotal: null,
  startsAt: null,
  endsAt: null,
  ...over,
});
const promotion = (id: string, over: Partial<PromotionOffer> = {}, active = true) => ({ id, active, ...offer(over) });

describe('twinOf', () => {
  it('finds an active promotion giving the same benefit on the same target (SKUs in any order)', () => {
    const existing = [promotion('a', { benefit: { kind: 'percent_off', percent: 10 } }), promotion('b', { target: { kind: 'sku', skus: ['MUG-2', 'MUG-1'] } })];
    expect(twinOf(offer(), existing)?.id).toBe('b');
  });

  it('leaves out switched-off promotions, the promotion itself, and any other target, benefit or threshold', () => {
    expect(twinOf(offer(), [promotion('off', {}, false)])).toBeUndefined();
    expect(twinOf(offer(), [promotion('self')], 'self')).toBeUndefined();
    expect(twinOf(offer(), [promotion('x', { target: { kind: 'sku', skus: ['MUG-1'] } })])).toBeUndefined();
    expect(twinOf(offer(), [promotion('x', { benefit: { kind: 'amount_off', amount: { amount: 500, currency: 'EUR' } } })])).toBeUndefined();
    expect(twinOf(offer(), [promotion('x', { minSubtotal: { amount: 5000, currency: 'EUR' } })])).toBeUndefined();
    expect(twinOf(offer({ benefit: { kind: 'amount_off', amount: { amount: 500, currency: 'EUR' } } }), [promotion('x', { benefit: { kind: 'amount_off', amount: { amount: 500, currency: 'EUR' } } })])?.id).toBe('x');
  });

  it('counts only windows that overlap ([start, end): one ending as the other starts does not)', () => {
    const december = promotion('dec', { startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2027-01-01T00:00:00.000Z' });
    expect(twinOf(offer({ startsAt: '2027-01-01T00:00:00.000Z' }), [december])).toBeUndefined();
    expect(twinOf(offer({ endsAt: '2026-12-01T00:00:00.000Z' }), [december])).toBeUndefined();
    expect(twinOf(offer({ startsAt: '2026-12-24T00:00:00.000Z', endsAt: '2026-12-27T00:00:00.000Z' }), [december])?.id).toBe('dec');
    expect(twinOf(offer(), [december])?.id).toBe('dec');
  });
});
