/** Longest a scrape waits for figures from Redis or Postgres before leaving them out. */
export const SCRAPE_READ_TIMEOUT_MS = 2_000;

/**
 * Wraps a read that several gauges of one scrape share: prom-client collects the gauges of a
 * registry concurrently, so the gauges asking while a read is in flight get that same read. A read
 * that fails or takes longer than `timeoutMs` yields `fallback` (the gauges then leave the figure
 * out) instead of failing the scrape.
 */
export function readOnScrape<T>(read: () => Promise<T>, fallback: T, timeoutMs = SCRAPE_READ_TIMEOUT_MS): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  const readWithin = async (): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), timeoutMs);
    });
    try {
      return await Promise.race([read().catch(() => fallback), timeout]);
    } finally {
      clearTimeout(timer);
      inFlight = null;
    }
  };
  return () => (inFlight ??= readWithin());
}
