import { describe, expect, it } from 'vitest';
import { runSteps } from './run-steps.js';
import type { SagaStep, StepOutcome } from './saga-step.js';

type Outcome = StepOutcome<string>;

/** A step that records what ran into the shared log. */
function step(name: string, outcome: Outcome, compensable = true): SagaStep<string[], Outcome> {
  return {
    invoke: async (log) => {
      log.push(`invoke ${name}`);
      return outcome;
    },
    ...(compensable ? { compensate: async (log: string[]) => void log.push(`compensate ${name}`) } : {}),
  };
}

const ok: Outcome = { kind: 'succeeded' };

describe('runSteps', () => {
  it('runs every step in order and compensates nothing when all succeed', async () => {
    const log: string[] = [];
    expect(await runSteps([step('a', ok), step('b', ok)], log)).toEqual(ok);
    expect(log).toEqual(['invoke a', 'invoke b']);
  });

  it('on a refusal (effect none) compensates the completed steps in reverse and stops', async () => {
    const log: string[] = [];
    const refused: Outcome = { kind: 'failed', failure: 'no stock', effect: 'none' };
    expect(await runSteps([step('a', ok), step('b', ok), step('c', refused), step('d', ok)], log)).toEqual(refused);
    expect(log).toEqual(['invoke a', 'invoke b', 'invoke c', 'compensate b', 'compensate a']);
  });

  it('compensates the failed step too when its effect is unknown, and skips steps without a compensation', async () => {
    const log: string[] = [];
    const partial: Outcome = { kind: 'failed', failure: 'partly held', effect: 'unknown' };
    await runSteps([step('a', ok), step('b', ok, false), step('c', partial)], log);
    expect(log).toEqual(['invoke a', 'invoke b', 'invoke c', 'compensate c', 'compensate a']);
  });

  it('lets a thrown error through with nothing compensated (the outcome is unknown)', async () => {
    const log: string[] = [];
    const broken: SagaStep<string[], Outcome> = {
      invoke: async () => {
        throw new Error('connection lost');
      },
      compensate: async (l) => void l.push('compensate broken'),
    };
    await expect(runSteps([step('a', ok), broken], log)).rejects.toThrow('connection lost');
    expect(log).toEqual(['invoke a']);
  });
});
