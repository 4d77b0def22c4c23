import { streamOf } from '@shop/contracts';
import { testEnv } from '@shop/testing';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  EventBus,
  PoisonMessageError,
  StreamConsumer,
  type RedisClient,
  type StreamConsumerOptions,
  createEvent,
  registerStreamConsumerMetrics,
  streamKey,
} from '../src/index.js';
import { eventually, gate, newRedis, uniqueEventDefinition, uniqueWord } from './support.js';

/** The samples of one metric as a scrape would report them: labels → value. */
async function samples(registry: Registry, name: string): Promise<Record<string, number>> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  if (!metric) throw new Error(`${name} is not registered`);
  return Object.fromEntries(metric.values.map((v) => [JSON.stringify(v.labels), v.value]));
}

const series = (labels: Record<string, string>) => JSON.stringify(labels);

describe('stream consumer metrics, read from Redis at scrape time', () => {
  const env = testEnv();
  let redis: RedisClient;
  let bus: EventBus;
  const consumers: StreamConsumer[] = [];
  const unreachable: Redis[] = [];

  beforeAll(() => {
    redis = newRedis(env);
    bus = new EventBus({ redis, prefix: env.redisPrefix });
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
    for (const client of unreachable.splice(0)) client.disconnect();
  });
  afterAll(async () => {
    await redis.quit();
  });

  function consumer(options: Omit<StreamConsumerOptions, 'redis' | 'prefix'> & { redis?: RedisClient }): StreamConsumer {
    const created = new StreamConsumer({ redis, prefix: env.redisPrefix, blockMs: 200, ...options });
    consumers.push(created);
    return created;
  }

  function scenario() {
    const definition = uniqueEventDefinition();
    const stream = streamOf(definition.type);
    const event = (n: number) => createEvent(definition, { aggregateId: `w-${n}`, version: 1, payload: { n }, source: 'spec' });
    return { stream, key: streamKey(env.redisPrefix, stream), group: `g-${uniqueWord(6)}`, event };
  }

  it('reports the entries a group has not read as lag, those it reads as pending, and both at 0 once handled', async () => {
    const { stream, key, group, event } = scenario();
    for (let n = 1; n <= 5; n++) await bus.publish(event(n));
    // The group exists (a service deployed earlier) but none of its consumers runs.
    await redis.xgroup('CREATE', key, group, '0');
    const handlerGate = gate();
    const follower = consumer({ streams: stream, group, consumer: 'c1', batchSize: 2, handler: () => handlerGate.wait });
    const registry = new Registry();
    registerStreamConsumerMetrics(registry, [follower]);

    expect(await samples(registry, 'stream_consumer_lag_entries')).toEqual({ [series({ stream, group })]: 5 });
    expect(await samples(registry, 'stream_consumer_pending_entries')).toEqual({ [series({ stream, group })]: 0 });
    expect(await samples(registry, 'stream_dead_letters')).toEqual({ [series({ stream })]: 0 });

    // The consumer reads a batch of 2 and holds the first in its handler.
    await follower.start();
    await eventually(async () => {
      expect(await samples(registry, 'stream_consumer_lag_entries')).toEqual({ [series({ stream, group })]: 3 });
      expect(await samples(registry, 'stream_consumer_pending_entries')).toEqual({ [series({ stream, group })]: 2 });
    });

    handlerGate.open();
    await eventually(async () => {
      expect(await samples(registry, 'stream_consumer_lag_entries')).toEqual({ [series({ stream, group })]: 0 });
      expect(await samples(registry, 'stream_consumer_pending_entries')).toEqual({ [series({ stream, group })]: 0 });
    });
  });

  it('counts a dead-lettered event in the stream_dead_letters of its stream, and in the dead-lettered total of the group that gave up', async () => {
    const { stream, group, event } = scenario();
    const poisoned = consumer({
      streams: stream,
      group,
      consumer: 'c1',
      handler: async () => {
        throw new PoisonMessageError('cannot ever handle it');
      },
    });
    const other = consumer({ streams: stream, group: `${group}-other`, consumer: 'c1', handler: async () => undefined });
    const registry = new Registry();
    registerStreamConsumerMetrics(registry, [poisoned, other]);
    await poisoned.start();
    await other.start();

    await bus.publish(event(1));
    await eventually(async () => expect(await samples(registry, 'stream_dead_letters')).toEqual({ [series({ stream })]: 1 }));
    expect(await samples(registry, 'stream_dead_lettered_total')).toEqual({
      [series({ stream, group })]: 1,
      [series({ stream, group: `${group}-other` })]: 0,
    });
    await eventually(async () =>
      expect(await samples(registry, 'stream_consumer_pending_entries')).toEqual({
        [series({ stream, group })]: 0,
        [series({ stream, group: `${group}-other` })]: 0,
      }),
    );
  });

  it('leaves out a consumer whose Redis cannot be reached, and still reports the others', async () => {
    const { stream, key, group, event } = scenario();
    await redis.xgroup('CREATE', key, group, '$', 'MKSTREAM');
    await bus.publish(event(1));
    const healthy = consumer({ streams: stream, group, handler: async () => undefined });
    // Nothing listens on port 1: every command fails at once.
    const away = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    away.on('error', () => undefined);
    unreachable.push(away);
    const cut = consumer({ redis: away, streams: stream, group: `${group}-away`, handler: async () => undefined });
    const registry = new Registry();
    registerStreamConsumerMetrics(registry, [cut, healthy]);

    expect(await samples(registry, 'stream_consumer_lag_entries')).toEqual({ [series({ stream, group })]: 1 });
    expect(await registry.metrics()).toContain(`stream_consumer_pending_entries{stream="${stream}",group="${group}"} 0`);
  });

  it('reports nothing for a group that does not exist yet, and no failure', async () => {
    const { stream, group } = scenario();
    const notStarted = consumer({ streams: stream, group, handler: async () => undefined });
    const registry = new Registry();
    registerStreamConsumerMetrics(registry, [notStarted]);
    expect(await samples(registry, 'stream_consumer_lag_entries')).toEqual({});
    expect(await samples(registry, 'stream_dead_letters')).toEqual({ [series({ stream })]: 0 });
  });
});
