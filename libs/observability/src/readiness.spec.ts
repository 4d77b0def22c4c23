import { describe, expect, it } from 'vitest';
import { runReadinessChecks } from './readiness.js';

describe('runReadinessChecks', () => {
  it('is ready when every check passes', async () => {
    const report = await runReadinessChecks([
      { name: 'postgres', check: async () => {} },
      { name: 'redis', check: async () => {} },
    ]);
    expect(report).toEqual({ ready: true, checks: { postgres: 'up', redis: 'up' } });
  });

  it('names each failing check and why, including a check that hangs', async () => {
    const report = await runReadinessChecks(
      [
        { name: 'postgres', check: async () => {} },
        { name: 'redis', check: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')) },
        { name: 'search', check: () => new Promise<void>(() => {}) },
      ],
      50,
    );
    expect(report).toEqual({
      ready: false,
      checks: { postgres: 'up', redis: 'down: connect ECONNREFUSED 127.0.0.1:1', search: 'down: timed out after 50 ms' },
    });
  });

  it('is ready with no checks', async () => {
    expect(await runReadinessChecks([])).toEqual({ ready: true, checks: {} });
  });
});
