import { describe, expect, it } from 'vitest';
import { statusAfterRecovery } from './status-after-recovery.js';

/** A request that answers each status of `statuses` in turn, counting its calls. */
function answering(...statuses: number[]) {
  const calls = { count: 0 };
  const request = async () => ({ status: statuses[Math.min(calls.count++, statuses.length - 1)]! });
  return { calls, request };
}

describe('statusAfterRecovery', () => {
  it('repeats until the wanted status arrives and stops there', async () => {
    const { calls, request } = answering(503, 503, 200, 500);
    expect(await statusAfterRecovery(request, { intervalMs: 1 })).toBe(200);
    expect(calls.count).toBe(3);
  });

  it('gives up after `tries` and returns the last status it saw', async () => {
    const { calls, request } = answering(503, 502);
    expect(await statusAfterRecovery(request, { tries: 4, intervalMs: 1 })).toBe(502);
    expect(calls.count).toBe(4);
  });

  it('waits for another status when told to', async () => {
    const { request } = answering(200, 404);
    expect(await statusAfterRecovery(request, { wanted: 404, intervalMs: 1 })).toBe(404);
  });
});
