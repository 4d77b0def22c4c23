import { describe, expect, it } from 'vitest';
import type { CheckoutStepName } from '@shop/contracts';
import { CHECKOUT_SAGA, compensationPlan, type FailureEffect } from './checkout-saga.js';
import {
  abandon,
  afterCompensate,
  afterInvoke,
  cancelByAdmin,
  initialPosition,
  isRefusal,
  nextAction,
  onExhausted,
  retryDead,
  type SagaPosition,
  type Transition,
} from './saga-state-machine.js';

const failure = { code: 'PAYMENT_DECLINED' as const, reason: 'declined' };

/** Drives the saga with every step succeeding until `failAt` fails; returns what ran and where it ended. */
function drive(failAt: CheckoutStepName | null, effect: FailureEffect = 'none') {
  let p: SagaPosition = initialPosition();
  const invoked: string[] = [];
  const compensated: string[] = [];
  for (let guard = 0; guard < 50; guard++) {
    const action = nextAction(p);
    if (action.kind === 'finished' || action.kind === 'wait') break;
    let t: Transition;
    if (action.kind === 'invoke') {
      invoked.push(action.step);
      t = afterInvoke(p, action.step, action.step === failAt ? { kind: 'failed', failure, effect } : { kind: 'succeeded' });
    } else {
      compensated.push(action.step);
      t = afterCompensate(action.step);
    }
    p = t.to;
  }
  return { invoked, compensated, end: p };
}

