import { defineEvent, streamOf } from '@shop/contracts';
import { testEnv } from '@shop/testing';
import type { RedisClient } from '../src/redis-client.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type DeliveryContext,
  EventBus,
  type EventHandler,
  PoisonMessageError,
  StreamConsumer,
  type StreamConsumerOptions,
  createEvent,
  deadLetterKey,
  readDeadLetters,
  streamKey,
} from '../src/index.js';
import { eventually, gate, newRedis, runFixture, uniqueEventDefinition, uniqueWord, waitForExit, waitForLine, WidgetChanged } from './support.js';

describe('StreamConsumer against Redis', () => {
  const env = testEnv();
  let redis: RedisClient;
  let bus: EventBus;
  const consumers: StreamConsumer[] = [];

  beforeAll(() => {
    redis = newRedis(env);
    bus = new EventBus({ redis, prefix: env.redisPrefix });
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
  });
  afterAll(async () => {
    await redis.quit();
  });

  function consumer(options: Omit<StreamConsumerOptions, 'redis' | 'prefix'>): StreamConsumer {
    const created = new StreamConsumer({ redis, prefix: env.redisPrefix, blockMs: 200, ...options });
    consumers.push(created);
    return created;
  }

  function scenario() {
    const definition = uniqueEventDefinition();
    const stream = streamOf(definition.type);
    const event = (n: number, aggregateId = 'w-1') =>
      createEvent(definition, { aggregateId, version: n, payload: { n }, source: 'spec' });
    return { definition, stream, key: streamKey(env.redisPrefix, stream), group: `g-${uniqueWord(6)}`, event };
  }

  async function pendingCount(key: string, group: string): Promise<number> {
    const summary = (await redis.xpending(key, group)) as [number, ...unknown[]];
    return Number(summary[0]);
  }

  it('publishes to <prefix>{events.<context>} and delivers the envelope, then acknowledges it', async () => {
    const { stream, key, group, event } = scenario();
    const received: unknown[] = [];
    const deliveries: DeliveryContext[] = [];
    await consumer({
      streams: stream,
      group,
      consumer: 'c1',
      handler: async (envelope, delivery) => {
        received.push(envelope);
        deliveries.push(delivery);
      },
    }).start();

    const published = [event(1), event(2)];
    for (const envelope of published) await bus.publish(envelope);

    await eventually(() => expect(received).toHaveLength(2));
    expect(key).toBe(`${env.redisPrefix}{${stream}}`);
    expect(await redis.xlen(key)).toBe(2);
    expect(received).toEqual(published);
    expect(deliveries.map((d) => d.deliveryCount)).toEqual([1, 1]);
    await eventually(async () => expect(await pendingCount(key, group)).toBe(0));
  });

  it('with eventTypes, hands only those types to the handler and acknowledges the others unread', async () => {
    const { definition, stream, key, group, event } = scenario();
    const other = defineEvent(definition.type.replace('.widget.', '.gadget.'), WidgetChanged);
    expect(streamOf(other.type)).toBe(stream);
    const received: string[] = [];
    await consumer({ streams: stream, group, eventTypes: [definition.type], handler: async (envelope) => void received.push(`${envelope.eventType}#${envelope.version}`) }).start();

    await bus.publish(event(1));
    await bus.publish(createEvent(other, { aggregateId: 'g-1', version: 7, payload: { n: 7 }, source: 'spec' }));
    // Another type with an envelope nobody could parse: not ours, so not read, not dead-lettered.
    await redis.xadd(key, '*', 'envelope', '{not json', 'eventType', other.type);
    await bus.publish(event(2));

    await eventually(() => expect(received).toEqual([`${definition.type}#1`, `${definition.type}#2`]));
    await eventually(async () => expect(await pendingCount(key, group)).toBe(0));
    expect(await redis.xlen(deadLetterKey(env.redisPrefix, stream))).toBe(0);
  });

  it('trims a stream to about maxLen entries', async () => {
    const { key, event } = scenario();
    const small = new EventBus({ redis, prefix: env.redisPrefix, maxLen: 10 });
    for (let n = 0; n < 500; n++) await small.publish(event(n));
    // MAXLEN ~ trims whole radix-tree nodes (100 entries by default), so "about" is generous.
    expect(await redis.xlen(key)).toBeLessThan(500);
  });

  it('refuses to publish an envelope that breaks the contract', async () => {
    const { event } = scenario();
    await expect(bus.publish({ ...event(1), eventId: 'not-a-uuid' })).rejects.toThrow();
  });

  it('handles messages published before the group existed (starts from the beginning)', async () => {
    const { stream, group, event } = scenario();
    const early = event(1);
    await bus.publish(early);
    const received: string[] = [];
    await consumer({ streams: stream, group, consumer: 'c1', handler: async (e) => void received.push(e.eventId) }).start();

    await eventually(() => expect(received).toEqual([early.eventId]));
  });

  it('acknowledges a batch in one XACK, leaving a failed message of it pending for its retry', async () => {
    const { stream, key, group, event } = scenario();
    for (let n = 1; n <= 5; n++) await bus.publish(event(n));
    const acks: string[][] = [];
    // The real client, with its XACKs recorded.
    const counted = new Proxy(redis, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property === 'xack') return (...args: unknown[]) => (acks.push(args.slice(2) as string[]), (value as (...a: unknown[]) => unknown).apply(target, args));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const handled: string[] = [];
    const created = new StreamConsumer({
      redis: counted,
      prefix: env.redisPrefix,
      blockMs: 200,
      streams: stream,
      group,
      consumer: 'c1',
      claimIdleMs: 100,
      handler: async (envelope, delivery) => {
        if (envelope.version === 3 && delivery.deliveryCount === 1) throw new Error('transient');
        handled.push(`${envelope.version}@${delivery.deliveryCount}`);
      },
    });
    consumers.push(created);
    await created.start();

    await eventually(() => expect(handled).toEqual(['1@1', '2@1', '4@1', '5@1', '3@2']));
    await eventually(async () => expect(await pendingCount(key, group)).toBe(0));
    const ids = (await redis.xrange(key, '-', '+')).map(([id]) => id);
    expect(acks).toEqual([[ids[0], ids[1], ids[3], ids[4]], [ids[2]]]);
  });

  it('retries a failed message after claimIdleMs with a higher delivery count', async () => {
    const { stream, key, group, event } = scenario();
    const counts: number[] = [];
    await consumer({
      streams: stream,
      group,
      consumer: 'c1',
      claimIdleMs: 100,
      handler: async (_envelope, delivery) => {
        counts.push(delivery.deliveryCount);
        if (delivery.deliveryCount === 1) throw new Error('transient');
      },
    }).start();

    await bus.publish(event(1));

    await eventually(() => expect(counts).toEqual([1, 2]));
    await eventually(async () => expect(await pendingCount(key, group)).toBe(0));
    expect(await redis.xlen(deadLetterKey(env.redisPrefix, stream))).toBe(0);
  });

  it('moves a message that keeps failing to the dead-letter stream after maxAttempts, with the error', async () => {
    const { stream, key, group, event } = scenario();
    let calls = 0;
    await consumer({
      streams: stream,
      group,
      consumer: 'c1',
      maxAttempts: 3,
      claimIdleMs: 50,
      handler: async () => {
        calls += 1;
        throw new Error(`boom ${calls}`);
      },
    }).start();
    const poison = event(1);
    const messageId = await bus.publish(poison);

    const [letter] = await eventually(async () => {
      const letters = await readDeadLetters(redis, env.redisPrefix, stream);
      expect(letters).toHaveLength(1);
      return letters;
    });
    expect(letter).toMatchObject({ error: 'boom 3', attempts: 3, group, consumer: 'c1', stream, messageId });
    expect(JSON.parse(letter!.envelope)).toEqual(poison);
    expect(calls).toBe(3);
    expect(await pendingCount(key, group)).toBe(0);
  });

  it('dead-letters at once an envelope that breaks the contract, or a PoisonMessageError', async () => {
    const { stream, key, group, event } = scenario();
    const handled: string[] = [];
    await consumer({
      streams: stream,
      group,
      consumer: 'c1',
      handler: async (envelope) => {
        handled.push(envelope.eventId);
        if (envelope.version === 2) throw new PoisonMessageError('cannot ever handle version 2');
      },
    }).start();

    await redis.xadd(key, '*', 'envelope', '{"eventId":"nope"}');
    await redis.xadd(key, '*', 'something', 'else');
    const poison = event(2);
    await bus.publish(poison);
    const fine = event(3);
    await bus.publish(fine);

    await eventually(() => expect(handled).toEqual([poison.eventId, fine.eventId]));
    const letters = await eventually(async () => {
      const found = await readDeadLetters(redis, env.redisPrefix, stream);
      expect(found).toHaveLength(3);
      return found;
    });
    expect(letters.map((l) => [l.attempts, l.error.split(':')[0]])).toEqual([
      [1, 'Envelope does not match the contract'],
      [1, 'Stream entry has no envelope field'],
      [1, 'cannot ever handle version 2'],
    ]);
    await eventually(async () => expect(await pendingCount(key, group)).toBe(0));
  });

  it('dead-letters without handling a reclaimed message already delivered more than maxAttempts times', async () => {
    const { stream, key, group, event } = scenario();
    await redis.xgroup('CREATE', key, group, '0', 'MKSTREAM');
    const id = await bus.publish(event(1));
    // A consumer that took the message and died four times in a row.
    await redis.xreadgroup('GROUP', group, 'ghost', 'COUNT', 1, 'STREAMS', key, '>');
    await redis.call('XCLAIM', key, group, 'ghost', 0, id, 'RETRYCOUNT', 4);

    let calls = 0;
    await consumer({ streams: stream, group, consumer: 'c1', maxAttempts: 3, claimIdleMs: 50, handler: async () => void (calls += 1) }).start();

    const letters = await eventually(async () => {
      const found = await readDeadLetters(redis, env.redisPrefix, stream);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(letters[0]).toMatchObject({ attempts: 5, messageId: id });
    expect(letters[0]!.error).toMatch(/Delivered 5 times/);
    expect(calls).toBe(0);
  });

  it('hands a message left by a consumer killed mid-message (SIGKILL) to another consumer via XAUTOCLAIM', async () => {
    const { stream, key, group, event } = scenario();
    const child = runFixture('hanging-consumer.ts', {
      REDIS_URL: env.redisUrl,
      REDIS_PREFIX: env.redisPrefix,
      STREAM: stream,
      GROUP: group,
      CONSUMER: 'doomed',
    });
    try {
      await waitForLine(child, /^READY$/);
      const envelope = event(1);
      const taken = waitForLine(child, /^TOOK (\S+)$/);
      await bus.publish(envelope);
      expect((await taken)[1]).toBe(envelope.eventId);
    } finally {
      child.kill('SIGKILL');
    }
    expect((await waitForExit(child)).signal).toBe('SIGKILL');

    const [pendingBefore] = (await redis.xpending(key, group, '-', '+', 10)) as [string, string, number, number][];
    expect(pendingBefore).toMatchObject([expect.any(String), 'doomed', expect.any(Number), 1]);

    const handled: { eventId: string; delivery: DeliveryContext }[] = [];
    await consumer({
      streams: stream,
      group,
      consumer: 'survivor',
      claimIdleMs: 200,
      handler: async (e, delivery) => void handled.push({ eventId: e.eventId, delivery }),
    }).start();

    await eventually(() => expect(handled).toHaveLength(1));
    expect(handled[0]!.delivery).toMatchObject({ consumer: 'survivor', deliveryCount: 2 });
    await eventually(async () => expect(await pendingCount(key, group)).toBe(0));
  });

  it('stop() waits for the message in flight, acknowledges it, and does not wait out a long block', async () => {
    const { stream, key, group, event } = scenario();
    const started = gate();
    const release = gate();
    let finished = 0;
    const handler: EventHandler = async () => {
      started.open();
      await release.wait;
      finished += 1;
    };
    // A 60 s block is longer than the test timeout: stop() must interrupt it.
    const running = consumer({ streams: stream, group, consumer: 'c1', blockMs: 60_000, handler });
    await running.start();
    await bus.publish(event(1));
    await started.wait;

    const stopping = running.stop();
    release.open();
    await stopping;

    expect(finished).toBe(1);
    expect(running.running).toBe(false);
    expect(await pendingCount(key, group)).toBe(0);

    const idle = consumer({ streams: stream, group, consumer: 'c2', blockMs: 60_000, handler: async () => undefined });
    await idle.start();
    await idle.stop();
    expect(idle.running).toBe(false);
  });

  it('consumes several streams with one consumer', async () => {
    const a = scenario();
    const b = scenario();
    const received: string[] = [];
    await consumer({
      streams: [a.stream, b.stream],
      group: a.group,
      consumer: 'c1',
      handler: async (envelope) => void received.push(envelope.eventType),
    }).start();

    await bus.publish(a.event(1));
    await bus.publish(b.event(1));

    await eventually(() => expect(received.sort()).toEqual([a.definition.type, b.definition.type].sort()));
  });
});
