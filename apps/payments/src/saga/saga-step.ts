import type { CheckoutFailureCode } from '@shop/contracts';
import type { SagaStep as Step } from '@shop/saga';
import type { FailureEffect, SagaFailure } from '../domain/checkout-saga.js';
import type { CheckoutPatch, CheckoutRecord, PaymentWrite } from '../domain/checkout.js';

/** What a step learned, saved with the transition its result makes. */
export interface StepFacts {
  patch?: CheckoutPatch;
  payment?: PaymentWrite;
}

export type InvokeOutcome = ({ kind: 'succeeded' } | { kind: 'failed'; failure: SagaFailure; effect: FailureEffect }) & StepFacts;
export type CompensateOutcome = { kind: 'compensated' } & StepFacts;

/**
 * One step of the checkout saga: what it does and how it is undone, side by side (Medusa's
 * step + compensation shape, `@shop/saga`'s `SagaStep`). Both are idempotent — the same checkout
 * runs them with the same idempotency keys however often — and report business outcomes as
 * values. A transient failure (a timeout, a 503) is thrown: the runner records it and the job
 * retries with backoff.
 */
export type SagaStep = Step<CheckoutRecord, InvokeOutcome, CompensateOutcome>;

export const succeeded = (facts: StepFacts = {}): InvokeOutcome => ({ kind: 'succeeded', ...facts });

export const failed = (
  code: CheckoutFailureCode,
  reason: string,
  effect: FailureEffect = 'none',
  facts: StepFacts = {},
  details?: Record<string, unknown>,
): InvokeOutcome => ({
  kind: 'failed',
  failure: details ? { code, reason, details } : { code, reason },
  effect,
  ...facts,
});

export const compensated = (facts: StepFacts = {}): CompensateOutcome => ({ kind: 'compensated', ...facts });

/** A value the saga must have by this step (a bug or a corrupted row otherwise: retried, then dead). */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`the checkout has no ${what} at this step`);
  return value;
}

/** Who the saga is to the orders service (the order's history shows it). */
export const SAGA_ACTOR = 'checkout';
