/** Rolling time buckets: figures are counted in the bucket their event happened in. */

export const SECOND_MS = 1000;
export const MINUTE_MS = 60_000;

/** How long buckets are kept: per-second ones for the live rate, per-minute ones for a day's window. */
export const SECOND_BUCKET_TTL_SECONDS = 10 * 60;
export const MINUTE_BUCKET_TTL_SECONDS = 25 * 3600;

/** The start of the bucket of width `widthMs` that holds `atMs`. */
export function bucketStart(atMs: number, widthMs: number): number {
  return atMs - (((atMs % widthMs) + widthMs) % widthMs);
}

/** The starts of the `count` buckets up to and including the one holding `nowMs`, oldest first. */
export function lastBuckets(nowMs: number, widthMs: number, count: number): number[] {
  const last = bucketStart(nowMs, widthMs);
  return Array.from({ length: count }, (_, i) => last - (count - 1 - i) * widthMs);
}

/** The starts of the buckets from the one holding `fromMs` to the one holding `toMs`, oldest first. */
export function bucketsBetween(fromMs: number, toMs: number, widthMs: number): number[] {
  if (toMs < fromMs) return [];
  const first = bucketStart(fromMs, widthMs);
  const count = Math.floor((bucketStart(toMs, widthMs) - first) / widthMs) + 1;
  return Array.from({ length: count }, (_, i) => first + i * widthMs);
}
