/**
 * Time windows of prices and promotions, in epoch milliseconds: open from `startsAt` (inclusive)
 * until `endsAt` (exclusive), so at the exact second a sale ends the next price applies. A null
 * bound is open-ended.
 */
export interface Window {
  startsAt: Date | null;
  endsAt: Date | null;
}

export function isOpenAt(window: Window, atMs: number): boolean {
  return (window.startsAt === null || window.startsAt.getTime() <= atMs) && (window.endsAt === null || atMs < window.endsAt.getTime());
}

/** The first bound of the window strictly after `atMs` (when it opens or closes next); Infinity when none. */
export function nextBoundaryAfter(window: Window, atMs: number): number {
  const start = window.startsAt === null ? -Infinity : window.startsAt.getTime();
  if (start > atMs) return start;
  const end = window.endsAt === null ? Infinity : window.endsAt.getTime();
  return end > atMs ? end : Infinity;
}
