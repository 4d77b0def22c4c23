import { describe, expect, it } from 'vitest';
import { afterFailure, beforeHandling } from './delivery-policy.js';

describe('delivery policy', () => {
  it('handles a message delivered up to maxAttempts times', () => {
    expect(beforeHandling(1, 3)).toEqual({ action: 'handle' });
    expect(beforeHandling(3, 3)).toEqual({ action: 'handle' });
  });

  it('gives up on a message delivered more often than maxAttempts (its consumers kept dying)', () => {
    const decision = beforeHandling(4, 3);
    expect(decision.action).toBe('dead-letter');
    expect(decision).toMatchObject({ reason: expect.stringMatching(/Delivered 4 times/) });
  });

  it('retries a failure until the last attempt, then dead-letters', () => {
    expect(afterFailure(1, 3, false)).toBe('retry');
    expect(afterFailure(2, 3, false)).toBe('retry');
    expect(afterFailure(3, 3, false)).toBe('dead-letter');
  });

  it('dead-letters a poison message on its first failure', () => {
    expect(afterFailure(1, 3, true)).toBe('dead-letter');
  });
});
