import type { SagaStep, StepOutcome } from './saga-step.js';

/**
 * Runs the steps in order. When one fails, the compensations of the steps before it run in
 * reverse (and its own first when its effect is unknown), and the failure is the result. A
 * thrown error is not a failure: it propagates with nothing compensated (the outcome is unknown;
 * the caller retries or lets the effects expire).
 */
export async function runSteps<Input, F>(steps: readonly SagaStep<Input, StepOutcome<F>, unknown>[], input: Input): Promise<StepOutcome<F>> {
  for (let i = 0; i < steps.length; i++) {
    const outcome = await steps[i]!.invoke(input);
    if (outcome.kind === 'failed') {
      await compensate(steps.slice(0, outcome.effect === 'unknown' ? i + 1 : i), input);
      return outcome;
    }
  }
  return { kind: 'succeeded' };
}

/** Runs the compensations of these (completed) steps, newest first. */
export async function compensate<Input>(completed: readonly SagaStep<Input, unknown, unknown>[], input: Input): Promise<void> {
  for (let i = completed.length - 1; i >= 0; i--) await completed[i]!.compensate?.(input);
}
