import type { FlashSaleStatus } from '@shop/contracts';

export interface SaleClock {
  /** What the countdown counts to, or null when the sale is over. */
  label: 'Starts in' | 'Ends in' | null;
  /** Whole seconds left (never negative). */
  secondsLeft: number;
}

/**
 * The countdown of a sale at the server's time `nowMs` (the page keeps the offset between the
 * server's clock and the browser's): to the start while scheduled, to the end while open.
 */
export function saleClock(sale: { status: FlashSaleStatus; startsAt: string; endsAt: string }, nowMs: number): SaleClock {
  if (sale.status === 'cancelled' || sale.status === 'ended') return { label: null, secondsLeft: 0 };
  const startsAt = Date.parse(sale.startsAt);
  const endsAt = Date.parse(sale.endsAt);
  if (nowMs < startsAt) return { label: 'Starts in', secondsLeft: Math.ceil((startsAt - nowMs) / 1000) };
  if (nowMs < endsAt) return { label: 'Ends in', secondsLeft: Math.ceil((endsAt - nowMs) / 1000) };
  return { label: null, secondsLeft: 0 };
}

/** 3725 → "1:02:05", 65 → "1:05". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
