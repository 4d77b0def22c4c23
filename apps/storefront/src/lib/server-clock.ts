/**
 * Countdowns run on the server's clock, never the device's: every sale answer carries
 * `serverTime`, and the page keeps the offset between it and the device clock. A device set five
 * minutes fast still shows the sale opening at the right second.
 */

/**
 * Milliseconds to add to the device clock to get the server's. The answer was made somewhere
 * between sending and receiving, so the device time it matches is the midpoint of the round trip.
 */
export function clockOffsetMs(serverTimeIso: string, sentAtMs: number, receivedAtMs: number): number {
  const server = Date.parse(serverTimeIso);
  if (Number.isNaN(server)) return 0;
  return server - Math.round((sentAtMs + receivedAtMs) / 2);
}

/** What a sale looks like to a shopper right now, from its status and the server's clock. */
export type SalePhase = 'upcoming' | 'live' | 'sold_out' | 'ended' | 'cancelled';

export interface SaleTimes {
  status: 'scheduled' | 'live' | 'sold_out' | 'ended' | 'cancelled';
  startsAt: string;
  endsAt: string;
}

/**
 * The phase at server time `nowMs`. The clock decides the window's edges (a poll may lag a
 * second behind the start); the engine's figures decide sold out. The buy button follows this,
 * but only the inventory engine decides whether a unit is sold.
 */
export function salePhase(sale: SaleTimes, nowMs: number): SalePhase {
  if (sale.status === 'cancelled') return 'cancelled';
  if (sale.status === 'ended' || nowMs >= Date.parse(sale.endsAt)) return 'ended';
  if (nowMs < Date.parse(sale.startsAt)) return 'upcoming';
  return sale.status === 'sold_out' ? 'sold_out' : 'live';
}

export interface CountdownParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Whole units left; a part-second left counts as a second, so "00:00:00" means it has started. */
export function countdownParts(msLeft: number): CountdownParts {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** "02:03:04", or "1 d 02:03:04" beyond a day. */
export function formatCountdown(msLeft: number): string {
  const { days, hours, minutes, seconds } = countdownParts(msLeft);
  const clock = `${two(hours)}:${two(minutes)}:${two(seconds)}`;
  return days > 0 ? `${days} d ${clock}` : clock;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * The countdown in words for screen readers, coarse on purpose: a live region that changed every
 * second would talk over everything else. It changes once a minute, then every 10 s in the last
 * minute, then every second in the last 10.
 */
export function spokenCountdown(msLeft: number): string {
  const { days, hours, minutes } = countdownParts(msLeft);
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  if (total === 0) return 'now';
  if (days > 0) return `in ${plural(days, 'day')} and ${plural(hours, 'hour')}`;
  if (hours > 0) return `in ${plural(hours, 'hour')} and ${plural(minutes, 'minute')}`;
  // Rounded down, as the digits read ("00:01:05" is "in 1 minute"): it never tells of more time than is left before a sale ends.
  if (minutes > 0) return `in ${plural(minutes, 'minute')}`;
  if (total >= 10) return `in ${Math.floor(total / 10) * 10} seconds`;
  return `in ${plural(total, 'second')}`;
}
