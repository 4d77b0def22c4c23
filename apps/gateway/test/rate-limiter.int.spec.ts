import { createRedis } from '@shop/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@shop/observability';
import { testEnv } from '@shop/testing';
import { RateLimiter, type RateLimitSettings } from '../src/rate-limit/rate-limiter.js';
import { unique } from './gateway-harness.js';

const redis = createRedis(testEnv(), { enableAutoPipelining: true });
// Until the connection is ready the limiter counts in memory (its outage fallback).
beforeAll(async () => {
  await redis.ping();
});
afterAll(() => redis.disconnect());
const logger = createLogger({ service: 'rate-limiter-test', level: 'silent' });

function settings(points: number, maxLease: number): RateLimitSettings {
  const rule = { points, durationSeconds: 60 };
  return {
    enabled: true,
    maxLease,
    classes: { default: rule, auth: rule, 'order-lookup': rule, reservation: rule, checkout: rule, 'guest-cart': rule },
    loginFailures: rule,
    accountFailureThreshold: rule,
    attemptsUnderAttack: 2,
  };
}

async function spend(limiters: RateLimiter[], key: string, attempts: number): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < attempts; i++) if (!(await limiters[i % limiters.length]!.consume('default', key)).limited) allowed++;
  return allowed;
}

describe('rate limiter leases', () => {
  it('never lets a key through beyond its limit across instances, and refuses at most the unused leases early', async () => {
    const prefix = `${testEnv().redisPrefix}${unique('lease')}:`;
    // 1000 per window → leases of 20 points: most requests never reach Redis.
    const instances = [new RateLimiter(redis, prefix, settings(1000, 100), logger), new RateLimiter(redis, prefix, settings(1000, 100), logger)];
    const allowed = await spend(instances, 'ip:10.0.0.1', 1500);
    expect(allowed).toBeLessThanOrEqual(1000);
    expect(allowed).toBeGreaterThanOrEqual(1000 - 2 * 19);
    expect(Number(await redis.get(`${prefix}rl:default:ip:10.0.0.1`))).toBeLessThanOrEqual(1000 + 2 * 20);
  });

  it('lets concurrent requests that find the lease spent wait for one refill, not take a lease each', async () => {
    const prefix = `${testEnv().redisPrefix}${unique('burst')}:`;
    // 1000 per window → leases of 20 points.
    const limiter = new RateLimiter(redis, prefix, settings(1000, 100), logger);
    const key = 'ip:10.0.0.4';
    const burst = await Promise.all(Array.from({ length: 50 }, () => limiter.consume('default', key)));
    expect(burst.filter((v) => !v.limited)).toHaveLength(50);
    // 50 requests are three leases of 20 (60 points counted), whatever their interleaving; a lease
    // per request would have counted 1000 and refused the next ones.
    expect(Number(await redis.get(`${prefix}rl:default:${key}`))).toBe(60);
    expect(await spend([limiter], key, 10)).toBe(10);
  });

  it('counts every request in Redis when leases are 1 (exact limits)', async () => {
    const prefix = `${testEnv().redisPrefix}${unique('exact')}:`;
    const instances = [new RateLimiter(redis, prefix, settings(1000, 1), logger), new RateLimiter(redis, prefix, settings(1000, 1), logger)];
    expect(await spend(instances, 'ip:10.0.0.2', 1010)).toBe(1000);
  });

  it('refuses with the time left in the window', async () => {
    const prefix = `${testEnv().redisPrefix}${unique('window')}:`;
    const limiter = new RateLimiter(redis, prefix, settings(3, 100), logger);
    await spend([limiter], 'ip:10.0.0.3', 3);
    const verdict = await limiter.consume('default', 'ip:10.0.0.3');
    expect(verdict).toMatchObject({ limited: true, limit: { points: 3, durationSeconds: 60 } });
    expect(verdict.limited && verdict.retryAfterSeconds).toBeGreaterThan(55);
  });
});
