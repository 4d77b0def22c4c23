import { describe, expect, it } from 'vitest';
import { stopAnswer } from './unsubscribe-link';

describe('an unsubscribe page’s button', () => {
  it('reads the route handler’s answer: done, a refused link, or a failure to retry', () => {
    expect(stopAnswer(200)).toBe('stopped');
    expect(stopAnswer(400)).toBe('invalid-link');
    expect(stopAnswer(429)).toBe('failed');
    expect(stopAnswer(503)).toBe('failed');
  });
});
