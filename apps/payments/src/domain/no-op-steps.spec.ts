import { describe, expect, it } from 'vitest';
import type { CheckoutQuote } from '@shop/contracts';
import { compensationIsNoOp, factsAfter, invokeIsNoOp, type NoOpFacts } from './no-op-steps.js';
import { afterCompensate, afterInvoke, foldNoOps, type SagaPosition } from './saga-state-machine.js';

const withCoupon = { quote: { couponCode: 'WELCOME10' } as CheckoutQuote, orderStatus: 'AWAITING_PAYMENT' } satisfies NoOpFacts;
const noCoupon = { quote: { couponCode: null } as unknown as CheckoutQuote, orderStatus: 'AWAITING_PAYMENT' } satisfies NoOpFacts;
const pendingOrder = { ...noCoupon, orderStatus: 'PENDING' } satisfies NoOpFacts;
const running = (step: SagaPosition['step']): SagaPosition => ({ state: 'running', step, deadFrom: null });

describe('no-op steps', () => {
  it('knows which steps have nothing to do for a checkout', () => {
    expect(invokeIsNoOp('hold_coupon', noCoupon)).toBe(true);
    expect(invokeIsNoOp('hold_coupon', withCoupon)).toBe(false);
    expect(invokeIsNoOp('consume_coupon', noCoupon)).toBe(true);
    expect(invokeIsNoOp('consume_coupon', withCoupon)).toBe(false);
    expect(invokeIsNoOp('await_payment', noCoupon)).toBe(true);
    expect(invokeIsNoOp('await_payment', pendingOrder)).toBe(false);
    expect(invokeIsNoOp('await_payment', { quote: null, orderStatus: null })).toBe(false);
    for (const step of ['quote', 'create_order', 'reserve_stock', 'authorize_payment', 'commit_stock', 'confirm_order', 'capture_payment', 'clear_cart'] as const) {
      expect(invokeIsNoOp(step, noCoupon)).toBe(false);
    }
    expect(compensationIsNoOp('hold_coupon', noCoupon)).toBe(true);
    expect(compensationIsNoOp('hold_coupon', withCoupon)).toBe(false);
    expect(compensationIsNoOp('create_order', noCoupon)).toBe(false);
  });

  it("reads the facts a step just learned, never replacing one already known", () => {
    const quote = { couponCode: 'X' } as CheckoutQuote;
    expect(factsAfter({ quote: null, orderStatus: null }, { quote, orderStatus: 'PENDING' })).toEqual({ quote, orderStatus: 'PENDING' });
    expect(factsAfter(pendingOrder, { orderStatus: 'AWAITING_PAYMENT' }).orderStatus).toBe('PENDING');
  });
});

describe('folding no-op steps into the transition before them', () => {
  it('records hold_coupon as succeeded with the quote when there is no coupon, and starts create_order', () => {
    const t = foldNoOps(afterInvoke({ state: 'preparing', step: 'quote', deadFrom: null }, 'quote', { kind: 'succeeded' }), noCoupon);
    expect(t.to).toEqual({ state: 'preparing', step: 'create_order', deadFrom: null });
    expect(t.steps).toEqual([
      { step: 'quote', status: 'succeeded' },
      { step: 'hold_coupon', status: 'succeeded' },
      { step: 'create_order', status: 'running' },
    ]);
  });

  it('holds a coupon that is there', () => {
    const t = foldNoOps(afterInvoke({ state: 'preparing', step: 'quote', deadFrom: null }, 'quote', { kind: 'succeeded' }), withCoupon);
    expect(t.to.step).toBe('hold_coupon');
  });

  it('goes from reserve_stock straight to authorize_payment when the order already awaits payment', () => {
    expect(foldNoOps(afterInvoke(running('reserve_stock'), 'reserve_stock', { kind: 'succeeded' }), noCoupon).to).toEqual(running('authorize_payment'));
    expect(foldNoOps(afterInvoke(running('reserve_stock'), 'reserve_stock', { kind: 'succeeded' }), pendingOrder).to).toEqual(running('await_payment'));
  });

  it('goes from commit_stock straight to confirm_order without a coupon, and consumes one that is there', () => {
    const t = foldNoOps(afterInvoke(running('commit_stock'), 'commit_stock', { kind: 'succeeded' }), noCoupon);
    expect(t.to).toEqual(running('confirm_order'));
    expect(t.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['commit_stock:succeeded', 'consume_coupon:succeeded', 'confirm_order:running']);
    expect(foldNoOps(afterInvoke(running('commit_stock'), 'commit_stock', { kind: 'succeeded' }), withCoupon).to).toEqual(running('consume_coupon'));
  });

  it('cancels after the order is cancelled when no coupon use was held, keeping the failure', () => {
    const declined = foldNoOps(
      afterInvoke(running('authorize_payment'), 'authorize_payment', { kind: 'failed', failure: { code: 'PAYMENT_DECLINED', reason: 'declined' }, effect: 'none' }),
      noCoupon,
    );
    expect(declined.to).toEqual({ state: 'compensating', step: 'reserve_stock', deadFrom: null });
    expect(declined.failure?.code).toBe('PAYMENT_DECLINED');
    const t = foldNoOps(afterCompensate('create_order'), noCoupon);
    expect(t.to).toEqual({ state: 'cancelled', step: null, deadFrom: null });
    expect(t.steps).toEqual([
      { step: 'create_order', status: 'compensated' },
      { step: 'hold_coupon', status: 'compensated' },
    ]);
    expect(foldNoOps(afterCompensate('create_order'), withCoupon).to).toEqual({ state: 'compensating', step: 'hold_coupon', deadFrom: null });
  });

  it('leaves a transition that leads to a step with work untouched', () => {
    const t = afterInvoke(running('authorize_payment'), 'authorize_payment', { kind: 'succeeded' });
    expect(foldNoOps(t, noCoupon)).toEqual(t);
  });
});
