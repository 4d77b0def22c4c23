import { describe, expect, it } from 'vitest';
import { decideRestart, defaultRestartPolicy, describeRestart } from '../../scripts/lib/restart-policy.mjs';

/** The healing runner's policy (`npm start`, chaos suite): backoff, window, crash loop. */
describe('restart policy', () => {
  const policy = defaultRestartPolicy;

  function crashesAt(times: number[]) {
    let history: number[] = [];
    return times.map((t) => {
      const decision = decideRestart(history, t, policy);
      history = decision.recentCrashes;
      return decision;
    });
  }

  it('doubles the delay per crash within the window, capped', () => {
    const decisions = crashesAt([0, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000]);
    expect(decisions.map((d) => d.delayMs)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('forgets crashes older than the window: a service that stayed up starts from the bottom again', () => {
    const [, , third] = crashesAt([0, 1_000, 1_000 + policy.windowMs + 1]);
    expect(third).toMatchObject({ delayMs: 500, crashesInWindow: 1, crashLoop: false, recentCrashes: [1_000 + policy.windowMs + 1] });
  });

  it('calls 5 crashes within 60 s a crash loop, and says it newly once', () => {
    const decisions = crashesAt([0, 10_000, 20_000, 30_000, 40_000, 50_000]);
    expect(decisions.map((d) => d.crashLoop)).toEqual([false, false, false, false, true, true]);
    expect(decisions.map((d) => d.newlyInCrashLoop)).toEqual([false, false, false, false, true, false]);
    // Five crashes spread over more than the window are no loop.
    expect(crashesAt([0, 20_000, 40_000, 61_000, 80_000]).at(-1)).toMatchObject({ crashesInWindow: 3, crashLoop: false });
  });

  it('says which app, how it ended and when it comes back, in one line', () => {
    const [first] = crashesAt([0]);
    expect(describeRestart('inventory', { code: 1, signal: null }, first!)).toBe('inventory exited with code 1; restarting in 0.5 s');
    const decisions = crashesAt([0, 1, 2, 3, 4, 5]);
    expect(describeRestart('cart', { code: null, signal: 'SIGKILL' }, decisions[0]!)).toBe('cart was killed by SIGKILL; restarting in 0.5 s');
    const loop = describeRestart('orders', { code: 1, signal: null }, decisions[4]!);
    expect(loop).toMatch(/^orders exited with code 1; restarting in 8 s — CRASH LOOP: 5 crashes within 60 s; it is retried every 30 s at most/);
    expect(loop.split('\n')).toHaveLength(1);
    expect(describeRestart('orders', { code: 1, signal: null }, decisions[5]!)).toBe('orders exited with code 1; restarting in 16 s (crash loop: 6 crashes within 60 s)');
  });
});
