import { randomUUID } from 'node:crypto';
import { createRedis, type RedisClient } from '@shop/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DeadLetterPage, DeadLetterRetried, DeadLetterStreamList, defineEvent, type DeadLetterView } from '@shop/contracts';
import { createEvent, EventBus, PoisonMessageError, StreamConsumer, streamKey } from '@shop/messaging';
import { eventually, TcpProxy, testEnv } from '@shop/testing';
import { call, login, StandIn, startTestGateway, type TestGateway } from './gateway-harness.js';

/**
 * Dead letters through the gateway's operations routes, on real Redis, made honestly: real
 * consumer groups, one of which refuses a poison event until it is "fixed".
 */
const Thing = defineEvent('opstest.thing.happened.v1', z.object({ n: z.number().int() }));
const STREAM = Thing.stream;

let upstream: StandIn;
let gateway: TestGateway;
let admin: string;
let redis: RedisClient;
let bus: EventBus;
const consumers: StreamConsumer[] = [];
/** Event ids the flaky group refuses (poison) until removed from here. */
const refused = new Set<string>();
const handled = { flaky: [] as string[], steady: [] as string[] };

beforeAll(async () => {
  upstream = await new StandIn().start();
  gateway = await startTestGateway({ catalogUrl: upstream.url });
  admin = (await login(gateway.url, gateway.admin.email, gateway.admin.password)).accessToken;
  redis = createRedis(testEnv());
  const prefix = gateway.config.redisPrefix;
  bus = new EventBus({ redis, prefix });
  const consumer = (group: string, onEvent: (eventId: string) => void) =>
    new StreamConsumer({
      redis,
      prefix,
      streams: STREAM,
      group,
      blockMs: 100,
      handler: async (envelope) => {
        onEvent(envelope.eventId);
      },
    });
  consumers.push(
    consumer('ops-test.flaky', (id) => {
      if (refused.has(id)) throw new PoisonMessageError(`cannot handle thing ${id} yet`);
      handled.flaky.push(id);
    }),
    consumer('ops-test.steady', (id) => handled.steady.push(id)),
  );
  for (const c of consumers) await c.start();
});
afterAll(async () => {
  for (const c of consumers) await c.stop();
  redis?.disconnect();
  await gateway?.close();
  await upstream?.close();
});

async function publishPoison(): Promise<string> {
  const event = createEvent(Thing, { aggregateId: randomUUID(), version: 1, payload: { n: 1 }, source: 'ops-test' });
  refused.add(event.eventId);
  await bus.publish(event);
  return event.eventId;
}

async function letters(query = ''): Promise<DeadLetterView[]> {
  const res = await call(gateway.url, `/api/admin/operations/dead-letters?stream=${STREAM}${query}`, { token: admin });
  expect(res.status, res.text).toBe(200);
  return DeadLetterPage.parse(res.body).items;
}

async function letterOf(eventId: string): Promise<DeadLetterView> {
  return eventually(async () => {
    const found = (await letters('&limit=100')).find((l) => l.eventId === eventId);
    if (!found) throw new Error(`no dead letter for ${eventId} yet`);
    return found;
  });
}

/** Waits until a group has read past `entryId` and has nothing pending. */
async function groupCaughtUp(group: string, entryId: string): Promise<void> {
  await eventually(async () => {
    const groups = (await redis.xinfo('GROUPS', streamKey(gateway.config.redisPrefix, STREAM))) as unknown[][];
    const info = groups.map((g) => Object.fromEntries(Array.from({ length: g.length / 2 }, (_, i) => [String(g[2 * i]), g[2 * i + 1]])));
    const mine = info.find((g) => g['name'] === group);
    if (!mine || mine['last-delivered-id'] !== entryId || Number(mine['pending']) !== 0) throw new Error(`${group} has not caught up yet`);
  });
}

