// The open-model engine: starts each session at its scheduled instant without waiting for the
// ones before it (no coordinated omission), and records how late the generator itself was.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Recorder } from './recorder.js';
import { type Arrival, stageAt, type Stage } from './schedule.js';

/** Where the run's time starts (performance.now() units) and which stage a moment is in. */
export class RunClock {
  constructor(
    readonly startedAt: number,
    private readonly stages: readonly Stage[],
  ) {}

  elapsedMs(at = performance.now()): number {
    return at - this.startedAt;
  }

  stageAt(ms: number): string {
    return ms < 0 ? 'setup' : stageAt(this.stages, ms);
  }
}

/**
 * Runs `session(index, arrival, dueAt)` for every arrival at `clock.startedAt + arrival.atMs`.
 * Sessions that fail throw into the returned list instead of stopping the run.
 */
export async function runArrivals(
  arrivals: readonly Arrival[],
  clock: RunClock,
  recorder: Recorder,
  session: (index: number, arrival: Arrival, dueAt: number) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<{ failures: unknown[] }> {
  const running: Promise<void>[] = [];
  const failures: unknown[] = [];
  for (const arrival of arrivals) recorder.offered(arrival.stage);
  for (let i = 0; i < arrivals.length; i++) {
    if (shouldStop()) break;
    const arrival = arrivals[i]!;
    const dueAt = clock.startedAt + arrival.atMs;
    const wait = dueAt - performance.now();
    if (wait > 1) await sleep(wait);
    const now = performance.now();
    recorder.started(arrival.stage, clock.elapsedMs(now), Math.max(0, now - dueAt));
    running.push(
      session(i, arrival, dueAt).catch((error: unknown) => {
        failures.push(error);
      }),
    );
  }
  await Promise.all(running);
  return { failures };
}
