import { describe, expect, it } from 'vitest';
import { spokenRemaining } from './sale-units';

describe('spokenRemaining', () => {
  it('steps through tens of percent, then single units, then sold out', () => {
    expect(spokenRemaining(500, 500)).toBe('500 units, none taken yet.');
    expect(spokenRemaining(499, 500)).toBe('About 90% of 500 units left.');
    expect(spokenRemaining(449, 500)).toBe('About 90% of 500 units left.');
    expect(spokenRemaining(41, 500)).toBe('About 10% of 500 units left.');
    expect(spokenRemaining(10, 500)).toBe('10 units left.');
    expect(spokenRemaining(1, 500)).toBe('1 unit left.');
    expect(spokenRemaining(0, 500)).toBe('Sold out: no units left.');
  });

  it('changes only when the step changes (no chatter every poll)', () => {
    const spoken = new Set([499, 449, 445, 401].map((n) => spokenRemaining(n, 500)));
    expect(spoken.size).toBe(1);
  });
});
