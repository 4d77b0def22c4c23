/**
 * One step of a saga: what it does and how it is undone, side by side. Both are idempotent
 * (a retry runs them again with the same keys) and report business outcomes as values; a
 * transient failure (a timeout, a 503) is thrown and left to the caller (retry, or let the
 * effects expire).
 */
export interface SagaStep<Input, Invoked, Compensated = void> {
  invoke(input: Input): Promise<Invoked>;
  /** Absent for steps without a compensation. */
  compensate?(input: Input): Promise<Compensated>;
}

/**
 * Whether a failed step may have had an effect. `none`: the other side refused it: nothing of it
 * to undo. `unknown`: some of it may have happened (a partial hold, a lost answer): its own
 * compensation runs too, and finds out by the step's idempotency key.
 */
export type FailureEffect = 'none' | 'unknown';

/** What a step run by `runSteps` reports. */
export type StepOutcome<F> = { kind: 'succeeded' } | { kind: 'failed'; failure: F; effect: FailureEffect };
