import { describe, expect, it } from 'vitest';
import { orderActionsFor, statusLabel } from './order-actions';

describe('order actions offered in the console', () => {
  it('offers what the state machine can do from each status, and nothing once final', () => {
    expect(orderActionsFor('PENDING')).toEqual(['cancel']);
    expect(orderActionsFor('CONFIRMED')).toEqual(['fulfil', 'refund', 'cancel']);
    expect(orderActionsFor('FULFILLED')).toEqual(['refund']);
    expect(orderActionsFor('REFUNDED')).toEqual([]);
    expect(orderActionsFor('CANCELLED')).toEqual([]);
  });

  it('offers no cancel while the checkout completes the payment of an order awaiting it (orders would refuse it)', () => {
    expect(orderActionsFor('AWAITING_PAYMENT')).toEqual(['cancel']);
    expect(orderActionsFor('AWAITING_PAYMENT', true)).toEqual([]);
    expect(orderActionsFor('CONFIRMED', true)).toEqual(['fulfil', 'refund', 'cancel']);
  });

  it('labels statuses for people', () => {
    expect(statusLabel('AWAITING_PAYMENT')).toBe('Awaiting payment');
    expect(statusLabel('dead')).toBe('Dead');
  });
});
