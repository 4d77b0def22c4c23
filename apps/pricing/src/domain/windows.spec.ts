import { describe, expect, it } from 'vitest';
import { isOpenAt, nextBoundaryAfter } from './windows.js';

const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);
const window = { startsAt: at('2030-01-01T12:00:00Z'), endsAt: at('2030-01-01T13:00:00Z') };

describe('windows', () => {
  it('opens at the exact start (inclusive) and closes at the exact end (exclusive)', () => {
    expect(isOpenAt(window, ms('2030-01-01T11:59:59.999Z'))).toBe(false);
    expect(isOpenAt(window, ms('2030-01-01T12:00:00.000Z'))).toBe(true);
    expect(isOpenAt(window, ms('2030-01-01T12:59:59.999Z'))).toBe(true);
    expect(isOpenAt(window, ms('2030-01-01T13:00:00.000Z'))).toBe(false);
  });

  it('treats a missing bound as open-ended', () => {
    expect(isOpenAt({ startsAt: null, endsAt: null }, 0)).toBe(true);
    expect(isOpenAt({ startsAt: null, endsAt: window.endsAt }, ms('2029-01-01T00:00:00Z'))).toBe(true);
    expect(isOpenAt({ startsAt: window.startsAt, endsAt: null }, ms('2099-01-01T00:00:00Z'))).toBe(true);
  });

  it('names the next bound after an instant: the start before it opens, the end while open, none after', () => {
    expect(nextBoundaryAfter(window, ms('2030-01-01T11:00:00Z'))).toBe(ms('2030-01-01T12:00:00Z'));
    expect(nextBoundaryAfter(window, ms('2030-01-01T12:00:00Z'))).toBe(ms('2030-01-01T13:00:00Z'));
    expect(nextBoundaryAfter(window, ms('2030-01-01T13:00:00Z'))).toBe(Infinity);
    expect(nextBoundaryAfter({ startsAt: null, endsAt: window.endsAt }, ms('2030-01-01T11:00:00Z'))).toBe(ms('2030-01-01T13:00:00Z'));
    expect(nextBoundaryAfter({ startsAt: null, endsAt: null }, 0)).toBe(Infinity);
  });
});
