import { describe, expect, it } from 'vitest';
import { OrderStatus } from '@shop/contracts';
import { decideTransition } from './order-state-machine.js';
import { decideClaim, refusalWhileClaimed, type ClaimableOrder } from './payment-claim.js';

const CHECKOUT = '7d3c1f52-33a4-4d4e-9a55-0c8f7c1e2b10';
const OTHER = '0b6d4f0e-8a3e-4c55-b6b1-5f7d2f0e9a21';
const CLAIMED_AT = new Date('2026-12-06T06:00:00.000Z');
const order = (over: Partial<ClaimableOrder> = {}): ClaimableOrder => ({ status: 'AWAITING_PAYMENT', checkoutId: CHECKOUT, cancelReason: null, paymentClaimedAt: null, ...over });

describe('the checkout claiming its order for payment', () => {
  it('claims an order that awaits its payment', () => {
    expect(decideClaim(order(), CHECKOUT)).toEqual({ kind: 'claim' });
  });

  it('is idempotent: the same checkout claiming again holds it (a retried pivot), before or after the confirmation', () => {
    expect(decideClaim(order({ paymentClaimedAt: CLAIMED_AT }), CHECKOUT)).toEqual({ kind: 'held' });
    expect(decideClaim(order({ status: 'CONFIRMED', paymentClaimedAt: CLAIMED_AT }), CHECKOUT)).toEqual({ kind: 'held' });
  });

  it('refuses an order an admin cancelled first, naming the status and the reason (the saga then undoes everything)', () => {
    expect(decideClaim(order({ status: 'CANCELLED', cancelReason: 'the customer phoned' }), CHECKOUT)).toEqual({
      kind: 'refused',
      error: {
        code: 'ORDER_NOT_PAYABLE',
        message: 'the order is CANCELLED (the customer phoned), no longer awaiting its payment',
        details: { status: 'CANCELLED', cancelReason: 'the customer phoned' },
      },
    });
  });

  it('refuses every other status without a claim, and a claimed order its own checkout cancelled', () => {
    for (const status of OrderStatus.options.filter((s) => s !== 'AWAITING_PAYMENT')) {
      const decision = decideClaim(order({ status }), CHECKOUT);
      expect(decision.kind === 'refused' && decision.error.code, status).toBe('ORDER_NOT_PAYABLE');
    }
    const undone = decideClaim(order({ status: 'CANCELLED', cancelReason: 'CHECKOUT_EXPIRED', paymentClaimedAt: CLAIMED_AT }), CHECKOUT);
    expect(undone.kind === 'refused' && undone.error.code).toBe('ORDER_NOT_PAYABLE');
  });

  it('refuses another checkout: only the order\'s own checkout pays it', () => {
    const decision = decideClaim(order(), OTHER);
    expect(decision).toMatchObject({ kind: 'refused', error: { code: 'CONFLICT', details: { expected: OTHER, actual: CHECKOUT } } });
  });
});

describe('a status change of a claimed order', () => {
  const claimed = { status: 'AWAITING_PAYMENT' as const, version: 3, checkoutId: CHECKOUT, paymentClaimedAt: CLAIMED_AT };

  it('refuses an admin\'s cancel with ORDER_PAYMENT_IN_PROGRESS and a message that says what to do', () => {
    const decision = decideTransition(claimed, { to: 'CANCELLED', reason: 'the customer phoned' });
    expect(decision).toEqual({
      kind: 'refused',
      error: {
        code: 'ORDER_PAYMENT_IN_PROGRESS',
        message: expect.stringMatching(/payment of this order is being completed.*once it is confirmed.*cancel it again and the payment is refunded/),
        details: { checkoutId: CHECKOUT, claimedAt: '2026-12-06T06:00:00.000Z' },
      },
    });
  });

  it('says so before a stale expectedVersion: the claim is why the order changed', () => {
    const decision = decideTransition(claimed, { to: 'CANCELLED', reason: 'x', expectedVersion: 2 });
    expect(decision.kind === 'refused' && decision.error.code).toBe('ORDER_PAYMENT_IN_PROGRESS');
  });

  it('lets the claim\'s holder confirm it, or cancel it as its compensation', () => {
    expect(decideTransition(claimed, { to: 'CONFIRMED', from: 'AWAITING_PAYMENT', byCheckout: true })).toEqual({ kind: 'apply', from: 'AWAITING_PAYMENT', to: 'CONFIRMED' });
    expect(decideTransition(claimed, { to: 'CANCELLED', reason: 'CHECKOUT_EXPIRED', byCheckout: true })).toEqual({ kind: 'apply', from: 'AWAITING_PAYMENT', to: 'CANCELLED' });
  });

  it('lets an admin cancel once the claim has done its work (confirmed) or when there is none', () => {
    expect(decideTransition({ ...claimed, status: 'CONFIRMED' }, { to: 'CANCELLED', reason: 'x' }).kind).toBe('apply');
    expect(decideTransition({ ...claimed, paymentClaimedAt: null }, { to: 'CANCELLED', reason: 'x' }).kind).toBe('apply');
    expect(refusalWhileClaimed({ ...claimed, paymentClaimedAt: null }, false)).toBeNull();
  });

  it('answers a cancel of a claimed order that is already cancelled unchanged (a retried compensation)', () => {
    expect(decideTransition({ ...claimed, status: 'CANCELLED' }, { to: 'CANCELLED', reason: 'x' })).toEqual({ kind: 'unchanged' });
  });
});