describe('checkout saga decisions', () => {
  it('runs every step in order and completes', () => {
    const run = drive(null);
    expect(run.invoked).toEqual(CHECKOUT_SAGA.map((s) => s.name));
    expect(run.compensated).toEqual([]);
    expect(run.end).toEqual({ state: 'completed', step: null, deadFrom: null });
  });

  // Every failure point, and which compensations run (newest first).
  const table: Array<[CheckoutStepName, FailureEffect, string[], string]> = [
    ['quote', 'none', [], 'rejected'],
    // A coupon that ran out (409) held nothing: refused before any order. An unknown outcome releases the hold.
    ['hold_coupon', 'none', [], 'rejected'],
    ['hold_coupon', 'unknown', ['hold_coupon'], 'cancelled'],
    ['create_order', 'none', ['hold_coupon'], 'cancelled'],
    ['create_order', 'unknown', ['create_order', 'hold_coupon'], 'cancelled'],
    ['reserve_stock', 'none', ['create_order', 'hold_coupon'], 'cancelled'],
    ['reserve_stock', 'unknown', ['reserve_stock', 'create_order', 'hold_coupon'], 'cancelled'],
    ['await_payment', 'none', ['reserve_stock', 'create_order', 'hold_coupon'], 'cancelled'],
    ['await_payment', 'unknown', ['reserve_stock', 'create_order', 'hold_coupon'], 'cancelled'],
    ['authorize_payment', 'none', ['reserve_stock', 'create_order', 'hold_coupon'], 'cancelled'],
    ['authorize_payment', 'unknown', ['authorize_payment', 'reserve_stock', 'create_order', 'hold_coupon'], 'cancelled'],
    ['commit_stock', 'none', ['authorize_payment', 'reserve_stock', 'create_order', 'hold_coupon'], 'cancelled'],
    // Past the pivot nothing is undone: a coupon hold that cannot be consumed waits for an admin.
    ['consume_coupon', 'none', [], 'dead'],
    ['confirm_order', 'none', [], 'dead'],
    ['capture_payment', 'none', [], 'dead'],
  ];
  it.each(table)('a failure at %s (effect %s) compensates %j and ends %s', (step, effect, compensations, end) => {
    const run = drive(step, effect);
    expect(run.invoked.at(-1)).toBe(step);
    expect(run.compensated).toEqual(compensations);
    expect(run.end.state).toBe(end);
    expect(compensationPlan(step, effect).map((s) => s.name)).toEqual(end === 'dead' ? [] : compensations);
  });

  it('records the first failure and marks the failed step', () => {
    const p: SagaPosition = { state: 'running', step: 'authorize_payment', deadFrom: null };
    const t = afterInvoke(p, 'authorize_payment', { kind: 'failed', failure, effect: 'none' });
    expect(t.failure).toEqual(failure);
    expect(t.steps).toEqual([
      { step: 'authorize_payment', status: 'failed' },
      { step: 'reserve_stock', status: 'compensating' },
    ]);
  });

  it('leaves preparing for running when the first job step comes up', () => {
    const t = afterInvoke({ state: 'preparing', step: 'create_order', deadFrom: null }, 'create_order', { kind: 'succeeded' });
    expect(t.to).toEqual({ state: 'running', step: 'reserve_stock', deadFrom: null });
    const q = afterInvoke(initialPosition(), 'quote', { kind: 'succeeded' });
    expect(q.to).toEqual({ state: 'preparing', step: 'hold_coupon', deadFrom: null });
    const h = afterInvoke(q.to, 'hold_coupon', { kind: 'succeeded' });
    expect(h.to).toEqual({ state: 'preparing', step: 'create_order', deadFrom: null });
  });

  it('a step that exhausts its retries goes dead, and an admin retry resumes it where it died', () => {
    const running: SagaPosition = { state: 'running', step: 'capture_payment', deadFrom: null };
    const dead = onExhausted(running).to;
    expect(dead).toEqual({ state: 'dead', step: 'capture_payment', deadFrom: 'running' });
    expect(nextAction(dead)).toEqual({ kind: 'wait' });
    const retried = retryDead(dead);
    expect(isRefusal(retried) ? retried : retried.to).toEqual(running);

    const compensating: SagaPosition = { state: 'compensating', step: 'reserve_stock', deadFrom: null };
    const back = retryDead(onExhausted(compensating).to);
    expect(isRefusal(back) ? back : nextAction(back.to)).toEqual({ kind: 'compensate', step: 'reserve_stock' });
    expect(isRefusal(retryDead(running))).toBe(true);
  });

  it('an admin may cancel before the point of no return, compensating the current step too', () => {
    const t = cancelByAdmin({ state: 'dead', step: 'authorize_payment', deadFrom: 'running' });
    expect(isRefusal(t)).toBe(false);
    if (isRefusal(t)) return;
    expect(t.to).toEqual({ state: 'compensating', step: 'authorize_payment', deadFrom: null });
    expect(t.failure?.code).toBe('CANCELLED_BY_ADMIN');
    for (const step of ['commit_stock', 'consume_coupon', 'confirm_order', 'capture_payment'] as const) {
      expect(isRefusal(cancelByAdmin({ state: 'dead', step, deadFrom: 'running' })), step).toBe(true);
    }
    expect(isRefusal(cancelByAdmin({ state: 'dead', step: 'create_order', deadFrom: 'compensating' }))).toBe(true);
    expect(isRefusal(cancelByAdmin({ state: 'completed', step: null, deadFrom: null }))).toBe(true);
  });

  it('an abandoned checkout is undone from the step its request reached', () => {
    const atQuote = abandon({ state: 'preparing', step: 'quote', deadFrom: null });
    expect(!isRefusal(atQuote) && atQuote.to.state).toBe('rejected');
    // A request that died while holding a coupon use gives the use back.
    const atCoupon = abandon({ state: 'preparing', step: 'hold_coupon', deadFrom: null });
    expect(!isRefusal(atCoupon) && atCoupon.to).toEqual({ state: 'compensating', step: 'hold_coupon', deadFrom: null });
    const atOrder = abandon({ state: 'preparing', step: 'create_order', deadFrom: null });
    expect(!isRefusal(atOrder) && atOrder.to).toEqual({ state: 'compensating', step: 'create_order', deadFrom: null });
    expect(!isRefusal(atOrder) && atOrder.failure?.code).toBe('CHECKOUT_ABANDONED');
    expect(isRefusal(abandon({ state: 'running', step: 'reserve_stock', deadFrom: null }))).toBe(true);
  });
});
