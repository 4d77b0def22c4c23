import type { Logger } from '@shop/observability';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DueTimeLoop, type DuePass } from './due-time-loop.js';

// The fake timers move Date too, so the system clock is the test's clock.
const clock = { now: () => new Date() };
const warnings: string[] = [];
const logger = { warn: (_fields: unknown, message: string) => warnings.push(message) } as unknown as Logger;

function loop(pass: DuePass, intervalMs = 10_000): DueTimeLoop {
  return new DueTimeLoop(pass, { clock, logger }, { intervalMs, failureMessage: 'sweep failed; retrying' });
}

describe('DueTimeLoop', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-08T12:00:00Z') });
    warnings.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('passes at once, then at the instant the pass names, else after the interval', async () => {
    const at: number[] = [];
    const due = [Date.now() + 3_000, null];
    const l = loop(async () => {
      at.push(Date.now());
      const next = due.shift();
      return next ? new Date(next) : null;
    });
    l.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(at).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(at).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(at).toHaveLength(2); // 3,000 ms (+1) after the first: the named instant
    await vi.advanceTimersByTimeAsync(9_999);
    expect(at).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(at).toHaveLength(3); // nothing named: the interval
    await l.stop();
  });

  it('brings the next pass forward to an earlier instant, and ignores a later one', async () => {
    let passes = 0;
    const l = loop(async () => {
      passes++;
      return null;
    });
    l.start();
    await vi.advanceTimersByTimeAsync(0);
    l.wakeAt(new Date(Date.now() + 20_000)); // after the interval's timer: nothing changes
    l.wakeAt(new Date(Date.now() + 500));
    await vi.advanceTimersByTimeAsync(501);
    expect(passes).toBe(2);
    l.wakeAt(); // now
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(3);
    await l.stop();
  });

  it('passes again right after a pass during which work fell due', async () => {
    let passes = 0;
    let release!: () => void;
    const l = loop(async () => {
      passes++;
      if (passes === 1) await new Promise<void>((resolve) => (release = resolve));
      return null;
    });
    l.start();
    await vi.advanceTimersByTimeAsync(0);
    l.wakeAt();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(2);
    await l.stop();
  });

  it('logs a failed pass and tries again after the interval', async () => {
    let passes = 0;
    const l = loop(async () => {
      passes++;
      if (passes === 1) throw new Error('database away');
      return null;
    }, 1_000);
    l.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(warnings).toEqual(['sweep failed; retrying']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(passes).toBe(2);
    await l.stop();
  });

  it('stops: waits for the pass under way, which sees it, and passes no more', async () => {
    const seen: boolean[] = [];
    let release!: () => void;
    const l = loop(async (stopped) => {
      await new Promise<void>((resolve) => (release = resolve));
      seen.push(stopped());
      return new Date(Date.now() + 1);
    });
    l.start();
    await vi.advanceTimersByTimeAsync(0);
    const stopping = l.stop();
    release();
    await stopping;
    l.wakeAt();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toEqual([true]);
  });
});
