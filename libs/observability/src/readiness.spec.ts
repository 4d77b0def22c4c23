import { describe, expect, it } from 'vitest';
import { runReadinessChecks } from './readiness.js';

describe('runReadinessChecks', () => {
  it('is ready when every check passes', async () => {
    const report = await runReadinessChecks([
      { name: 'postgres', check: async () => {} },
      { name: 'redis', check: async () => {} },
    ]);
    expect(report).toEqual({ ready: true, checks: { postgres: 'up', redis: 'up' }, causes: {} });
  });

  it('names each failing check and the kind of failure, keeping the cause (hosts, driver text) for the logs', async () => {
    const report = await runReadinessChecks(
      [
        { name: 'postgres', check: async () => {} },
        { name: 'redis', check: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })) },
        { name: 'search', check: () => new Promise<void>(() => {}) },
        { name: 'broker', check: () => Promise.reject(new Error('NOAUTH Authentication required for user shop at mq.internal')) },
      ],
      50,
    );
    expect(report).toEqual({
      ready: false,
      checks: { postgres: 'up', redis: 'down: unreachable', search: 'down: timed out', broker: 'down: failed' },
      causes: {
        redis: 'connect ECONNREFUSED 127.0.0.1:1',
        search: 'timed out after 50 ms',
        broker: 'NOAUTH Authentication required for user shop at mq.internal',
      },
    });
  });

  it('is ready with no checks', async () => {
    expect(await runReadinessChecks([])).toEqual({ ready: true, checks: {}, causes: {} });
  });
});
