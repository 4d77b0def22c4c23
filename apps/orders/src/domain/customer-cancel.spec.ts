import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '@shop/contracts';
import { refusalOfCustomerCancel } from './customer-cancel.js';
import { decideTransition } from './order-state-machine.js';

const refund = { id: 'r1', amount: 500 };
const claimedAt = new Date('2026-03-01T12:00:00Z');
const cancel = { to: 'CANCELLED' as const, reason: 'Cancelled by the customer', byCustomer: true };

describe("a customer's own cancel", () => {
  it.each<[string, OrderStatus]>([
    ['a new order', 'PENDING'],
    ['an order awaiting its payment, not claimed by its checkout', 'AWAITING_PAYMENT'],
    ['a confirmed order that has not shipped (payments voids or refunds it)', 'CONFIRMED'],
  ])('goes through for %s', (_name, status) => {
    expect(refusalOfCustomerCancel({ status, refunds: [], paymentClaimedAt: null })).toBeNull();
    expect(decideTransition({ status, version: 3, checkoutId: 'c1', paymentClaimedAt: null, refunds: [] }, cancel)).toEqual({ kind: 'apply', from: status, to: 'CANCELLED' });
  });

  it.each<[string, { status: OrderStatus; refunds: readonly unknown[]; paymentClaimedAt?: Date | null }, string]>([
    ['a shipped order', { status: 'FULFILLED', refunds: [] }, 'SHIPPED'],
    ['a shipped order with a refund', { status: 'FULFILLED', refunds: [refund] }, 'SHIPPED'],
    ['a refunded order', { status: 'REFUNDED', refunds: [refund] }, 'REFUNDED'],
    ['a confirmed order with a partial refund', { status: 'CONFIRMED', refunds: [refund] }, 'PARTLY_REFUNDED'],
    ['an order whose checkout is completing the payment', { status: 'AWAITING_PAYMENT', refunds: [], paymentClaimedAt: claimedAt }, 'PAYMENT_IN_PROGRESS'],
  ])('is refused for %s with 409 NOT_CANCELLABLE saying why', (_name, order, why) => {
    const expected = { code: 'NOT_CANCELLABLE', message: expect.any(String), details: { status: order.status, why } };
    expect(refusalOfCustomerCancel(order)).toEqual(expected);
    expect(decideTransition({ version: 4, checkoutId: 'c1', ...order }, cancel)).toEqual({ kind: 'refused', error: expected });
  });

  it('says what to do in plain words', () => {
    expect(refusalOfCustomerCancel({ status: 'FULFILLED', refunds: [] })?.message).toMatch(/shipped.*return/);
    expect(refusalOfCustomerCancel({ status: 'AWAITING_PAYMENT', refunds: [], paymentClaimedAt: claimedAt })?.message).toMatch(/try again in a moment/);
  });

  it('answers an order cancelled already unchanged (a retried cancel), whoever cancelled it', () => {
    expect(decideTransition({ status: 'CANCELLED', version: 3, refunds: [] }, cancel)).toEqual({ kind: 'unchanged' });
  });

  it('is refused for a stale expectedVersion with CONFLICT, like an admin cancel', () => {
    expect(decideTransition({ status: 'CONFIRMED', version: 3, refunds: [] }, { ...cancel, expectedVersion: 2 })).toMatchObject({ kind: 'refused', error: { code: 'CONFLICT', details: { expected: 2, actual: 3 } } });
  });

  it("leaves others' changes to the state machine alone: an admin may still cancel a partly refunded confirmed order", () => {
    expect(decideTransition({ status: 'CONFIRMED', version: 5, refunds: [refund] }, { to: 'CANCELLED', reason: 'the customer phoned' })).toEqual({ kind: 'apply', from: 'CONFIRMED', to: 'CANCELLED' });
  });
});
