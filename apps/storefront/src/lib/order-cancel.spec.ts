import { describe, expect, it } from 'vitest';
import type { Order } from '@shop/contracts';
import { cancelledText, cancelMoneyText, cancelRefusal, canCancelOrder } from './order-cancel';

const change = (from: Order['status'] | null, to: Order['status']) => ({ from, to, reason: null, actor: 'checkout', at: '2026-12-05T12:00:00.000Z' });
const refund = { id: 'r1', amount: 500, lines: [], reason: 'damaged', actor: 'admin', at: '2026-12-05T12:00:00.000Z' };

describe("a shopper's own cancel", () => {
  it('is offered before the order ships and before anything was refunded, not while the payment is being completed', () => {
    expect(canCancelOrder({ status: 'CONFIRMED', refunds: [] })).toBe(true);
    expect(canCancelOrder({ status: 'AWAITING_PAYMENT', refunds: [] })).toBe(true);
    expect(canCancelOrder({ status: 'AWAITING_PAYMENT', refunds: [], paymentClaimedAt: '2026-12-05T12:00:00.000Z' })).toBe(false);
    expect(canCancelOrder({ status: 'CONFIRMED', refunds: [refund] })).toBe(false);
    expect(canCancelOrder({ status: 'FULFILLED', refunds: [] })).toBe(false);
    expect(canCancelOrder({ status: 'CANCELLED', refunds: [] })).toBe(false);
    expect(canCancelOrder({ status: 'REFUNDED', refunds: [refund] })).toBe(false);
  });

  it('says what happens to the money before and after', () => {
    expect(cancelMoneyText({ status: 'CONFIRMED', total: 7897, currency: 'EUR' })).toBe('The €78.97 you paid will be refunded to the card you paid with.');
    expect(cancelMoneyText({ status: 'AWAITING_PAYMENT', total: 7897, currency: 'EUR' })).toMatch(/^Nothing has been charged yet/);
    const paid = { status: 'CANCELLED' as const, total: 7897, currency: 'EUR', refunds: [], history: [change(null, 'PENDING'), change('PENDING', 'CONFIRMED'), change('CONFIRMED', 'CANCELLED')] };
    expect(cancelledText(paid)).toBe('Your order is cancelled. The €78.97 you paid is being refunded to the card you paid with.');
    const unpaid = { ...paid, history: [change(null, 'PENDING'), change('PENDING', 'AWAITING_PAYMENT'), change('AWAITING_PAYMENT', 'CANCELLED')] };
    expect(cancelledText(unpaid)).toBe('Your order is cancelled. Nothing was charged; if your bank shows a pending payment for it, that hold is released.');
  });

  it('explains a refusal in plain words', () => {
    const refused = (why: string) => cancelRefusal(409, { error: { code: 'NOT_CANCELLABLE', message: 'x', details: { status: 'FULFILLED', why } } }).message;
    expect(refused('SHIPPED')).toMatch(/already shipped/);
    expect(refused('PARTLY_REFUNDED')).toMatch(/Part of this order was already refunded/);
    expect(refused('PAYMENT_IN_PROGRESS')).toMatch(/try again in a moment/);
    expect(refused('SOMETHING_NEW')).toBe('This order can no longer be cancelled online. Please contact us.');
    expect(cancelRefusal(409, { error: { code: 'CONFLICT', details: { expected: 3, actual: 4 } } }).message).toMatch(/changed while you were looking/);
    expect(cancelRefusal(401, { error: { code: 'UNAUTHORIZED' } }).message).toMatch(/sign in again/);
    expect(cancelRefusal(404, { error: { code: 'NOT_FOUND' } }).message).toMatch(/could not be found/);
    expect(cancelRefusal(400, { error: { code: 'VALIDATION_FAILED', details: [{ field: 'reason', reason: 'Too big: expected string to have <=500 characters' }] } })).toEqual({
      message: 'Please check the reason.',
      reason: 'Keep the reason under 500 characters.',
    });
    expect(cancelRefusal(503, null).message).toBe('The order could not be cancelled right now. Please try again in a moment.');
  });
});