describe('dead letters', () => {
  it('lists a poison event with its stream, group, error, attempts and envelope', async () => {
    const eventId = await publishPoison();
    const letter = await letterOf(eventId);
    expect(letter).toMatchObject({
      stream: STREAM,
      group: 'ops-test.flaky',
      error: `cannot handle thing ${eventId} yet`,
      attempts: 1,
      eventId,
      eventType: Thing.type,
    });
    expect(JSON.parse(letter.envelope)).toMatchObject({ eventId, payload: { n: 1 } });
    await eventually(() => expect(handled.steady).toContain(eventId));
    const streams = DeadLetterStreamList.parse((await call(gateway.url, '/api/admin/operations/dead-letter-streams', { token: admin })).body);
    expect(streams.items.find((s) => s.stream === STREAM)?.count).toBeGreaterThanOrEqual(1);
  });

  it('re-delivers a retried letter to the group that failed it only, once', async () => {
    const eventId = await publishPoison();
    const letter = await letterOf(eventId);
    await eventually(() => expect(handled.steady).toContain(eventId));
    refused.delete(eventId); // the consumer is "fixed"

    const res = await call(gateway.url, `/api/admin/operations/dead-letters/${STREAM}/${letter.id}/retry`, { method: 'POST', token: admin });
    expect(res.status, res.text).toBe(200);
    const retried = DeadLetterRetried.parse(res.body);
    expect(retried).toMatchObject({ id: letter.id, stream: STREAM, group: 'ops-test.flaky' });

    await eventually(() => expect(handled.flaky).toContain(eventId));
    await groupCaughtUp('ops-test.steady', retried.redeliveredAs);
    expect(handled.steady.filter((id) => id === eventId)).toHaveLength(1);
    expect(handled.flaky.filter((id) => id === eventId)).toHaveLength(1);
    expect((await letters('&limit=100')).map((l) => l.id)).not.toContain(letter.id);
    // The letter is gone: a second retry (a double click) re-delivers nothing.
    const twice = await call(gateway.url, `/api/admin/operations/dead-letters/${STREAM}/${letter.id}/retry`, { method: 'POST', token: admin });
    expect(twice.status).toBe(404);
  });

  it('discards a letter for good', async () => {
    const eventId = await publishPoison();
    const letter = await letterOf(eventId);
    const res = await call(gateway.url, `/api/admin/operations/dead-letters/${STREAM}/${letter.id}`, { method: 'DELETE', token: admin });
    expect(res.status).toBe(204);
    expect((await letters('&limit=100')).map((l) => l.id)).not.toContain(letter.id);
    expect((await call(gateway.url, `/api/admin/operations/dead-letters/${STREAM}/${letter.id}`, { method: 'DELETE', token: admin })).status).toBe(404);
  });

  it('pages newest first, each letter once', async () => {
    const ids = [await publishPoison(), await publishPoison(), await publishPoison()];
    for (const id of ids) await letterOf(id);
    const seen: DeadLetterView[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(gateway.url, `/api/admin/operations/dead-letters?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: admin });
      expect(res.status, res.text).toBe(200);
      const page = DeadLetterPage.parse(res.body);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen.map((l) => l.id)).size).toBe(seen.length);
    const mine = seen.filter((l) => l.eventId !== null && ids.includes(l.eventId)).map((l) => l.eventId);
    expect(mine).toEqual([...ids].reverse());
  });

  it('names a bad stream, entry id or cursor', async () => {
    const badStream = await call(gateway.url, '/api/admin/operations/dead-letters/Events..X/1-0/retry', { method: 'POST', token: admin });
    expect([badStream.status, badStream.body.error.details]).toEqual([400, [{ field: 'stream', reason: 'must be a stream name such as events.orders' }]]);
    const badId = await call(gateway.url, `/api/admin/operations/dead-letters/${STREAM}/12/retry`, { method: 'POST', token: admin });
    expect([badId.status, badId.body.error.details]).toEqual([400, [{ field: 'id', reason: 'must be a stream entry id such as 1733400000000-0' }]]);
    const cursor = await call(gateway.url, '/api/admin/operations/dead-letters?cursor=nope', { token: admin });
    expect([cursor.status, cursor.body.error.details]).toEqual([400, [{ field: 'cursor', reason: 'is not a cursor of this listing' }]]);
    const unknown = await call(gateway.url, `/api/admin/operations/dead-letters/${STREAM}/1-0`, { method: 'DELETE', token: admin });
    expect(unknown.status).toBe(404);
  });
});

describe('dead letters while Redis is away', () => {
  it('answers 503, then serves again once Redis is back, without a restart', async () => {
    const env = testEnv();
    const { hostname, port } = new URL(env.redisUrl);
    const proxy = new TcpProxy(hostname, Number(port || 6379));
    await proxy.start();
    const cut = await startTestGateway({ catalogUrl: upstream.url, env: { REDIS_URL: proxy.urlFor(env.redisUrl) } });
    try {
      const token = (await login(cut.url, cut.admin.email, cut.admin.password)).accessToken;
      expect((await call(cut.url, '/api/admin/operations/dead-letters', { token })).status).toBe(200);
      await proxy.cut();
      const down = await call(cut.url, '/api/admin/operations/dead-letters', { token });
      expect([down.status, down.body.error.code]).toEqual([503, 'DEPENDENCY_UNAVAILABLE']);
      await proxy.restore();
      await eventually(async () => expect((await call(cut.url, '/api/admin/operations/dead-letters', { token })).status).toBe(200));
    } finally {
      await cut.close();
      await proxy.cut();
    }
  });
});
