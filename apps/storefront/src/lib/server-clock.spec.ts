import { describe, expect, it } from 'vitest';
import { clockOffsetMs, countdownParts, formatCountdown, salePhase, spokenCountdown } from './server-clock';

describe('clockOffsetMs', () => {
  it('measures the server clock against the middle of the round trip', () => {
    const sent = Date.parse('2026-12-05T10:00:00.000Z');
    // The device is 5 minutes fast: the server said 09:55:00.100 for a 200 ms round trip.
    expect(clockOffsetMs('2026-12-05T09:55:00.100Z', sent, sent + 200)).toBe(-5 * 60_000);
    expect(clockOffsetMs('2026-12-05T10:00:03.000Z', sent, sent)).toBe(3000);
  });

  it('is 0 for a server time it cannot read', () => {
    expect(clockOffsetMs('not a time', 1, 2)).toBe(0);
  });
});

describe('salePhase', () => {
  const sale = { startsAt: '2026-12-05T12:00:00.000Z', endsAt: '2026-12-05T13:00:00.000Z' };
  const at = (iso: string) => Date.parse(iso);

  it('opens and closes at the exact millisecond of the window, on the clock it is given', () => {
    expect(salePhase({ ...sale, status: 'scheduled' }, at('2026-12-05T11:59:59.999Z'))).toBe('upcoming');
    expect(salePhase({ ...sale, status: 'scheduled' }, at('2026-12-05T12:00:00.000Z'))).toBe('live');
    expect(salePhase({ ...sale, status: 'live' }, at('2026-12-05T12:59:59.999Z'))).toBe('live');
    expect(salePhase({ ...sale, status: 'live' }, at('2026-12-05T13:00:00.000Z'))).toBe('ended');
  });

  it('takes sold out, ended and cancelled from the server', () => {
    expect(salePhase({ ...sale, status: 'sold_out' }, at('2026-12-05T12:30:00Z'))).toBe('sold_out');
    expect(salePhase({ ...sale, status: 'ended' }, at('2026-12-05T12:30:00Z'))).toBe('ended');
    expect(salePhase({ ...sale, status: 'cancelled' }, at('2026-12-05T11:00:00Z'))).toBe('cancelled');
    // Sold out before the end is sold out; after the end it is over.
    expect(salePhase({ ...sale, status: 'sold_out' }, at('2026-12-05T13:00:01Z'))).toBe('ended');
  });
});

describe('countdown', () => {
  it('counts whole seconds up, never showing 0 before the moment', () => {
    expect(countdownParts(1)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 1 });
    expect(countdownParts(0)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
    expect(countdownParts(-5000)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
    expect(formatCountdown(3_723_000)).toBe('01:02:03');
    expect(formatCountdown(90_061_000)).toBe('1 d 01:01:01');
    expect(formatCountdown(999)).toBe('00:00:01');
  });

  it('speaks coarsely: minutes, then tens of seconds, then seconds', () => {
    expect(spokenCountdown(2 * 86_400_000 + 3 * 3_600_000)).toBe('in 2 days and 3 hours');
    expect(spokenCountdown(3_600_000 + 60_000)).toBe('in 1 hour and 1 minute');
    // Rounded down as the digits read: 00:04:30 is "in 4 minutes" (it said 5, and 00:01:05 said 2).
    expect(spokenCountdown(4 * 60_000 + 30_000)).toBe('in 4 minutes');
    expect(spokenCountdown(65_000)).toBe('in 1 minute');
    expect(spokenCountdown(59 * 60_000 + 1000)).toBe('in 59 minutes');
    expect(spokenCountdown(2 * 60_000)).toBe('in 2 minutes');
    expect(spokenCountdown(51_000)).toBe('in 50 seconds');
    expect(spokenCountdown(45_000)).toBe('in 40 seconds');
    expect(spokenCountdown(10_000)).toBe('in 10 seconds');
    expect(spokenCountdown(7_500)).toBe('in 8 seconds');
    expect(spokenCountdown(1000)).toBe('in 1 second');
    expect(spokenCountdown(0)).toBe('now');
  });
});
