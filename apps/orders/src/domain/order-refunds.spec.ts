import { describe, expect, it } from 'vitest';
import { decideRefund, linePaidAmounts, unrefundedLines, type RefundableOrder } from './order-refunds.js';

// Tee 2 × 2500 = 5000, Mug 3 × 1000 = 3000; subtotal 8000, shipping 500.
const order = (over: Partial<RefundableOrder> = {}): RefundableOrder => ({
  status: 'CONFIRMED',
  version: 3,
  total: 8500,
  lines: [
    { sku: 'TEE', quantity: 2, lineTotal: 5000 },
    { sku: 'MUG', quantity: 3, lineTotal: 3000 },
  ],
  discounts: [],
  refunds: [],
  ...over,
});

function applied(decision: ReturnType<typeof decideRefund>) {
  if (decision.kind !== 'apply') throw new Error(`refused: ${decision.error.message}`);
  return decision;
}

describe('what each line was paid', () => {
  it("takes the discounts on a line's SKU off it (a cart discount's shares are on the lines); one without a SKU is off shipping", () => {
    const paid = linePaidAmounts({
      lines: order().lines,
      discounts: [
        { amount: 1000, sku: 'TEE' },
        { amount: 250, sku: 'TEE' },
        { amount: 500 },
      ],
    });
    expect(paid.get('TEE')).toBe(5000 - 1250);
    expect(paid.get('MUG')).toBe(3000);
  });

  it('never below zero', () => {
    expect(linePaidAmounts({ lines: order().lines, discounts: [{ amount: 99_999, sku: 'MUG' }] }).get('MUG')).toBe(0);
  });
});

describe('deciding a refund', () => {
  it('refunds some units at their paid price and leaves the order open', () => {
    const d = applied(decideRefund(order(), { lines: [{ sku: 'MUG', quantity: 1 }] }));
    expect(d).toEqual({ kind: 'apply', amount: 1000, lines: [{ sku: 'MUG', quantity: 1 }], final: false });
  });

  it('adds up, part by part, to what the line was paid (cumulative rounding)', () => {
    const discounted = order({ discounts: [{ amount: 100, sku: 'MUG' }] }); // MUG paid 2900 for 3 units
    const first = applied(decideRefund(discounted, { lines: [{ sku: 'MUG', quantity: 1 }] }));
    const second = applied(decideRefund({ ...discounted, refunds: [first] }, { lines: [{ sku: 'MUG', quantity: 1 }] }));
    const third = applied(decideRefund({ ...discounted, refunds: [first, second] }, { lines: [{ sku: 'MUG', quantity: 1 }] }));
    expect([first.amount, second.amount, third.amount]).toEqual([966, 967, 967]);
    expect(first.amount + second.amount + third.amount).toBe(2900);
  });

  it('a shipping discount stays with shipping: the lines refund their price, the last refund the rest of the total', () => {
    const freeShipping = order({ total: 8000, discounts: [{ amount: 500 }] });
    const first = applied(decideRefund(freeShipping, { lines: [{ sku: 'TEE', quantity: 2 }] }));
    expect(first.amount).toBe(5000);
    expect(applied(decideRefund({ ...freeShipping, refunds: [first] }, { lines: [{ sku: 'MUG', quantity: 3 }] })).amount).toBe(3000);
  });

  it('the refund that empties the order returns the rest of the total, shipping included, and is final', () => {
    const first = applied(decideRefund(order(), { lines: [{ sku: 'TEE', quantity: 2 }] }));
    expect(first).toMatchObject({ amount: 5000, final: false });
    const last = applied(decideRefund({ ...order(), refunds: [first] }, { lines: [{ sku: 'MUG', quantity: 3 }] }));
    expect(last).toMatchObject({ amount: 3500, final: true });
  });

  it('refuses more units than are left, naming the line', () => {
    const refunds = [{ amount: 1000, lines: [{ sku: 'MUG', quantity: 2 }] }];
    const d = decideRefund(order({ refunds }), { lines: [{ sku: 'TEE', quantity: 1 }, { sku: 'MUG', quantity: 2 }] });
    expect(d.kind === 'refused' && d.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'lines.1.quantity: MUG has 1 of 3 units left to refund, not 2',
      details: { field: 'lines.1.quantity' },
    });
  });

  it('refuses a SKU the order does not have', () => {
    const d = decideRefund(order(), { lines: [{ sku: 'HAT', quantity: 1 }] });
    expect(d.kind === 'refused' && d.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'lines.0.sku' } });
  });

  it('refuses an unpaid or finished order and a stale version', () => {
    for (const status of ['PENDING', 'AWAITING_PAYMENT', 'CANCELLED', 'REFUNDED'] as const) {
      const d = decideRefund(order({ status }), { lines: [{ sku: 'MUG', quantity: 1 }] });
      expect(d.kind === 'refused' && d.error.code, status).toBe('ILLEGAL_TRANSITION');
    }
    expect(decideRefund(order({ status: 'FULFILLED' }), { lines: [{ sku: 'MUG', quantity: 1 }] }).kind).toBe('apply');
    const stale = decideRefund(order(), { lines: [{ sku: 'MUG', quantity: 1 }], expectedVersion: 2 });
    expect(stale.kind === 'refused' && stale.error.code).toBe('CONFLICT');
  });

  it('knows what is left to restock', () => {
    expect(unrefundedLines(order({ refunds: [{ amount: 0, lines: [{ sku: 'TEE', quantity: 2 }, { sku: 'MUG', quantity: 1 }] }] }))).toEqual([
      { sku: 'MUG', quantity: 2 },
    ]);
  });
});
