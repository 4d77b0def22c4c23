import type { CheckoutStepName } from '@shop/contracts';
import { isBeforePivot } from './checkout-saga.js';
import type { CheckoutChange, CheckoutPatch, CheckoutRecord, StepWrite } from './checkout.js';
import { mergeByStep, type Transition } from './saga-state-machine.js';

/*
 * Past the pivot the saga only moves forward: nothing there is compensated, an admin can no
 * longer cancel, and every step is idempotent (the same checkout calls with the same keys). So
 * the transition after such a step need not be stored before the next step runs. A process that
 * dies with transitions unwritten leaves the saga at the last stored step, from where the steps
 * run again and find their work done, which is what a crash between a step and its write
 * already means. Before the pivot every transition is stored before the next step runs: what
 * an admin's cancel or the recovery sweep compensates is decided from the stored position.
 */

/** Whether the transition after a forward step may wait for a later write: the step is the pivot or after it, and the saga runs on. */
export function writeCanWait(completed: CheckoutStepName, transition: Transition): boolean {
  return !isBeforePivot(completed) && transition.to.state === 'running' && transition.to.step !== null;
}

/** Two changes as one write, `later` decided on the checkout as `earlier` left it. */
export function mergeChanges(earlier: CheckoutChange, later: CheckoutChange): CheckoutChange {
  const failure = later.failure ?? earlier.failure;
  const payment = later.payment ?? earlier.payment;
  const patch = mergePatches(earlier.patch, later.patch);
  return {
    state: later.state,
    currentStep: later.currentStep,
    deadFrom: later.deadFrom,
    ...(failure ? { failure } : {}),
    ...(patch ? { patch } : {}),
    ...(payment ? { payment } : {}),
    attemptsDelta: earlier.attemptsDelta + later.attemptsDelta,
    steps: mergeByStep(earlier.steps, later.steps, combineStepWrites),
  };
}

/**
 * The checkout as the store would answer it after `change` (the version stays the stored one:
 * the next write is conditional on it). The store's rules: a fact already set is kept, and the
 * attempts of a new current step are those its record starts with in the change.
 */
export function afterChange(checkout: CheckoutRecord, change: CheckoutChange): CheckoutRecord {
  const next: CheckoutRecord = {
    ...checkout,
    state: change.state,
    currentStep: change.currentStep,
    deadFrom: change.deadFrom,
    attempts: checkout.attempts + change.attemptsDelta,
    stepAttempts:
      checkout.currentStep === change.currentStep
        ? checkout.stepAttempts + change.attemptsDelta
        : (change.steps.find((s) => s.step === change.currentStep)?.attemptsDelta ?? 0),
  };
  if (change.failure) {
    next.failureCode = change.failure.code;
    next.failureReason = change.failure.reason;
    next.failureDetails = change.failure.details ?? null;
  }
  const p = change.patch ?? {};
  next.quote = checkout.quote ?? p.quote ?? null;
  next.currency = checkout.currency ?? p.currency ?? null;
  next.amount = checkout.amount ?? p.amount ?? null;
  next.reservationId = checkout.reservationId ?? p.reservationId ?? null;
  next.orderId = checkout.orderId ?? p.orderId ?? null;
  next.orderNumber = checkout.orderNumber ?? p.orderNumber ?? null;
  next.orderStatus = checkout.orderStatus ?? p.orderStatus ?? null;
  next.paymentId = checkout.paymentId ?? p.paymentId ?? null;
  // As the store keeps it: the latest reference a payment write brings.
  next.paymentRef = change.payment?.providerRef ?? checkout.paymentRef;
  return next;
}

function mergePatches(earlier: CheckoutPatch | undefined, later: CheckoutPatch | undefined): CheckoutPatch | undefined {
  if (!earlier) return later;
  if (!later) return earlier;
  const merged: CheckoutPatch = { ...earlier };
  for (const [key, value] of Object.entries(later) as Array<[keyof CheckoutPatch, CheckoutPatch[keyof CheckoutPatch]]>) {
    // The store never overwrites a fact already set; nor does the merge.
    if (value !== undefined && merged[key] === undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** The later status of a step written twice, with the attempts of both. */
function combineStepWrites(before: StepWrite, record: StepWrite): StepWrite {
  const lastError = record.lastError ?? before.lastError;
  return {
    step: record.step,
    status: record.status,
    attemptsDelta: before.attemptsDelta + record.attemptsDelta,
    ...(lastError !== undefined ? { lastError } : {}),
  };
}
