import { once } from 'node:events';
import { testEnv } from '@shop/testing';
import type { Job } from 'bullmq';
import { Cluster } from 'ioredis';
import { type RedisClient, scanKeys } from '../src/redis-client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bullPrefix, createQueue, createWorker } from '../src/index.js';
import { newRedis, runFixture, uniqueWord, waitForExit, waitForLine } from './support.js';

describe('BullMQ queue and worker factories', () => {
  const env = testEnv();
  let redis: RedisClient;

  beforeAll(() => {
    redis = newRedis(env);
  });
  afterAll(async () => {
    await redis.quit();
  });

  async function clientNames(): Promise<string[]> {
    // On a cluster each node knows only its own clients.
    const servers = redis instanceof Cluster ? redis.nodes() : [redis];
    const lists = await Promise.all(servers.map(async (server) => (await server.client('LIST')) as string));
    return lists
      .join('\n')
      .split('\n')
      .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
      .filter(Boolean);
  }

  it('processes a job under the run prefix and closes every connection it opened', async () => {
    const name = `jobs-${uniqueWord(8)}`;
    const worker = createWorker<{ a: number; b: number }, number>(name, async (job) => job.data.a + job.data.b, {
      ...env,
      prefix: env.redisPrefix,
      concurrency: 2,
    });
    const queue = createQueue<{ a: number; b: number }>(name, { ...env, prefix: env.redisPrefix });
    try {
      const completed = once(worker.worker, 'completed');
      await queue.queue.add('sum', { a: 2, b: 40 });
      const [job] = (await completed) as [Job<{ a: number; b: number }, number>];
      expect(job.returnvalue).toBe(42);

      const keys = await scanKeys(redis, `${bullPrefix(env.redisPrefix, name)}:${name}:*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(bullPrefix(env.redisPrefix, name).startsWith(env.redisPrefix)).toBe(true);
      const connection = worker.connection;
      expect(connection instanceof Cluster ? connection.options.redisOptions?.maxRetriesPerRequest : connection.options.maxRetriesPerRequest).toBeNull();
      // The blocking connection BullMQ duplicated from ours is open too while the worker runs.
      expect((await clientNames()).filter((n) => n === `worker:${name}`).length).toBeGreaterThanOrEqual(1);
    } finally {
      await worker.close();
      await queue.close();
    }

    expect(worker.connection.status).toBe('end');
    expect(queue.connection.status).toBe('end');
    expect(await clientNames()).not.toContain(`worker:${name}`);
    expect(await clientNames()).not.toContain(`queue:${name}`);
    await worker.close(); // closing twice is harmless
  });

  it('lets a process that used a queue and a worker exit by itself after close()', async () => {
    const child = runFixture('job-round-trip.ts', { REDIS_URL: env.redisUrl, REDIS_PREFIX: env.redisPrefix, QUEUE: `exit-${uniqueWord(8)}` });
    // If a connection stayed open the child would never exit: the test fails on its timeout.
    const result = waitForLine(child, /^RESULT (\d+)$/);
    expect((await result)[1]).toBe('5');
    expect(await waitForExit(child)).toEqual({ code: 0, signal: null });
  });
});
