import { setTimeout as sleep } from 'node:timers/promises';

/** Retries `check` until it stops throwing and returns its value; the test's own timeout bounds the wait. */
export async function eventually<T>(check: () => Promise<T> | T, intervalMs = 50): Promise<T> {
  for (;;) {
    try {
      return await check();
    } catch {
      await sleep(intervalMs);
    }
  }
}
