import { describe, expect, it } from 'vitest';
import { dayAfter } from './order-filters';

describe('dayAfter', () => {
  it('sends a date as the next day, so "on or before" takes the whole day (month and year ends too)', () => {
    expect(dayAfter('2026-12-07')).toBe('2026-12-08');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
  });

  it('leaves anything else as it is, for the API to refuse or take', () => {
    expect(dayAfter(undefined)).toBeUndefined();
    expect(dayAfter('2026-12-07T10:00:00Z')).toBe('2026-12-07T10:00:00Z');
    expect(dayAfter('yesterday')).toBe('yesterday');
    expect(dayAfter('2026-13-45')).toBe('2026-13-45');
  });
});
