import { describe, expect, it } from 'vitest';
import { OrderStatus } from '@shop/contracts';
import { canTransition, decideTransition, isFinal, ORDER_TRANSITIONS } from './order-state-machine.js';

const S = OrderStatus.enum;
const allowed: [OrderStatus, OrderStatus][] = [
  [S.PENDING, S.AWAITING_PAYMENT],
  [S.PENDING, S.CANCELLED],
  [S.AWAITING_PAYMENT, S.CONFIRMED],
  [S.AWAITING_PAYMENT, S.CANCELLED],
  [S.CONFIRMED, S.FULFILLED],
  [S.CONFIRMED, S.CANCELLED],
  [S.CONFIRMED, S.REFUNDED],
  [S.FULFILLED, S.REFUNDED],
];
const key = (from: OrderStatus, to: OrderStatus) => `${from}->${to}`;
const allowedKeys = new Set(allowed.map(([f, t]) => key(f, t)));
const every = OrderStatus.options.flatMap((from) => OrderStatus.options.map((to) => [from, to] as [OrderStatus, OrderStatus]));
const illegal = every.filter(([f, t]) => f !== t && !allowedKeys.has(key(f, t)));
const reasonFor = (to: OrderStatus) => (to === 'CANCELLED' || to === 'REFUNDED' ? 'because' : undefined);

describe('order state machine', () => {
  it('allows exactly the documented transitions', () => {
    const table = Object.entries(ORDER_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => key(from as OrderStatus, to)));
    expect(new Set(table)).toEqual(allowedKeys);
    expect(illegal).toHaveLength(36 - 6 - allowed.length);
  });

  it.each(allowed)('%s -> %s is applied', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(decideTransition({ status: from, version: 3 }, { to, reason: reasonFor(to) })).toEqual({ kind: 'apply', from, to });
  });

  it.each(illegal)('%s -> %s is refused as ILLEGAL_TRANSITION', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    const decision = decideTransition({ status: from, version: 3 }, { to, reason: reasonFor(to) });
    expect(decision).toEqual({
      kind: 'refused',
      error: expect.objectContaining({ code: 'ILLEGAL_TRANSITION', details: { from, to, allowed: [...ORDER_TRANSITIONS[from]] } }),
    });
  });

  it.each(OrderStatus.options)('%s -> %s (the same status) is an idempotent no-op', (status) => {
    expect(decideTransition({ status, version: 3 }, { to: status })).toEqual({ kind: 'unchanged' });
    // Even with stale expectations: a retry after the change succeeded must not fail.
    expect(decideTransition({ status, version: 3 }, { to: status, from: S.PENDING, expectedVersion: 1 })).toEqual({ kind: 'unchanged' });
  });

  it('refuses with CONFLICT when the caller expected another status or version', () => {
    expect(decideTransition({ status: S.CONFIRMED, version: 3 }, { to: S.CANCELLED, from: S.AWAITING_PAYMENT, reason: 'x' })).toEqual({
      kind: 'refused',
      error: expect.objectContaining({ code: 'CONFLICT', details: { expected: S.AWAITING_PAYMENT, actual: S.CONFIRMED } }),
    });
    expect(decideTransition({ status: S.CONFIRMED, version: 3 }, { to: S.FULFILLED, expectedVersion: 2 })).toEqual({
      kind: 'refused',
      error: expect.objectContaining({ code: 'CONFLICT', details: { expected: 2, actual: 3 } }),
    });
    expect(decideTransition({ status: S.CONFIRMED, version: 3 }, { to: S.FULFILLED, from: S.CONFIRMED, expectedVersion: 3 }).kind).toBe('apply');
  });

  it('requires a reason to cancel or refund', () => {
    for (const [from, to] of [[S.PENDING, S.CANCELLED], [S.FULFILLED, S.REFUNDED]] as const) {
      const decision = decideTransition({ status: from, version: 1 }, { to, reason: '  ' });
      expect(decision).toEqual({ kind: 'refused', error: expect.objectContaining({ code: 'REASON_REQUIRED', details: { to } }) });
    }
  });

  it('knows the final statuses', () => {
    expect(OrderStatus.options.filter(isFinal)).toEqual([S.CANCELLED, S.REFUNDED]);
  });
});
