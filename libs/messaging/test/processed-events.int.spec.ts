import { randomUUID } from 'node:crypto';
import { streamOf } from '@shop/contracts';
import { type PrismaClient, type Tx, createPrismaClient } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import type { RedisClient } from '../src/redis-client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DeliveryContext,
  EventBus,
  ProcessedEvents,
  StreamConsumer,
  createEvent,
  idempotent,
  on,
  routeEvents,
  streamKey,
} from '../src/index.js';
import { eventually, newRedis, uniqueEventDefinition, uniqueWord } from './support.js';

describe('ProcessedEvents against Postgres', () => {
  const env = testEnv();
  let prisma: PrismaClient;
  let processed: ProcessedEvents;

  beforeAll(async () => {
    prisma = createPrismaClient({ databaseUrl: env.databaseUrl });
    processed = new ProcessedEvents(prisma);
    // A stand-in for a consumer's own table: the "effect" a handler writes.
    await prisma.$executeRawUnsafe(
      'CREATE TABLE IF NOT EXISTS public.messaging_spec_effect (consumer text NOT NULL, event_id uuid NOT NULL, note text)',
    );
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  const recordEffect = (consumer: string, eventId: string, note = '') => (tx: Tx) =>
    tx.$executeRaw`INSERT INTO public.messaging_spec_effect (consumer, event_id, note) VALUES (${consumer}, ${eventId}::uuid, ${note})`;

  async function effects(consumer: string, eventId?: string): Promise<number> {
    const rows = eventId
      ? await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM public.messaging_spec_effect WHERE consumer = ${consumer} AND event_id = ${eventId}::uuid`
      : await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM public.messaging_spec_effect WHERE consumer = ${consumer}`;
    return Number(rows[0]?.n ?? 0);
  }

  it('runs the effect of an event once, however often it is delivered', async () => {
    const consumer = `c-${uniqueWord()}`;
    const eventId = randomUUID();

    const first = await processed.runOnce(consumer, eventId, recordEffect(consumer, eventId));
    const second = await processed.runOnce(consumer, eventId, recordEffect(consumer, eventId));

    expect(first.status).toBe('processed');
    expect(second).toEqual({ status: 'duplicate' });
    expect(await effects(consumer, eventId)).toBe(1);
    expect(await processed.has(consumer, eventId)).toBe(true);
  });

  it('runs concurrent deliveries of one event once', async () => {
    const consumer = `c-${uniqueWord()}`;
    const eventId = randomUUID();

    const results = await Promise.all(
      Array.from({ length: 5 }, () => processed.runOnce(consumer, eventId, recordEffect(consumer, eventId))),
    );

    expect(results.filter((r) => r.status === 'processed')).toHaveLength(1);
    expect(await effects(consumer, eventId)).toBe(1);
  });

  it('records nothing when the handler fails, so the redelivery runs it', async () => {
    const consumer = `c-${uniqueWord()}`;
    const eventId = randomUUID();

    await expect(
      processed.runOnce(consumer, eventId, async (tx) => {
        await recordEffect(consumer, eventId, 'rolled back')(tx);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(await processed.has(consumer, eventId)).toBe(false);
    expect(await effects(consumer, eventId)).toBe(0);

    expect((await processed.runOnce(consumer, eventId, recordEffect(consumer, eventId))).status).toBe('processed');
    expect(await effects(consumer, eventId)).toBe(1);
  });

  it('keeps separate records per consumer', async () => {
    const eventId = randomUUID();
    const a = `a-${uniqueWord()}`;
    const b = `b-${uniqueWord()}`;

    expect((await processed.runOnce(a, eventId, recordEffect(a, eventId))).status).toBe('processed');
    expect((await processed.runOnce(b, eventId, recordEffect(b, eventId))).status).toBe('processed');
  });

  describe('wrapping a StreamConsumer handler', () => {
    let redis: RedisClient;
    beforeAll(() => {
      redis = newRedis(env);
    });
    afterAll(async () => {
      await redis.quit();
    });

    it('has one effect when the same event arrives twice on the stream', async () => {
      const definition = uniqueEventDefinition();
      const stream = streamOf(definition.type);
      const group = `g-${uniqueWord()}`;
      const bus = new EventBus({ redis, prefix: env.redisPrefix });
      let calls = 0;
      const consumer = new StreamConsumer({
        redis,
        prefix: env.redisPrefix,
        streams: stream,
        group,
        consumer: 'c1',
        blockMs: 200,
        handler: idempotent(
          processed,
          group,
          routeEvents<[Tx, DeliveryContext]>([
            on(definition, async (event, tx) => {
              calls += 1;
              await recordEffect(group, event.eventId, `n=${event.payload.n}`)(tx);
            }),
          ]),
        ),
      });
      await consumer.start();
      try {
        const envelope = createEvent(definition, { aggregateId: 'w-1', version: 1, payload: { n: 1 }, source: 'spec' });
        await bus.publish(envelope);
        await bus.publish(envelope); // e.g. the relay republished after a crash
        const other = createEvent(definition, { aggregateId: 'w-1', version: 2, payload: { n: 2 }, source: 'spec' });
        await bus.publish(other);

        await eventually(async () => expect(await effects(group)).toBe(2));
        await eventually(async () => {
          const [pending] = (await redis.xpending(streamKey(env.redisPrefix, stream), group)) as [number];
          expect(Number(pending)).toBe(0);
        });
        expect(calls).toBe(2);
        expect(await effects(group, envelope.eventId)).toBe(1);
      } finally {
        await consumer.stop();
      }
    });
  });
});
