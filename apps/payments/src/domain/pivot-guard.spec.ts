import { describe, expect, it } from 'vitest';
import { OrderStatus } from '@shop/contracts';
import { refusalAtPivot } from './pivot-guard.js';
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
