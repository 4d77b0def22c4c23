import { describe, expect, it } from 'vitest';
import { MAX_JITTER_MS, MAX_UNNAMED_WAIT_MS, isShedAnswer, retryAfterOf, retryDelayMs } from './waiting-room';

describe('retryDelayMs', () => {
  it('never comes back before the server said, and spreads the crowd after it', () => {
    expect(retryDelayMs(4, 0, 0)).toBe(4000);
    expect(retryDelayMs(4, 0, 0.999)).toBe(4000 + Math.round(2000 * 0.999));
    expect(retryDelayMs(20, 3, 0.5)).toBe(20_000 + MAX_JITTER_MS / 2);
    // A Retry-After of 0 still waits a little jitter, never a tight loop when random > 0.
    expect(retryDelayMs(0, 0, 0.5)).toBe(250);
  });

  it('backs off exponentially when the server named no wait, up to a ceiling', () => {
    expect([0, 1, 2, 3].map((a) => retryDelayMs(null, a, 0))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(null, 12, 0)).toBe(MAX_UNNAMED_WAIT_MS);
  });

  it('stays within its bounds whatever the random draw', () => {
    for (let i = 0; i < 200; i += 1) {
      const r = Math.random();
      const d = retryDelayMs(3, 2, r);
      expect(d).toBeGreaterThanOrEqual(3000);
      expect(d).toBeLessThanOrEqual(3000 + 1500);
    }
  });
});

describe('isShedAnswer', () => {
  it('is a 429, or a 503 that names when to come back', () => {
    expect(isShedAnswer(429, null)).toBe(true);
    expect(isShedAnswer(503, '2')).toBe(true);
    expect(isShedAnswer(503, null)).toBe(false);
    expect(isShedAnswer(409, '2')).toBe(false);
  });

  it('reads whole seconds only', () => {
    expect(retryAfterOf('3')).toBe(3);
    expect(retryAfterOf(null)).toBeNull();
    expect(retryAfterOf('Sat, 05 Dec 2026 10:00:12 GMT')).toBeNull();
  });
});
