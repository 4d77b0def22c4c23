import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Repeats `request` until it answers `wanted` or `tries` run out, and returns the last status:
 * after a dependency comes back a service needs a moment to reconnect, and the test asserts the
 * status it ends up with.
 */
export async function statusAfterRecovery(
  request: () => Promise<{ status: number }>,
  { wanted = 200, tries = 40, intervalMs = 250 }: { wanted?: number; tries?: number; intervalMs?: number } = {},
): Promise<number> {
  let status = 0;
  for (let i = 0; i < tries && status !== wanted; i++) {
    status = (await request()).status;
    if (status !== wanted) await sleep(intervalMs);
  }
  return status;
}
