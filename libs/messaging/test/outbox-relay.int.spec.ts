import { type EventEnvelope, streamOf } from '@shop/contracts';
import { type PrismaClient, createPrismaClient, pgPoolOf } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import { createRedis, type RedisClient } from '../src/redis-client.js';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventBus, OutboxRelay, type OutboxRelayOptions, appendToOutbox, createEvent, streamKey } from '../src/index.js';
import { OUTBOX_RELAY_LOCK } from '../src/outbox.js';
import { eventually, gate, newRedis, uniqueEventDefinition, uniqueWord } from './support.js';

describe('transactional outbox and OutboxRelay', () => {
  const env = testEnv();
  let prisma: PrismaClient;
  let redis: RedisClient;
  let bus: EventBus;
  const relays: OutboxRelay[] = [];

  beforeAll(() => {
    prisma = createPrismaClient({ databaseUrl: env.databaseUrl });
    redis = newRedis(env);
    bus = new EventBus({ redis, prefix: env.redisPrefix });
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });
  afterAll(async () => {
    await redis.quit();
    await prisma.$disconnect();
  });

  function relay(options: Partial<OutboxRelayOptions> & { source: string }): OutboxRelay {
    const created = new OutboxRelay({ pool: pgPoolOf(prisma), bus, pollIntervalMs: 50, ...options });
    relays.push(created);
    return created;
  }

  function scenario() {
    const definition = uniqueEventDefinition();
    const stream = streamOf(definition.type);
    const source = `svc-${uniqueWord()}`;
    const event = (n: number, aggregateId = `w-${n % 3}`) =>
      createEvent(definition, { aggregateId, version: n, payload: { n }, source });
    return { definition, stream, key: streamKey(env.redisPrefix, stream), source, event };
  }

  async function commit(source: string, envelopes: EventEnvelope[], notify = false): Promise<void> {
    await prisma.$transaction(async (tx) => {
      for (const envelope of envelopes) await appendToOutbox(tx, envelope, source, { notify });
    });
  }

  async function streamEventIds(key: string): Promise<string[]> {
    const entries = await redis.xrange(key, '-', '+');
    return entries.map(([, fields]) => (JSON.parse(fields[fields.indexOf('envelope') + 1]!) as EventEnvelope).eventId);
  }

  async function outboxIds(source: string): Promise<string[]> {
    const rows = await prisma.outboxEvent.findMany({ where: { source }, orderBy: { id: 'asc' }, select: { eventId: true } });
    return rows.map((row) => row.eventId);
  }

  it('publishes a committed event and marks it published', async () => {
    const { key, source, event, stream } = scenario();
    const envelope = event(1);
    await commit(source, [envelope]);

    expect(await relay({ source }).drain()).toBe(1);

    const entries = await redis.xrange(key, '-', '+');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]![1][1]!)).toEqual(envelope);
    const row = await prisma.outboxEvent.findUniqueOrThrow({ where: { eventId: envelope.eventId } });
    expect(row).toMatchObject({ source, stream, eventType: envelope.eventType, aggregateId: envelope.aggregateId });
    expect(row.publishedAt).toBeInstanceOf(Date);
    expect(await relay({ source }).drain()).toBe(0);
  });

  it('publishes nothing from a rolled-back transaction', async () => {
    const { key, source, event } = scenario();
    const doomed = event(1);
    await expect(
      prisma.$transaction(async (tx) => {
        await appendToOutbox(tx, doomed, source);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const kept = event(2);
    await commit(source, [kept]);

    await relay({ source }).drain();

    expect(await streamEventIds(key)).toEqual([kept.eventId]);
    expect(await prisma.outboxEvent.count({ where: { eventId: doomed.eventId } })).toBe(0);
  });

  it('publishes everything committed, in order, across a stop and a restart', async () => {
    const { key, source, event } = scenario();
    const first = relay({ source, batchSize: 3 });
    await first.start();
    const envelopes = Array.from({ length: 20 }, (_, n) => event(n));
    for (const chunk of [envelopes.slice(0, 4), envelopes.slice(4, 9), envelopes.slice(9, 12)]) await commit(source, chunk);
    await eventually(async () => expect((await streamEventIds(key)).length).toBeGreaterThan(0));
    await first.stop();

    await commit(source, envelopes.slice(12)); // committed while no relay runs
    const second = relay({ source, batchSize: 3 });
    await second.start();

    await eventually(async () => expect(await streamEventIds(key)).toHaveLength(20));
    expect(await streamEventIds(key)).toEqual(envelopes.map((e) => e.eventId));
    expect(await outboxIds(source)).toEqual(envelopes.map((e) => e.eventId));
    expect(await prisma.outboxEvent.count({ where: { source, publishedAt: null } })).toBe(0);
  });

  it('deletes only its own source rows published before the given moment', async () => {
    const { source, event } = scenario();
    const other = scenario();
    const [old, recent, unpublished] = [event(1), event(2), event(3)];
    await commit(source, [old, recent]);
    await commit(other.source, [other.event(1)]);
    await relay({ source }).drain();
    await relay({ source: other.source }).drain();
    await commit(source, [unpublished]);
    await prisma.$executeRaw`UPDATE messaging.outbox_event SET published_at = now() - interval '2 days' WHERE event_id = ${old.eventId}::uuid`;
    await prisma.$executeRaw`UPDATE messaging.outbox_event SET published_at = now() - interval '2 days' WHERE source = ${other.source}`;

    expect(await relay({ source }).deletePublishedBefore(new Date(Date.now() - 86_400_000))).toBe(1);
    expect(await outboxIds(source)).toEqual([recent.eventId, unpublished.eventId]);
    expect(await outboxIds(other.source)).toHaveLength(1);
  });

  it('deletes a backlog of old rows larger than one statement deletes, to the last, unless told to stop', async () => {
    const { source } = scenario();
    await prisma.$executeRaw`
      INSERT INTO messaging.outbox_event (event_id, source, stream, event_type, aggregate_id, envelope, published_at)
      SELECT gen_random_uuid(), ${source}, 'test', 'test.old.v1', 'a', '{}'::jsonb, now() - interval '2 days' FROM generate_series(1, 5003)`;
    const cut = new Date(Date.now() - 86_400_000);
    // Asked to stop (a relay stopping mid-prune): it ends after the statement under way.
    expect(await relay({ source }).deletePublishedBefore(cut, () => false)).toBe(5000);
    expect(await prisma.outboxEvent.count({ where: { source } })).toBe(3);
    await prisma.$executeRaw`
      INSERT INTO messaging.outbox_event (event_id, source, stream, event_type, aggregate_id, envelope, published_at)
      SELECT gen_random_uuid(), ${source}, 'test', 'test.old.v1', 'a', '{}'::jsonb, now() - interval '2 days' FROM generate_series(1, 5000)`;
    expect(await relay({ source }).deletePublishedBefore(cut)).toBe(5003);
    expect(await prisma.outboxEvent.count({ where: { source } })).toBe(0);
  });

  it('a running relay deletes its published rows once past their retention, and keeps the recent ones', async () => {
    const { source, event } = scenario();
    const [old, recent] = [event(1), event(2)];
    await commit(source, [old, recent]);
    await relay({ source }).drain();
    await prisma.$executeRaw`UPDATE messaging.outbox_event SET published_at = now() - interval '2 days' WHERE event_id = ${old.eventId}::uuid`;

    const pruning = relay({ source, retentionMs: 86_400_000, pruneEveryMs: 50 });
    await pruning.start();
    await eventually(async () => expect(await outboxIds(source)).toEqual([recent.eventId]));
    await pruning.stop();
    // Without a retention nothing is ever deleted.
    await prisma.$executeRaw`UPDATE messaging.outbox_event SET published_at = now() - interval '2 days' WHERE event_id = ${recent.eventId}::uuid`;
    await relay({ source }).start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await outboxIds(source)).toEqual([recent.eventId]);
  });

  it('publishes a batch with one Redis round trip per stream, each stream in order', async () => {
    const a = scenario();
    const b = scenario();
    const source = a.source;
    const envelopes = Array.from({ length: 6 }, (_, n) => (n % 2 === 0 ? a.event(n) : b.event(n)));
    await commit(source, envelopes);
    // Every command the bus sends goes through this view of the real client (a server or a cluster alike).
    const commands: string[] = [];
    const watched = new Proxy(redis, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (typeof property === 'string' && /^(eval|evalsha|xadd)$/i.test(property)) commands.push(`${property} ${String(args[property === 'xadd' ? 0 : 2])}`);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const counted = new EventBus({ redis: watched, prefix: env.redisPrefix });
    expect(await relay({ source, bus: counted }).relayBatch()).toEqual({ published: 6, acquired: true });
    expect(commands.sort()).toEqual([`eval ${a.key}`, `eval ${b.key}`].sort());
    expect(await streamEventIds(a.key)).toEqual(envelopes.filter((_, n) => n % 2 === 0).map((e) => e.eventId));
    expect(await streamEventIds(b.key)).toEqual(envelopes.filter((_, n) => n % 2 === 1).map((e) => e.eventId));
  });

  it('when Redis refuses a stream mid-batch, marks what went out and publishes the rest next time, in order', async () => {
    const a = scenario();
    const b = scenario();
    const source = a.source;
    const envelopes = [a.event(1), b.event(2), a.event(3), b.event(4)];
    await commit(source, envelopes);
    // The stream's key holds a string: Redis answers WRONGTYPE to every XADD on it.
    await redis.set(b.key, 'not a stream');

    await expect(relay({ source }).relayBatch()).rejects.toThrow(/WRONGTYPE/);
    expect(await streamEventIds(a.key)).toEqual([envelopes[0]!.eventId, envelopes[2]!.eventId]);
    expect(await prisma.outboxEvent.count({ where: { source, publishedAt: { not: null } } })).toBe(2);

    await redis.del(b.key);
    expect(await relay({ source }).drain()).toBe(2);
    expect(await streamEventIds(b.key)).toEqual([envelopes[1]!.eventId, envelopes[3]!.eventId]);
  });

  it('stops a stream at an invalid envelope, so nothing after it overtakes it, and goes on once it is mended', async () => {
    const { key, source, event } = scenario();
    const envelopes = [event(1), event(2), event(3)];
    await commit(source, envelopes);
    const broken = envelopes[1]!;
    await prisma.$executeRaw`UPDATE messaging.outbox_event SET envelope = jsonb_set(envelope, '{version}', '-1') WHERE event_id = ${broken.eventId}::uuid`;

    await expect(relay({ source }).relayBatch()).rejects.toThrow(`invalid event envelope ${broken.eventId}`);
    expect(await streamEventIds(key)).toEqual([envelopes[0]!.eventId]);

    await prisma.$executeRaw`UPDATE messaging.outbox_event SET envelope = jsonb_set(envelope, '{version}', '2') WHERE event_id = ${broken.eventId}::uuid`;
    expect(await relay({ source }).drain()).toBe(2);
    expect(await streamEventIds(key)).toEqual(envelopes.map((e) => e.eventId));
  });

  it('when Redis cannot be reached, marks nothing and publishes everything once it can', async () => {
    const { key, source, event } = scenario();
    const envelopes = [event(1), event(2)];
    await commit(source, envelopes);
    // Nothing listens on port 1: every command is refused at once (no offline queue, no reconnecting).
    const gone = createRedis({ redisUrl: 'redis://127.0.0.1:1' }, { enableOfflineQueue: false, retryStrategy: () => null });
    gone.on('error', () => undefined);
    await expect(relay({ source, bus: new EventBus({ redis: gone, prefix: env.redisPrefix }) }).relayBatch()).rejects.toThrow(/writeable|closed|ECONNREFUSED/i);
    expect(await prisma.outboxEvent.count({ where: { source, publishedAt: { not: null } } })).toBe(0);

    expect(await relay({ source }).drain()).toBe(2);
    expect(await streamEventIds(key)).toEqual(envelopes.map((e) => e.eventId));
    gone.disconnect();
  });

  it('lets only one relay of a source publish at a time', async () => {
    const { key, source, event } = scenario();
    const envelopes = Array.from({ length: 30 }, (_, n) => event(n));
    await commit(source, envelopes);

    // Another relay is in the middle of a batch: it holds the source's lock.
    const other = new pg.Client({ connectionString: env.databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1::int4, hashtext($2))', [OUTBOX_RELAY_LOCK, source]);
      expect(await relay({ source }).relayBatch()).toEqual({ published: 0, acquired: false });
      await other.query('COMMIT');
    } finally {
      await other.end();
    }

    // Two relays racing: each row is published once, in order.
    const a = relay({ source, batchSize: 4 });
    const b = relay({ source, batchSize: 4 });
    await Promise.all([a.start(), b.start()]);
    await eventually(async () => expect(await prisma.outboxEvent.count({ where: { source, publishedAt: null } })).toBe(0));
    expect(await streamEventIds(key)).toEqual(envelopes.map((e) => e.eventId));
  });

  it('makes a second transaction for the same aggregate wait for the first, so ids follow commit order', async () => {
    const { source, event } = scenario();
    const inFirst = gate();
    const finishFirst = gate();
    const first = prisma.$transaction(async (tx) => {
      await appendToOutbox(tx, event(1, 'agg-a'), source);
      inFirst.open();
      await finishFirst.wait;
    });
    await inFirst.wait;

    // Another aggregate is not held up.
    await commit(source, [event(2, 'agg-b')]);

    const second = commit(source, [event(3, 'agg-a')]);
    await eventually(async () => {
      const waiting = await prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
      expect(Number(waiting[0]?.n)).toBe(1);
    });
    finishFirst.open();
    await Promise.all([first, second]);

    const order = (await prisma.outboxEvent.findMany({ where: { source }, orderBy: { id: 'asc' } })).map(
      (row) => (row.envelope as unknown as EventEnvelope).version,
    );
    expect(order).toEqual([1, 2, 3]);
  });

  it('wakes on NOTIFY when the producer asks for it', async () => {
    const { key, source, event } = scenario();
    // Polling alone would not come round again within the test timeout.
    const listening = relay({ source, pollIntervalMs: 600_000, listen: { databaseUrl: env.databaseUrl } });
    await listening.start();
    await eventually(async () => {
      const listeners = await prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = ${`outbox-relay:${source}`} AND query LIKE 'LISTEN%'`;
      expect(Number(listeners[0]?.n)).toBe(1);
    });

    const envelope = event(1);
    await commit(source, [envelope], true);

    await eventually(async () => expect(await streamEventIds(key)).toEqual([envelope.eventId]));
  });
});
