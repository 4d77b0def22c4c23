/**
 * On a real Redis Cluster (`npm run test:redis-cluster` starts one; never part of `npm test`): the
 * master holding a stream, and the master holding a BullMQ queue, are failed over to their
 * replicas while events are published and jobs enqueued. Nothing acknowledged may be lost: every
 * event whose publish returned is read by the consumer group, and every job whose add returned
 * runs to completion once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { streamOf } from '@shop/contracts';
import { testEnv } from '@shop/testing';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bullPrefix, createEvent, createQueue, createWorker, EventBus, StreamConsumer, streamKey } from '../src/index.js';
import type { RedisClient } from '../src/redis-client.js';
import { eventually, newRedis, uniqueEventDefinition, uniqueWord } from './support.js';

/** At least this many are sent; sending goes on until the failover is over, so it spans it. */
const MESSAGES = 300;
/** The failover starts once this many were acknowledged. */
const FAIL_OVER_AFTER = 100;

interface Shard {
  master: string;
  replica: string;
}

function clusterOf(redis: RedisClient): Cluster {
  if (!(redis instanceof Cluster)) throw new Error('this test needs REDIS_CLUSTER_NODES: run it with `npm run test:redis-cluster`');
  return redis;
}

/**
 * The master serving `key`'s slot and a replica of it. Right after a failover the former master
 * takes a moment to show up as the new master's replica: asked again until it does.
 */
function shardOf(cluster: Cluster, key: string): Promise<Shard> {
  return eventually(() => shardNow(cluster, key), 100);
}

/** The master serving `key`'s slot and a replica of it, from CLUSTER NODES as one node sees it now. */
async function shardNow(cluster: Cluster, key: string): Promise<Shard> {
  const slot = Number(await cluster.cluster('KEYSLOT', key));
  // <id> <ip:port@cport> <flags> <master id> <ping> <pong> <epoch> <link> <slot or range>...
  const nodes = String(await cluster.cluster('NODES'))
    .trim()
    .split('\n')
    .map((line) => line.split(' '));
  const serves = (range: string) => {
    const [from, to = from] = range.split('-').map(Number);
    return from !== undefined && slot >= from && slot <= to;
  };
  const master = nodes.find((f) => f[2]?.includes('master') && !f[2].includes('fail') && f.slice(8).some(serves));
  const replica = nodes.find((f) => f[2]?.includes('slave') && !f[2].includes('fail') && f[3] === master?.[0]);
  if (!master?.[1] || !replica?.[1]) throw new Error(`no master with a replica serves slot ${slot}`);
  return { master: master[1].split('@')[0]!, replica: replica[1].split('@')[0]! };
}

/** CLUSTER FAILOVER on the replica: it catches up with its master, then takes its slots over. */
async function failOver(shard: Shard): Promise<void> {
  const [host, port] = shard.replica.split(':');
  const replica = new Redis({ host, port: Number(port), maxRetriesPerRequest: 1 });
  try {
    await replica.cluster('FAILOVER');
    await eventually(async () => expect(((await replica.call('ROLE')) as unknown[])[0]).toBe('master'), 100);
  } finally {
    replica.disconnect();
  }
}

/** Calls `send` until it resolves (a call that failed was never acknowledged, so it is sent again). */
async function untilSent(send: () => Promise<unknown>, failures: { count: number }): Promise<void> {
  for (;;) {
    try {
      await send();
      return;
    } catch {
      failures.count += 1;
      await sleep(50);
    }
  }
}

/**
 * Sends messages one after another (`send(n)` answers what it acknowledged) while `shard` fails
 * over once FAIL_OVER_AFTER were acknowledged, and goes on until at least MESSAGES were sent and the
 * failover is over. Answers what was acknowledged, in order.
 */
async function sendAcrossFailover(shard: Shard, send: (n: number) => Promise<string>): Promise<string[]> {
  const acknowledged: string[] = [];
  const failures = { count: 0 };
  let failedOver = false;
  const failover = (async () => {
    await eventually(() => expect(acknowledged.length).toBeGreaterThanOrEqual(FAIL_OVER_AFTER), 5);
    await failOver(shard);
    failedOver = true;
  })();
  for (let n = 1; n <= MESSAGES || !failedOver; n++) {
    let id = '';
    await untilSent(async () => (id = await send(n)), failures);
    acknowledged.push(id);
    await sleep(2);
  }
  await failover;
  return acknowledged;
}

describe('a Redis Cluster master fails over mid-run', () => {
  const env = testEnv();
  let redis: RedisClient;
  let cluster: Cluster;

  beforeAll(() => {
    redis = newRedis(env);
    cluster = clusterOf(redis);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('loses no acknowledged event: the consumer group reads every event whose publish returned', async () => {
    const definition = uniqueEventDefinition();
    const stream = streamOf(definition.type);
    const key = streamKey(env.redisPrefix, stream);
    const bus = new EventBus({ redis, prefix: env.redisPrefix });
    const received = new Set<string>();
    const consumer = new StreamConsumer({
      redis,
      prefix: env.redisPrefix,
      streams: stream,
      group: `g-${uniqueWord(6)}`,
      blockMs: 200,
      claimIdleMs: 1_000,
      handler: async (envelope) => void received.add(envelope.eventId),
    });
    await consumer.start();

    const shard = await shardOf(cluster, key);
    try {
      const acknowledged = await sendAcrossFailover(shard, async (n) => {
        const envelope = createEvent(definition, { aggregateId: 'w-1', version: n, payload: { n }, source: 'failover-spec' });
        await bus.publish(envelope);
        return envelope.eventId;
      });

      // The stream's slot really moved to the former replica.
      expect((await shardOf(cluster, key)).master).toBe(shard.replica);
      await eventually(() => expect(acknowledged.filter((id) => !received.has(id))).toEqual([]), 100);
      expect(acknowledged.length).toBeGreaterThanOrEqual(MESSAGES);
    } finally {
      await consumer.stop();
    }
  });

  it('loses no acknowledged job: every job whose add returned completes, once', async () => {
    const name = `failover-${uniqueWord(8)}`;
    const executions = new Map<string, number>();
    const worker = createWorker<{ key: string }>(
      name,
      async (job) => {
        executions.set(job.data.key, (executions.get(job.data.key) ?? 0) + 1);
      },
      { ...env, prefix: env.redisPrefix, concurrency: 4 },
    );
    const queue = createQueue<{ key: string }>(name, { ...env, prefix: env.redisPrefix });
    // Any key of the queue names its slot: they all share the hash tag of bullPrefix.
    const shard = await shardOf(cluster, `${bullPrefix(env.redisPrefix, name)}:${name}:id`);
    try {
      const acknowledged = await sendAcrossFailover(shard, async (n) => {
        const key = `job-${n}`;
        // The job id is the key: an add retried after a lost reply enqueues nothing twice.
        await queue.queue.add('work', { key }, { jobId: key });
        return key;
      });

      expect((await shardOf(cluster, `${bullPrefix(env.redisPrefix, name)}:${name}:id`)).master).toBe(shard.replica);
      await eventually(() => expect(acknowledged.filter((key) => !executions.has(key))).toEqual([]), 100);
      await eventually(async () => expect(await queue.queue.getJobCounts('completed')).toEqual({ completed: acknowledged.length }), 100);
      // Once each: no job ran twice (a job whose lock was lost in the failover would have).
      expect([...executions].filter(([, count]) => count !== 1)).toEqual([]);
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
