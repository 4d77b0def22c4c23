import type { CheckoutFailureCode, CheckoutStepName } from '@shop/contracts';
import type { FailureEffect } from '@shop/saga';

/**
 * The checkout saga, declared: its steps in order, each with the compensation that undoes it.
 * The I/O of each step (its `invoke` and `compensate`, side by side) lives in `src/saga/steps/`;
 * this file only says what runs when.
 *
 * Saga theory's three kinds of step:
 * - `compensatable`: undone by its compensation when a later step fails;
 * - `pivot` (`commit_stock`): the point of no return. Once the stock is committed the sale is
 *   made, so a failure before it is compensated and a step after it is only ever retried;
 * - `retriable`: after the pivot; retried until it succeeds, else it waits for an admin (dead).
 */
export type StepKind = 'compensatable' | 'pivot' | 'retriable';

/** A compensation is named for what it does; it undoes the step it belongs to. */
export type CompensationName = 'release_coupon' | 'cancel_order' | 'release_stock' | 'void_payment';

export interface SagaStepDefinition {
  readonly name: CheckoutStepName;
  readonly kind: StepKind;
  readonly compensation: CompensationName | null;
  /** `request`: run inside POST /api/checkout (the answer names the order); `job`: run by the saga worker. */
  readonly runs: 'request' | 'job';
}

export const CHECKOUT_SAGA: readonly SagaStepDefinition[] = [
  { name: 'quote', kind: 'compensatable', compensation: null, runs: 'request' },
  // A coupon's use is held like stock, before any order: a checkout that loses the race for the
  // last use ends COUPON_EXHAUSTED (PRICE_CHANGED to confirm, when the shopper sent their quote),
  // never at the undiscounted price unasked.
  { name: 'hold_coupon', kind: 'compensatable', compensation: 'release_coupon', runs: 'request' },
  { name: 'create_order', kind: 'compensatable', compensation: 'cancel_order', runs: 'request' },
  { name: 'reserve_stock', kind: 'compensatable', compensation: 'release_stock', runs: 'job' },
  { name: 'await_payment', kind: 'compensatable', compensation: null, runs: 'job' },
  { name: 'authorize_payment', kind: 'compensatable', compensation: 'void_payment', runs: 'job' },
  { name: 'commit_stock', kind: 'pivot', compensation: null, runs: 'job' },
  // The sale is made: the held use becomes a used one (retried; a hold that expired waits for an admin).
  { name: 'consume_coupon', kind: 'retriable', compensation: null, runs: 'job' },
  { name: 'confirm_order', kind: 'retriable', compensation: null, runs: 'job' },
  { name: 'capture_payment', kind: 'retriable', compensation: null, runs: 'job' },
  // The bought items leave the cart they came from (once per checkout; what was added meanwhile stays).
  { name: 'clear_cart', kind: 'retriable', compensation: null, runs: 'job' },
];

export const FIRST_STEP: CheckoutStepName = CHECKOUT_SAGA[0]!.name;
/** The last step the checkout request runs itself. */
export const LAST_REQUEST_STEP: CheckoutStepName = [...CHECKOUT_SAGA].reverse().find((s) => s.runs === 'request')!.name;

export function stepIndex(step: CheckoutStepName): number {
  const i = CHECKOUT_SAGA.findIndex((s) => s.name === step);
  if (i < 0) throw new Error(`unknown saga step ${step}`);
  return i;
}

export function definitionOf(step: CheckoutStepName): SagaStepDefinition {
  return CHECKOUT_SAGA[stepIndex(step)]!;
}

const PIVOT = CHECKOUT_SAGA.findIndex((s) => s.kind === 'pivot');

/** True for steps after the point of no return (never compensated). */
export function isPastPivot(step: CheckoutStepName): boolean {
  return stepIndex(step) > PIVOT;
}

/** True for steps before the pivot: the saga can still be undone there. */
export function isBeforePivot(step: CheckoutStepName): boolean {
  return stepIndex(step) < PIVOT;
}

/** Whether a failed step may have had an effect (`none` | `unknown`): the saga library's notion. */
export type { FailureEffect } from '@shop/saga';

/**
 * The steps whose compensations run after `failed` failed, in the order they run (newest first).
 * Steps without a compensation are skipped; past the pivot nothing is compensated.
 */
export function compensationPlan(failed: CheckoutStepName, effect: FailureEffect): SagaStepDefinition[] {
  if (isPastPivot(failed)) return [];
  const from = stepIndex(failed) - (effect === 'none' ? 1 : 0);
  const plan: SagaStepDefinition[] = [];
  for (let i = Math.min(from, PIVOT - 1); i >= 0; i--) {
    const step = CHECKOUT_SAGA[i]!;
    if (step.compensation) plan.push(step);
  }
  return plan;
}

/** The next compensation to run after `step`'s compensated, or null when the saga is undone. */
export function nextCompensation(after: CheckoutStepName): CheckoutStepName | null {
  for (let i = stepIndex(after) - 1; i >= 0; i--) {
    const step = CHECKOUT_SAGA[i]!;
    if (step.compensation) return step.name;
  }
  return null;
}

/** The step after `step`, or null after the last. */
export function nextStep(step: CheckoutStepName): CheckoutStepName | null {
  return CHECKOUT_SAGA[stepIndex(step) + 1]?.name ?? null;
}

/** A business failure: why the checkout cannot complete. */
export interface SagaFailure {
  code: CheckoutFailureCode;
  reason: string;
  /** What the shopper needs to act on it (PRICE_CHANGED: `{ quote }`, pricing's quote now). */
  details?: Record<string, unknown>;
}
