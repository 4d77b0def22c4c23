import { describe, expect, it } from 'vitest';
import { postgresCheck, redisCheck } from './dependency-checks.js';

describe('dependency checks', () => {
  it('pass when the dependency answers', async () => {
    await expect(postgresCheck(async () => [{ '?column?': 1 }]).check()).resolves.toBeUndefined();
    await expect(redisCheck({ ping: async () => 'PONG' }).check()).resolves.toBeUndefined();
  });

  it("fail with a short reason instead of the driver's message", async () => {
    const down = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432\n    at TCPConnectWrap.afterConnect');
    };
    await expect(postgresCheck(down).check()).rejects.toThrow(/^cannot reach PostgreSQL$/);
    await expect(redisCheck({ ping: down }).check()).rejects.toThrow(/^cannot reach Redis$/);
    expect(redisCheck({ ping: down }).name).toBe('redis');
  });
});
