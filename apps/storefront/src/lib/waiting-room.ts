/**
 * The waiting room: when the platform sheds load (429, or 503 with Retry-After) the shopper is not
 * shown an error but a queue screen that tries again on its own. Honest about it: the platform
 * gives no queue position, so none is shown; the retry waits at least what the server asked, plus
 * jitter so a crowd sent away together does not come back in the same millisecond.
 */

/** Without a Retry-After: 1 s, 2 s, 4 s … at most this long between tries. */
export const MAX_UNNAMED_WAIT_MS = 30_000;
/** Jitter added on top of the server's wait: up to half of it, at most this much. */
export const MAX_JITTER_MS = 3_000;

/**
 * How long to wait before try number `attempt + 1` (attempt counts from 0): never less than the
 * server's Retry-After, plus a random share of it (`random` in [0, 1)).
 */
export function retryDelayMs(retryAfterSeconds: number | null, attempt: number, random: number = Math.random()): number {
  const base = retryAfterSeconds !== null ? retryAfterSeconds * 1000 : Math.min(MAX_UNNAMED_WAIT_MS, 1000 * 2 ** Math.max(0, attempt));
  const jitter = Math.min(MAX_JITTER_MS, Math.max(base, 1000) / 2) * random;
  return Math.round(base + jitter);
}

/** An answer that says "come back later" rather than "no". */
export function isShedAnswer(status: number, retryAfterHeader: string | null): boolean {
  return status === 429 || (status === 503 && retryAfterHeader !== null);
}

/** Retry-After of a storefront answer in seconds (delta-seconds only; the storefront sends those). */
export function retryAfterOf(header: string | null): number | null {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  return Number(header);
}
