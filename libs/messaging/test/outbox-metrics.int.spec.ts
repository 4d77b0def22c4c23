import { type PrismaClient, createPrismaClient, pgPoolOf } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import type { RedisClient } from '../src/index.js';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus, OutboxRelay, appendToOutbox, createEvent, registerOutboxMetrics } from '../src/index.js';
import { newRedis, uniqueEventDefinition, uniqueWord } from './support.js';

/** The samples of one metric as a scrape would report them: source → value. */
async function bySource(registry: Registry, name: string): Promise<Record<string, number>> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  if (!metric) throw new Error(`${name} is not registered`);
  return Object.fromEntries(metric.values.map((v) => [String(v.labels.source), v.value]));
}

describe('outbox metrics, read from Postgres at scrape time', () => {
  const env = testEnv();
  let prisma: PrismaClient;
  let unreachable: PrismaClient;
  let redis: RedisClient;
  let bus: EventBus;

  beforeAll(() => {
    prisma = createPrismaClient({ databaseUrl: env.databaseUrl });
    // Nothing listens on port 1: every query fails at once.
    unreachable = createPrismaClient({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/test' });
    redis = newRedis(env);
    bus = new EventBus({ redis, prefix: env.redisPrefix });
  });
  afterAll(async () => {
    await redis.quit();
    await prisma.$disconnect();
    await unreachable.$disconnect();
  });

  async function commitEvents(source: string, count: number): Promise<void> {
    const definition = uniqueEventDefinition();
    await prisma.$transaction(async (tx) => {
      for (let n = 1; n <= count; n++) {
        await appendToOutbox(tx, createEvent(definition, { aggregateId: `w-${n}`, version: 1, payload: { n }, source }), source);
      }
    });
  }

  it('reports the unpublished rows of each source and the age of the oldest, then 0 once relayed', async () => {
    const source = `svc-${uniqueWord()}`;
    const quiet = `svc-${uniqueWord()}`;
    const relay = new OutboxRelay({ pool: pgPoolOf(prisma), bus, source });
    const registry = new Registry();
    registerOutboxMetrics(registry, [relay, new OutboxRelay({ pool: pgPoolOf(prisma), bus, source: quiet })]);

    await commitEvents(source, 3);
    expect(await bySource(registry, 'outbox_unpublished_events')).toEqual({ [source]: 3, [quiet]: 0 });
    const ages = await bySource(registry, 'outbox_oldest_unpublished_age_seconds');
    expect(ages[source]).toBeGreaterThan(0);
    expect(ages[quiet]).toBe(0);

    expect(await relay.drain()).toBe(3);
    expect(await bySource(registry, 'outbox_unpublished_events')).toEqual({ [source]: 0, [quiet]: 0 });
    expect(await bySource(registry, 'outbox_oldest_unpublished_age_seconds')).toEqual({ [source]: 0, [quiet]: 0 });
  });

  it('leaves out a relay whose database cannot be reached, and still reports the others', async () => {
    const source = `svc-${uniqueWord()}`;
    const registry = new Registry();
    registerOutboxMetrics(registry, [
      new OutboxRelay({ pool: pgPoolOf(unreachable), bus, source: `svc-${uniqueWord()}` }),
      new OutboxRelay({ pool: pgPoolOf(prisma), bus, source }),
    ]);
    await commitEvents(source, 2);
    expect(await bySource(registry, 'outbox_unpublished_events')).toEqual({ [source]: 2 });
    expect(await registry.metrics()).toContain(`outbox_unpublished_events{source="${source}"} 2`);
  });
});
