import { describe, expect, it } from 'vitest';
import { OrderStatus } from '@shop/contracts';
import { failsAtPivot, refusalAtPivot, refusalOfClaim } from './pivot-guard.js';
import { afterInvoke } from './saga-state-machine.js';

describe('the check before the pivot', () => {
  it('lets an order that awaits its payment through', () => {
    expect(refusalAtPivot({ status: 'AWAITING_PAYMENT', cancelReason: null })).toBeNull();
  });

  it('refuses an order an admin cancelled meanwhile, naming the status and the reason', () => {
    expect(refusalAtPivot({ status: 'CANCELLED', cancelReason: 'the customer phoned' })).toEqual({
      code: 'ORDER_NOT_PAYABLE',
      reason: 'the order is CANCELLED (the customer phoned), no longer awaiting its payment',
    });
  });

  it('refuses every other status: the saga confirms only an order that awaits its payment', () => {
    for (const status of OrderStatus.options.filter((s) => s !== 'AWAITING_PAYMENT')) {
      expect(refusalAtPivot({ status, cancelReason: null })?.code, status).toBe('ORDER_NOT_PAYABLE');
    }
  });

  it('as the pivot step\'s failure, undoes everything before it, newest first, and ends cancelled (never dead)', () => {
    const failure = refusalAtPivot({ status: 'CANCELLED', cancelReason: 'x' })!;
    const t = afterInvoke({ state: 'running', step: 'commit_stock', deadFrom: null }, 'commit_stock', { kind: 'failed', failure, effect: 'none' });
    expect(t.to).toEqual({ state: 'compensating', step: 'authorize_payment', deadFrom: null });
    expect(t.failure).toEqual(failure);
    expect(t.steps).toEqual([
      { step: 'commit_stock', status: 'failed' },
      { step: 'authorize_payment', status: 'compensating' },
    ]);
  });
});

describe('the payment claim at the pivot', () => {
  const notPayable = (details: unknown) => ({ kind: 'refused' as const, code: 'ORDER_NOT_PAYABLE', message: 'the order is CANCELLED (x), no longer awaiting its payment', details });

  it('goes on when orders granted the claim (or this checkout held it already)', () => {
    expect(refusalOfClaim({ kind: 'ok' })).toBeNull();
  });

  it('fails before the pivot when an admin cancelled first, with the status and the reason orders gave', () => {
    expect(refusalOfClaim(notPayable({ status: 'CANCELLED', cancelReason: 'the customer phoned' }))).toEqual({
      code: 'ORDER_NOT_PAYABLE',
      reason: 'the order is CANCELLED (the customer phoned), no longer awaiting its payment',
    });
  });

  it('still fails with orders\' message when the details are not the expected shape', () => {
    expect(refusalOfClaim(notPayable(undefined))).toEqual({ code: 'ORDER_NOT_PAYABLE', reason: 'the order is CANCELLED (x), no longer awaiting its payment' });
  });

  it('throws any other refusal (a bug: retried, then an operator\'s), never takes it for a business failure', () => {
    expect(() => refusalOfClaim({ kind: 'refused', code: 'CONFLICT', message: 'the order belongs to checkout a, not b', details: {} })).toThrow(/CONFLICT/);
    expect(() => refusalOfClaim({ kind: 'refused', code: 'NOT_FOUND', message: 'order x not found', details: undefined })).toThrow(/NOT_FOUND/);
  });
});

describe('a refused claim on a retried pivot (retry after commit)', () => {
  const refusal = { code: 'ORDER_NOT_PAYABLE' as const, reason: 'the order is CANCELLED, no longer awaiting its payment' };

  it('goes on when an earlier attempt committed the reservation: the sale is made, the stock cannot be given back', () => {
    expect(failsAtPivot(refusal, { retry: true, reservationCommitted: true })).toBeNull();
  });

  it('fails when the reservation is not committed, or on a first attempt whatever inventory says', () => {
    expect(failsAtPivot(refusal, { retry: true, reservationCommitted: false })).toEqual(refusal);
    expect(failsAtPivot(refusal, { retry: false, reservationCommitted: true })).toEqual(refusal);
  });

  it('goes on without a refusal', () => {
    expect(failsAtPivot(null, { retry: true, reservationCommitted: false })).toBeNull();
  });
});
