import { describe, expect, it } from 'vitest';
import { orderActionsFor, statusLabel, actorLabel, adminIdsOf } from './order-actions';

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

describe('who acted', () => {
  it('names an admin by their email, and leaves other actors as recorded', () => {
    const emails = new Map([['7c1e2d3f-0000-4000-8000-000000000001', 'ops@example.com']]);
    expect(adminIdsOf(['checkout', 'admin:7c1e2d3f-0000-4000-8000-000000000001', 'admin:7c1e2d3f-0000-4000-8000-000000000001'])).toEqual(['7c1e2d3f-0000-4000-8000-000000000001']);
    expect(actorLabel('admin:7c1e2d3f-0000-4000-8000-000000000001', emails)).toBe('admin ops@example.com');
    expect(actorLabel('admin:0b0b0b0b-0000-4000-8000-000000000002', emails)).toBe('an admin');
    expect(actorLabel('checkout', emails)).toBe('checkout');
    expect(actorLabel('customer:7c1e2d3f-0000-4000-8000-000000000009', emails)).toBe('the customer');
  });
});
