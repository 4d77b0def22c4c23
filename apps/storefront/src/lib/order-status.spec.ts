import { describe, expect, it } from 'vitest';
import { describeCancelReason, isSettled } from './order-status';

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
    expect(describeCancelReason(null)).toBeNull();
  });
});
