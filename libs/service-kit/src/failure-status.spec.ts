import { FailureCode } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { STATUS_OF, statusOfFailure } from './failure-status.js';

describe('statusOfFailure', () => {
  it('gives every failure code its own HTTP error status (4xx or 5xx)', () => {
    for (const code of Object.values(FailureCode)) {
      expect(Object.hasOwn(STATUS_OF, code), `${code} has no status`).toBe(true);
      const status = statusOfFailure(code);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
  });

  it('lists no code that FailureCode does not know', () => {
    expect(Object.keys(STATUS_OF).sort()).toEqual(Object.values(FailureCode).sort());
  });

  it('answers a code outside the table as a bug (500)', () => {
    expect(statusOfFailure('NOT_A_CODE' as FailureCode)).toBe(500);
  });
});
