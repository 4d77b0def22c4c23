import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime, utcOffsetLabel } from './format-time';

// Instants written in UTC; the zone of every expectation is stated, never the machine's.
const MORNING = '2026-03-07T09:05:03.000Z';
const LATE = '2026-09-30T23:30:00Z';

describe('formatDateTime', () => {
  it('shows day, month name, year and the time to the second, naming UTC (the default zone)', () => {
    expect(formatDateTime(MORNING)).toBe('7 Mar 2026, 09:05:03 UTC');
    expect(formatDateTime(MORNING, { timeZone: 'UTC' })).toBe('7 Mar 2026, 09:05:03 UTC');
    expect(formatDateTime(new Date(MORNING))).toBe('7 Mar 2026, 09:05:03 UTC');
    expect(formatDateTime(Date.parse(MORNING))).toBe('7 Mar 2026, 09:05:03 UTC');
  });

  it('uses a 24-hour clock and its own month names (September is "Sep" whatever the ICU)', () => {
    expect(formatDateTime('2026-09-01T00:00:00Z', { timeZone: 'UTC' })).toBe('1 Sep 2026, 00:00:00 UTC');
    expect(formatDateTime('2026-12-31T13:00:00Z', { timeZone: 'UTC' })).toBe('31 Dec 2026, 13:00:00 UTC');
  });

  it('shows another zone when asked, with the date as seen there', () => {
    // 23:30 UTC on 30 Sep is already 1 Oct in Tokyo (UTC+9), and 19:30 in New York (EDT).
    expect(formatDateTime(LATE, { timeZone: 'Asia/Tokyo' })).toMatch(/^1 Oct 2026, 08:30:00 (GMT\+9|JST)$/);
    expect(formatDateTime(LATE, { timeZone: 'America/New_York' })).toMatch(/^30 Sep 2026, 19:30:00 (EDT|GMT-4)$/);
  });

  it('shows a missing value as a dash and something that is not an instant as it came', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('')).toBe('—');
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatDate', () => {
  it('shows the day in the stated zone', () => {
    expect(formatDate(MORNING, { timeZone: 'UTC' })).toBe('7 Mar 2026');
    expect(formatDate(LATE, { timeZone: 'UTC' })).toBe('30 Sep 2026');
    expect(formatDate(LATE, { timeZone: 'Asia/Tokyo' })).toBe('1 Oct 2026');
    expect(formatDate(null)).toBe('—');
  });
});

describe('formatTime', () => {
  it('shows the time of day, with or without seconds and zone', () => {
    expect(formatTime(MORNING, { timeZone: 'UTC' })).toBe('09:05:03 UTC');
    expect(formatTime(MORNING, { timeZone: 'UTC', seconds: false })).toBe('09:05 UTC');
    expect(formatTime(MORNING, { timeZone: 'UTC', zone: false })).toBe('09:05:03');
    expect(formatTime(MORNING, { timeZone: 'UTC', seconds: false, zone: false })).toBe('09:05');
    expect(formatTime(undefined)).toBe('—');
  });

  it('does not depend on the machine zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(formatDateTime(MORNING)).toBe('7 Mar 2026, 09:05:03 UTC');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('utcOffsetLabel', () => {
  it('names the browser offset as the pages name UTC', () => {
    expect(utcOffsetLabel(0)).toBe('UTC');
    expect(utcOffsetLabel(60)).toBe('UTC+01:00');
    expect(utcOffsetLabel(330)).toBe('UTC+05:30');
    expect(utcOffsetLabel(-210)).toBe('UTC−03:30');
  });
});
