import { describe, expect, it } from 'vitest';
import type { CheckoutQuote } from '@shop/contracts';
import type { CheckoutChange, CheckoutRecord } from './checkout.js';
import { afterInvoke, type SagaPosition } from './saga-state-machine.js';
import { afterChange, mergeChanges, writeCanWait } from './unwritten-changes.js';

const running = (step: SagaPosition['step']): SagaPosition => ({ state: 'running', step, deadFrom: null });
const ok = { kind: 'succeeded' } as const;
const refused = { kind: 'failed', failure: { code: 'ORDER_NOT_CONFIRMABLE', reason: 'cancelled' }, effect: 'none' } as const;

const change = (over: Partial<CheckoutChange>): CheckoutChange => ({ state: 'running', currentStep: null, deadFrom: null, attemptsDelta: 0, steps: [], ...over });

const record = (over: Partial<CheckoutRecord> = {}): CheckoutRecord =>
  ({ id: 'c1', state: 'running', currentStep: 'commit_stock', deadFrom: null, attempts: 5, stepAttempts: 1, version: 7, quote: null, orderId: 'o1', paymentId: 'p1', ...over }) as CheckoutRecord;

describe('which transitions may wait for a later write', () => {
  it('from the pivot on, while the saga runs forward', () => {
    expect(writeCanWait('commit_stock', afterInvoke(running('commit_stock'), 'commit_stock', ok))).toBe(true);
    expect(writeCanWait('confirm_order', afterInvoke(running('confirm_order'), 'confirm_order', ok))).toBe(true);
    expect(writeCanWait('capture_payment', afterInvoke(running('capture_payment'), 'capture_payment', ok))).toBe(true);
  });

  it('never before the pivot: what compensation undoes is decided from the stored step', () => {
    expect(writeCanWait('authorize_payment', afterInvoke(running('authorize_payment'), 'authorize_payment', ok))).toBe(false);
    expect(writeCanWait('reserve_stock', afterInvoke(running('reserve_stock'), 'reserve_stock', ok))).toBe(false);
  });

  it('never when the saga settles, dies or turns to compensation', () => {
    expect(writeCanWait('clear_cart', afterInvoke(running('clear_cart'), 'clear_cart', ok))).toBe(false); // completed
    expect(writeCanWait('confirm_order', afterInvoke(running('confirm_order'), 'confirm_order', refused))).toBe(false); // dead
    expect(writeCanWait('commit_stock', afterInvoke(running('commit_stock'), 'commit_stock', refused))).toBe(false); // compensating
  });
});

describe('changes merged into one write', () => {
  it('keeps the later position and step status, adds up the attempts, keeps the first value of a fact', () => {
    const first = change({
      currentStep: 'confirm_order',
      attemptsDelta: 1,
      patch: { orderStatus: 'AWAITING_PAYMENT' },
      steps: [
        { step: 'commit_stock', status: 'succeeded', attemptsDelta: 0, lastError: null },
        { step: 'confirm_order', status: 'running', attemptsDelta: 1, lastError: null },
      ],
    });
    const payment = { id: 'p1', provider: 'sim', providerRef: 'ch_1', authorizationKey: 'k', status: 'captured' as const, amount: 100, currency: 'EUR', declineCode: null };
    const second = change({
      currentStep: 'capture_payment',
      attemptsDelta: 1,
      patch: { orderStatus: 'CONFIRMED', orderNumber: 'SO-1' },
      payment,
      steps: [
        { step: 'confirm_order', status: 'succeeded', attemptsDelta: 0, lastError: null },
        { step: 'capture_payment', status: 'running', attemptsDelta: 1, lastError: null },
      ],
    });
    expect(mergeChanges(first, second)).toEqual({
      state: 'running',
      currentStep: 'capture_payment',
      deadFrom: null,
      attemptsDelta: 2,
      patch: { orderStatus: 'AWAITING_PAYMENT', orderNumber: 'SO-1' },
      payment,
      steps: [
        { step: 'commit_stock', status: 'succeeded', attemptsDelta: 0, lastError: null },
        { step: 'confirm_order', status: 'succeeded', attemptsDelta: 1, lastError: null },
        { step: 'capture_payment', status: 'running', attemptsDelta: 1, lastError: null },
      ],
    });
  });

  it('carries a failure and a payment of either change', () => {
    const failure = { code: 'ORDER_NOT_CONFIRMABLE' as const, reason: 'cancelled' };
    expect(mergeChanges(change({}), change({ state: 'dead', failure })).failure).toEqual(failure);
    const payment = { id: 'p1', provider: 'sim', providerRef: null, authorizationKey: 'k', status: 'authorized' as const, amount: 1, currency: 'EUR', declineCode: null };
    expect(mergeChanges(change({ payment }), change({})).payment).toEqual(payment);
  });
});

describe('the checkout as the store would answer it after a change', () => {
  it('moves the position, starts the new step at its record’s attempts and keeps the stored version', () => {
    const next = afterChange(
      record(),
      change({ currentStep: 'confirm_order', attemptsDelta: 1, steps: [{ step: 'commit_stock', status: 'succeeded', attemptsDelta: 0 }, { step: 'confirm_order', status: 'running', attemptsDelta: 1 }] }),
    );
    expect(next).toMatchObject({ currentStep: 'confirm_order', attempts: 6, stepAttempts: 1, version: 7 });
  });

  it('adds to the attempts of a step that stays current', () => {
    expect(afterChange(record({ stepAttempts: 2 }), change({ currentStep: 'commit_stock', attemptsDelta: 1 })).stepAttempts).toBe(3);
  });

  it('never overwrites a fact already set, and records a failure', () => {
    const quote = { couponCode: null } as CheckoutQuote;
    const next = afterChange(
      record({ orderId: 'o1' }),
      change({ state: 'dead', currentStep: 'commit_stock', deadFrom: 'running', patch: { orderId: 'o2', quote }, failure: { code: 'ORDER_NOT_CONFIRMABLE', reason: 'x' } }),
    );
    expect(next).toMatchObject({ orderId: 'o1', quote, state: 'dead', deadFrom: 'running', failureCode: 'ORDER_NOT_CONFIRMABLE', failureReason: 'x', failureDetails: null });
  });
});

describe('the payment reference as the store keeps it', () => {
  const pay = { id: 'p1', provider: 'simulated', authorizationKey: 'k', status: 'captured', amount: 100, currency: 'EUR', declineCode: null } as const;

  it('a payment write brings its reference; a change without one keeps the checkout\'s', () => {
    expect(afterChange(record({ paymentRef: null }), change({ payment: { ...pay, providerRef: 'ch_1' } })).paymentRef).toBe('ch_1');
    expect(afterChange(record({ paymentRef: 'ch_1' }), change({})).paymentRef).toBe('ch_1');
    expect(afterChange(record({ paymentRef: 'ch_1' }), change({ payment: { ...pay, providerRef: null } })).paymentRef).toBe('ch_1');
  });
});
