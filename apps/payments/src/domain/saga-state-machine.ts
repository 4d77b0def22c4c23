import { FailureCode, type CheckoutState, type CheckoutStepName, type CheckoutStepStatus } from '@shop/contracts';
import {
  compensationPlan,
  definitionOf,
  isBeforePivot,
  isPastPivot,
  nextCompensation,
  nextStep,
  type FailureEffect,
  type SagaFailure,
} from './checkout-saga.js';
import type { StepOutcome } from '@shop/saga';
import { compensationIsNoOp, invokeIsNoOp, type NoOpFacts } from './no-op-steps.js';

/**
 * The saga's state machine: from the stored position alone it decides what runs next, and from a
 * step's result where the saga goes. Pure; the runner (src/saga) persists every transition before
 * it acts on it, so a process killed at any point resumes from the stored position.
 */
export interface SagaPosition {
  state: CheckoutState;
  /** The step in progress: to invoke (preparing, running) or to compensate (compensating); the dead step (dead). */
  step: CheckoutStepName | null;
  /** The state a dead saga died in. */
  deadFrom: CheckoutState | null;
}

export type SagaAction =
  | { kind: 'invoke'; step: CheckoutStepName }
  | { kind: 'compensate'; step: CheckoutStepName }
  /** Dead: nothing runs until an admin retries or cancels. */
  | { kind: 'wait' }
  | { kind: 'finished' };

/** What a step's invoke or compensate reported (transient errors are not results: they are retried). */
export type StepResult = StepOutcome<SagaFailure>;

export interface StepRecord {
  step: CheckoutStepName;
  status: CheckoutStepStatus;
}

/** A change of position, with the step records it writes and the failure it records (if any). */
export interface Transition {
  to: SagaPosition;
  failure?: SagaFailure;
  steps: StepRecord[];
}

export type Refusal = { refused: true; reason: string };

const IN_PROGRESS: ReadonlySet<CheckoutState> = new Set(['preparing', 'running', 'compensating']);

export function isInProgress(state: CheckoutState): boolean {
  return IN_PROGRESS.has(state);
}

export function isSettled(state: CheckoutState): boolean {
  return state === 'completed' || state === 'cancelled' || state === 'rejected';
}

export function nextAction(p: SagaPosition): SagaAction {
  switch (p.state) {
    case 'preparing':
    case 'running':
      return p.step ? { kind: 'invoke', step: p.step } : { kind: 'finished' };
    case 'compensating':
      return p.step ? { kind: 'compensate', step: p.step } : { kind: 'finished' };
    case 'dead':
      return { kind: 'wait' };
    default:
      return { kind: 'finished' };
  }
}

/** The position of a new checkout. */
export function initialPosition(): SagaPosition {
  return { state: 'preparing', step: 'quote', deadFrom: null };
}

/** Where a forward step's result leads. */
export function afterInvoke(p: SagaPosition, step: CheckoutStepName, result: StepResult): Transition {
  if (result.kind === 'succeeded') {
    const next = nextStep(step);
    if (!next) return { to: { state: 'completed', step: null, deadFrom: null }, steps: [{ step, status: 'succeeded' }] };
    const state: CheckoutState = p.state === 'preparing' && definitionOf(next).runs === 'job' ? 'running' : p.state;
    return {
      to: { state, step: next, deadFrom: null },
      steps: [
        { step, status: 'succeeded' },
        { step: next, status: 'running' },
      ],
    };
  }
  // Past the point of no return nothing is undone: a refusal there needs a human.
  if (isPastPivot(step)) {
    return { to: { state: 'dead', step, deadFrom: p.state }, failure: result.failure, steps: [{ step, status: 'failed' }] };
  }
  return compensateFrom(step, result.effect, result.failure);
}

/** Where a compensation's success leads: the next older compensation, or cancelled. */
export function afterCompensate(step: CheckoutStepName): Transition {
  const next = nextCompensation(step);
  if (!next) return { to: { state: 'cancelled', step: null, deadFrom: null }, steps: [{ step, status: 'compensated' }] };
  return {
    to: { state: 'compensating', step: next, deadFrom: null },
    steps: [
      { step, status: 'compensated' },
      { step: next, status: 'compensating' },
    ],
  };
}

