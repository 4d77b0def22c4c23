import { randomUUID } from 'node:crypto';
import { type PrismaClient, createPrismaClient, pgPoolOf } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessedEventRetention, ProcessedEvents } from '../src/index.js';
import { eventually, uniqueWord } from './support.js';

describe('ProcessedEventRetention against Postgres', () => {
  let prisma: PrismaClient;
  let processed: ProcessedEvents;

  beforeAll(() => {
    prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl });
    processed = new ProcessedEvents(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  const retention = (consumers: string[], more: { retentionMs?: number | undefined; everyMs?: number } = {}) =>
    new ProcessedEventRetention({ pool: pgPoolOf(prisma), consumers, retentionMs: 'retentionMs' in more ? more.retentionMs : 86_400_000, everyMs: more.everyMs });

  async function record(consumer: string, ageHours = 0): Promise<string> {
    const eventId = randomUUID();
    await processed.runOnce(consumer, eventId, async () => undefined);
    if (ageHours > 0) {
      await prisma.$executeRaw`UPDATE messaging.processed_event SET processed_at = now() - make_interval(hours => ${ageHours}::int) WHERE consumer = ${consumer} AND event_id = ${eventId}::uuid`;
    }
    return eventId;
  }

  const recorded = async (consumer: string) =>
    (await prisma.processedEvent.findMany({ where: { consumer }, orderBy: { processedAt: 'asc' } })).map((r) => r.eventId);

  it('deletes its consumers’ records made before the cut, and no one else’s', async () => {
    const [mine, alsoMine, theirs] = [`mine-${uniqueWord()}`, `also-${uniqueWord()}`, `theirs-${uniqueWord()}`];
    const old = await record(mine, 48);
    const recent = await record(mine);
    const oldToo = await record(alsoMine, 48);
    const othersOld = await record(theirs, 48);

    expect(await retention([mine, alsoMine]).deleteRecordedBefore(new Date(Date.now() - 86_400_000))).toBe(2);
    expect(await recorded(mine)).toEqual([recent]);
    expect(await recorded(alsoMine)).toEqual([]);
    expect(await recorded(theirs)).toEqual([othersOld]);
    // An event whose record is gone would take effect again: why the retention must outlast redelivery.
    expect((await processed.runOnce(mine, old, async () => 'again')).status).toBe('processed');
    expect((await processed.runOnce(alsoMine, oldToo, async () => 'again')).status).toBe('processed');
    expect((await processed.runOnce(mine, recent, async () => 'again')).status).toBe('duplicate');
  });

  it('deletes a backlog larger than one statement deletes, to the last, unless told to stop', async () => {
    const consumer = `backlog-${uniqueWord()}`;
    const insertOld = (n: number) =>
      prisma.$executeRaw`INSERT INTO messaging.processed_event (consumer, event_id, processed_at) SELECT ${consumer}, gen_random_uuid(), now() - interval '2 days' FROM generate_series(1, ${n}::int)`;
    await insertOld(5_003);
    const cut = new Date(Date.now() - 86_400_000);
    // Asked to stop (a service shutting down mid-prune): it ends after the statement under way.
    expect(await retention([consumer]).deleteRecordedBefore(cut, () => false)).toBe(5_000);
    expect(await prisma.processedEvent.count({ where: { consumer } })).toBe(3);
    await insertOld(5_000);
    expect(await retention([consumer]).deleteRecordedBefore(cut)).toBe(5_003);
    expect(await prisma.processedEvent.count({ where: { consumer } })).toBe(0);
  });

  it('once started, deletes the records past the retention every interval; stopped, it deletes nothing more', async () => {
    const consumer = `running-${uniqueWord()}`;
    const old = await record(consumer, 48);
    const recent = await record(consumer);
    const running = retention([consumer], { everyMs: 50 });
    running.start();
    try {
      await eventually(async () => expect(await recorded(consumer)).toEqual([recent]));
    } finally {
      await running.stop();
    }
    expect(old).not.toBe(recent);
    const later = await record(consumer, 48);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await recorded(consumer)).toEqual([later, recent]);
    // Without a retention (PROCESSED_EVENT_RETENTION_HOURS=0) nothing is ever deleted.
    const keeping = retention([consumer], { retentionMs: undefined, everyMs: 50 });
    keeping.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await keeping.stop();
    expect(await recorded(consumer)).toEqual([later, recent]);
  });
});
