import { describe, expect, it } from 'vitest';
import type { CheckoutView, Order } from '@shop/contracts';
import { paymentStageMatters, paymentStageOf } from './order-payment';

type Step = CheckoutView['steps'][number];
const step = (name: Step['step'], status: Step['status']): Step => ({ step: name, status, attempts: 1, lastError: null, updatedAt: '2026-12-07T10:00:00.000Z' });
const ran = (...steps: Step[]) => ({ steps });

describe('paymentStageOf', () => {
  it('is captured once the checkout captured the payment', () => {
    expect(paymentStageOf(ran(step('authorize_payment', 'succeeded'), step('confirm_order', 'succeeded'), step('capture_payment', 'succeeded')))).toBe('captured');
  });

  it('is authorised while the order is confirmed but the capture has not happened (yet, or for good)', () => {
    expect(paymentStageOf(ran(step('authorize_payment', 'succeeded'), step('confirm_order', 'succeeded')))).toBe('authorised');
    expect(paymentStageOf(ran(step('authorize_payment', 'succeeded'), step('capture_payment', 'running')))).toBe('authorised');
    expect(paymentStageOf(ran(step('authorize_payment', 'succeeded'), step('capture_payment', 'failed')))).toBe('authorised');
  });

  it('is none when no authorisation stands, and unknown when the checkout could not be read', () => {
    expect(paymentStageOf(ran(step('reserve_stock', 'succeeded'), step('authorize_payment', 'failed')))).toBe('none');
    expect(paymentStageOf(ran(step('authorize_payment', 'compensated')))).toBe('none');
    expect(paymentStageOf(ran())).toBe('none');
    expect(paymentStageOf(null)).toBe('unknown');
  });
});

describe('paymentStageMatters', () => {
  const change = (from: Order['status'] | null, to: Order['status']) => ({ from, to, reason: null, actor: 'checkout', at: '2026-12-07T10:00:00.000Z' });
  const order = { total: 2500, refunds: [] };

  it('for a confirmed order (its cancel says what happens to the money) and one cancelled after it was confirmed', () => {
    expect(paymentStageMatters({ ...order, status: 'CONFIRMED', history: [change(null, 'PENDING'), change('PENDING', 'CONFIRMED')] })).toBe(true);
    expect(paymentStageMatters({ ...order, status: 'CANCELLED', history: [change(null, 'PENDING'), change('PENDING', 'CONFIRMED'), change('CONFIRMED', 'CANCELLED')] })).toBe(true);
  });

  it('not for an order awaiting payment, cancelled before it was paid, or shipped', () => {
    expect(paymentStageMatters({ ...order, status: 'AWAITING_PAYMENT', history: [change(null, 'PENDING'), change('PENDING', 'AWAITING_PAYMENT')] })).toBe(false);
    expect(paymentStageMatters({ ...order, status: 'CANCELLED', history: [change(null, 'PENDING'), change('PENDING', 'CANCELLED')] })).toBe(false);
    expect(paymentStageMatters({ ...order, status: 'FULFILLED', history: [change(null, 'PENDING'), change('PENDING', 'CONFIRMED'), change('CONFIRMED', 'FULFILLED')] })).toBe(false);
  });
});
