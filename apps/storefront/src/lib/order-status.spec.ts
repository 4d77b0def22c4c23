import { describe, expect, it } from 'vitest';
import { CUSTOMER_CANCEL_REASON, type Order, type OrderStatus } from '@shop/contracts';
import { cancelPaymentText, cancelledBeforeCharge, cartAwaitsClearing, describeCancelReason, isPaymentRefusal, isSettled, retryLink } from './order-status';

const change = (to: Order['status']) => ({ from: null, to, reason: null, actor: 'checkout', at: '2026-12-05T12:00:00.000Z' });
const line = (sku: string, quantity: number) => ({ sku, quantity });

describe('order status', () => {
  it('waits only while the checkout has not settled', () => {
    expect(isSettled('PENDING')).toBe(false);
    expect(isSettled('AWAITING_PAYMENT')).toBe(false);
    expect(isSettled('CONFIRMED')).toBe(true);
    expect(isSettled('CANCELLED')).toBe(true);
  });

  it('explains saga reason codes and keeps an admin’s words', () => {
    expect(describeCancelReason('PAYMENT_DECLINED')).toBe('Your card was declined. No money was taken.');
    expect(describeCancelReason('Customer phoned to cancel')).toBe('Customer phoned to cancel');
    expect(describeCancelReason(CUSTOMER_CANCEL_REASON)).toBe('Cancelled at your request.');
    expect(describeCancelReason(null)).toBeNull();
  });

  it('counts only a cancel before confirmation charged', () => {
    expect(cancelledBeforeCharge({ status: 'CANCELLED', history: [change('PENDING'), change('AWAITING_PAYMENT'), change('CANCELLED')] })).toBe(true);
    expect(cancelledBeforeCharge({ status: 'CANCELLED', history: [change('PENDING'), change('CONFIRMED'), change('CANCELLED')] })).toBe(false);
    expect(cancelledBeforeCharge({ status: 'AWAITING_PAYMENT', history: [change('PENDING'), change('AWAITING_PAYMENT')] })).toBe(false);
  });

  it('waits for the cart to give up what a confirmed order bought', () => {
    const order = { status: 'CONFIRMED' as const, lines: [line('TEE-1', 2), line('MUG-1', 1)] };
    expect(cartAwaitsClearing(order, { lines: [line('TEE-1', 2), line('MUG-1', 1)] })).toBe(true);
    // Taken out (what the shopper added meanwhile stays), emptied, or no cart at all: nothing to wait for.
    expect(cartAwaitsClearing(order, { lines: [line('TEE-1', 1)] })).toBe(false);
    expect(cartAwaitsClearing(order, { lines: [] })).toBe(false);
    expect(cartAwaitsClearing(order, null)).toBe(false);
    // Not confirmed (waiting, or declined: the cart keeps its lines), nothing will be taken out.
    expect(cartAwaitsClearing({ ...order, status: 'CANCELLED' }, { lines: [line('TEE-1', 2), line('MUG-1', 1)] })).toBe(false);
  });
});

describe('after a refused payment', () => {
  it('knows a refused payment from other cancellations', () => {
    expect(isPaymentRefusal('PAYMENT_DECLINED')).toBe(true);
    expect(isPaymentRefusal('PAYMENT_FAILED')).toBe(true);
    expect(isPaymentRefusal('CANCELLED_BY_ADMIN')).toBe(false);
    expect(isPaymentRefusal(null)).toBe(false);
  });

  it('sends the shopper back to the sale of a Buy now, else to the cart, and never elsewhere', () => {
    const sale = '/sales/0b7f6c9e-3a1d-4c2b-9e8f-1a2b3c4d5e6f';
    expect(retryLink(sale)).toEqual({ href: sale, label: 'Back to the sale' });
    expect(retryLink(undefined)).toEqual({ href: '/cart', label: 'Back to your cart' });
    for (const bad of ['https://evil.example/', '//evil.example/sales/x', '/sales/../account', `${sale}?x=1`, ['/sales/a', '/sales/b']]) {
      expect(retryLink(bad)).toEqual({ href: '/cart', label: 'Back to your cart' });
    }
  });
});

describe('cancelPaymentText', () => {
  const change = (from: OrderStatus | null, to: OrderStatus) => ({ from, to, reason: null, actor: 'checkout', at: '2026-12-07T10:00:00.000Z' });
  const order = { status: 'CANCELLED' as const, total: 58316, currency: 'EUR', refunds: [] as Order['refunds'] };
  const history = [change(null, 'PENDING'), change('PENDING', 'CONFIRMED'), change('CONFIRMED', 'CANCELLED')];

  it('says a captured payment of a confirmed order is refunded, what is left of it after earlier refunds', () => {
    expect(cancelPaymentText({ ...order, history }, 'captured')).toBe('The €583.16 you paid is being refunded to the card you paid with.');
    expect(cancelPaymentText({ ...order, history, refunds: [{ amount: 8316 }] as Order['refunds'] }, 'captured')).toBe('The €500.00 you paid is being refunded to the card you paid with.');
    expect(cancelPaymentText({ ...order, history, refunds: [{ amount: 58316 }] as Order['refunds'] }, 'captured')).toBeNull();
  });

  it('says a payment only held (authorised, not captured: payments voids it) was never charged, and its hold is released', () => {
    const text = cancelPaymentText({ ...order, history }, 'authorised');
    expect(text).toBe('Nothing was charged: the €583.16 held on your card is released. Your bank may take a few days to remove the hold.');
    expect(text).not.toMatch(/refund/i);
    expect(cancelPaymentText({ ...order, history }, 'none')).toBe('Nothing was charged.');
  });

  it('says both when the checkout could not be read (a guest’s order)', () => {
    expect(cancelPaymentText({ ...order, history }, 'unknown')).toBe(
      'If your card was charged, the €583.16 is being refunded to it; if the payment was only held, the hold is released.',
    );
  });

  it('says nothing of an order cancelled before it was paid, whatever the checkout says', () => {
    for (const payment of ['captured', 'authorised', 'none', 'unknown'] as const) {
      expect(cancelPaymentText({ ...order, history: [change(null, 'PENDING'), change('PENDING', 'CANCELLED')] }, payment)).toBeNull();
    }
  });
});
