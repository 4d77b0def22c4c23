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

  it('says before the cancel what happens to the money: refunded once captured, the hold released while only authorised', () => {
    const confirmed = { status: 'CONFIRMED' as const, total: 7897, currency: 'EUR' };
    expect(cancelMoneyText(confirmed, 'captured')).toBe('The €78.97 you paid will be refunded to the card you paid with.');
    expect(cancelMoneyText(confirmed, 'authorised')).toBe('Nothing has been charged yet: the €78.97 held on your card for this order is released.');
    expect(cancelMoneyText(confirmed, 'unknown')).toBe('If your card has been charged, the €78.97 will be refunded to it; if the payment is only held, the hold is released.');
    expect(cancelMoneyText(confirmed, 'none')).toBe('Nothing has been charged yet; any hold on your card for this order is released.');
    // Not confirmed yet: never charged, whatever the checkout says.
    expect(cancelMoneyText({ ...confirmed, status: 'AWAITING_PAYMENT' }, 'authorised')).toBe('Nothing has been charged yet; any hold on your card for this order is released.');
  });

  it('says after the cancel what happened to the money, by how far the payment had gone', () => {
    const paid = { status: 'CANCELLED' as const, total: 7897, currency: 'EUR', refunds: [], history: [change(null, 'PENDING'), change('PENDING', 'CONFIRMED'), change('CONFIRMED', 'CANCELLED')] };
    expect(cancelledText(paid, 'captured')).toBe('Your order is cancelled. The €78.97 you paid is being refunded to the card you paid with.');
    expect(cancelledText(paid, 'authorised')).toBe('Your order is cancelled. Nothing was charged: the €78.97 held on your card is released. Your bank may take a few days to remove the hold.');
    const unpaid = { ...paid, history: [change(null, 'PENDING'), change('PENDING', 'AWAITING_PAYMENT'), change('AWAITING_PAYMENT', 'CANCELLED')] };
    expect(cancelledText(unpaid, 'none')).toBe('Your order is cancelled. Nothing was charged; if your bank shows a pending payment for it, that hold is released.');
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