/** A step (or compensation) exhausted its retries: the saga waits in the dead-letter queue. */
export function onExhausted(p: SagaPosition): Transition {
  if (!p.step || !isInProgress(p.state)) throw new Error(`a ${p.state} saga has no step to give up on`);
  return { to: { state: 'dead', step: p.step, deadFrom: p.state }, steps: [{ step: p.step, status: 'failed' }] };
}

/** An admin's retry: the dead step runs again (with fresh attempts) in the state it died in. */
export function retryDead(p: SagaPosition): Transition | Refusal {
  if (p.state !== 'dead' || !p.step || !p.deadFrom) return { refused: true, reason: `only a dead checkout can be retried (this one is ${p.state})` };
  const status = p.deadFrom === 'compensating' ? 'compensating' : 'running';
  return { to: { state: p.deadFrom, step: p.step, deadFrom: null }, steps: [{ step: p.step, status }] };
}

/**
 * An admin gives up on a checkout that has not reached the point of no return: its completed
 * steps are compensated, and the step it is at too (it may have had an effect).
 */
export function cancelByAdmin(p: SagaPosition): Transition | Refusal {
  const state = p.state === 'dead' ? p.deadFrom : p.state;
  if (!p.step || (state !== 'running' && state !== 'preparing')) {
    return { refused: true, reason: `a ${p.state} checkout cannot be cancelled` };
  }
  if (!isBeforePivot(p.step)) return { refused: true, reason: `the checkout is past the point of no return (${p.step})` };
  return compensateFrom(p.step, 'unknown', { code: FailureCode.CANCELLED_BY_ADMIN, reason: 'cancelled by an admin' });
}

/**
 * A checkout left preparing (its request died or the client gave up after a 503): undone, since
 * the customer was never told it was accepted.
 */
export function abandon(p: SagaPosition): Transition | Refusal {
  if (p.state !== 'preparing' || !p.step) return { refused: true, reason: `a ${p.state} checkout is not abandoned` };
  return compensateFrom(p.step, 'unknown', { code: FailureCode.CHECKOUT_ABANDONED, reason: 'the checkout request did not finish' });
}

function compensateFrom(step: CheckoutStepName, effect: FailureEffect, failure: SagaFailure): Transition {
  const plan = compensationPlan(step, effect);
  const first = plan[0];
  // Nothing to undo: no order was created, so the checkout is refused rather than cancelled.
  if (!first) return { to: { state: 'rejected', step: null, deadFrom: null }, failure, steps: [{ step, status: 'failed' }] };
  const steps: StepRecord[] = first.name === step ? [] : [{ step, status: 'failed' }];
  steps.push({ step: first.name, status: 'compensating' });
  return { to: { state: 'compensating', step: first.name, deadFrom: null }, failure, steps };
}

/**
 * Folds the steps that have nothing to do for this checkout into `t`: while `t` leads to such a
 * step, that step is recorded as succeeded (or compensated) by the same transition and the saga
 * moves on to the one after it — one statement instead of one more per no-op step.
 */
export function foldNoOps(t: Transition, facts: NoOpFacts): Transition {
  let folded = t;
  for (;;) {
    const next = nextAction(folded.to);
    let more: Transition | null = null;
    if (next.kind === 'invoke' && invokeIsNoOp(next.step, facts)) more = afterInvoke(folded.to, next.step, { kind: 'succeeded' });
    else if (next.kind === 'compensate' && compensationIsNoOp(next.step, facts)) more = afterCompensate(next.step);
    if (!more) return folded;
    const failure = folded.failure ?? more.failure;
    folded = { to: more.to, ...(failure ? { failure } : {}), steps: mergeByStep(folded.steps, more.steps) };
  }
}

/**
 * One record per step (a statement may write a step once): a later record of a step already
 * there takes its place, combined with it by `combine` (by default the later one replaces it).
 */
export function mergeByStep<T extends { step: CheckoutStepName }>(earlier: readonly T[], later: readonly T[], combine: (earlier: T, later: T) => T = (_, l) => l): T[] {
  const merged = [...earlier];
  for (const record of later) {
    const i = merged.findIndex((r) => r.step === record.step);
    if (i >= 0) merged[i] = combine(merged[i]!, record);
    else merged.push(record);
  }
  return merged;
}

export function isRefusal<T extends object>(value: T | Refusal): value is Refusal {
  return 'refused' in value;
}
