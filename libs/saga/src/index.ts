export type { FailureEffect, SagaStep, StepOutcome } from './saga-step.js';
export { compensate, runSteps } from './run-steps.js';
