import { describe, expect, it } from 'vitest';
import { formatDuration, saleClock } from './sale-countdown';

const sale = { status: 'scheduled' as const, startsAt: '2030-01-01T12:00:00.000Z', endsAt: '2030-01-01T12:30:00.000Z' };
const at = (iso: string) => Date.parse(iso);

describe('saleClock', () => {
  it('counts to the start, then to the end (start inclusive, end exclusive), on the server time given', () => {
    expect(saleClock(sale, at('2030-01-01T11:59:58.500Z'))).toEqual({ label: 'Starts in', secondsLeft: 2 });
    expect(saleClock({ ...sale, status: 'live' }, at('2030-01-01T12:00:00.000Z'))).toEqual({ label: 'Ends in', secondsLeft: 1800 });
    expect(saleClock({ ...sale, status: 'live' }, at('2030-01-01T12:30:00.000Z'))).toEqual({ label: null, secondsLeft: 0 });
  });

  it('has no countdown for a cancelled or ended sale', () => {
    expect(saleClock({ ...sale, status: 'cancelled' }, at('2030-01-01T11:00:00.000Z'))).toEqual({ label: null, secondsLeft: 0 });
    expect(saleClock({ ...sale, status: 'ended' }, at('2030-01-01T12:10:00.000Z'))).toEqual({ label: null, secondsLeft: 0 });
  });
});

describe('formatDuration', () => {
  it('shows minutes and seconds, and hours when there are some', () => {
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(-3)).toBe('0:00');
  });
});
