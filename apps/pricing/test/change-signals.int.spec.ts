import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually, testEnv, uniquePrefix } from '@shop/testing';
import { RedisChangeSignals } from '../src/adapters/redis-change-signal.js';

/** Two pricing instances' change counters on the real Redis: announced changes, no read per quote, gaps. */
describe('RedisChangeSignals', () => {
  let admin: Redis;
  const opened: { signals: RedisChangeSignals; redis: Redis }[] = [];

  beforeAll(() => {
    admin = new Redis(testEnv().redisUrl);
  });
  afterEach(async () => {
    for (const { signals, redis } of opened.splice(0)) {
      await signals.stop();
      redis.disconnect();
    }
    vi.restoreAllMocks();
  });
  afterAll(() => admin.quit());

  async function instance(prefix: string, connectionName: string) {
    // As pricing opens it: no offline queue, so a Redis outage fails a read at once.
    const redis = new Redis(testEnv().redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName });
    redis.on('error', () => undefined);
    await new Promise((resolve) => redis.once('ready', resolve));
    const signals = new RedisChangeSignals(redis, prefix, { pollMs: 60_000 });
    const rules = signals.signal('pricing:rules-version');
    const demand = signals.signal('pricing:demand-version');
    opened.push({ signals, redis });
    return { redis, signals, rules, demand };
  }

  /** Until the instance answers from its subscription (no Redis read for current()). */
  async function watching(node: Awaited<ReturnType<typeof instance>>): Promise<void> {
    const get = vi.spyOn(node.redis, 'get');
    await eventually(async () => {
      get.mockClear();
      await node.rules.current();
      expect(get).not.toHaveBeenCalled();
    });
    get.mockRestore();
  }

  it('a bump on one instance reaches the other without a Redis read per current()', async () => {
    const prefix = uniquePrefix();
    const a = await instance(prefix, `change-a-${prefix}`);
    const b = await instance(prefix, `change-b-${prefix}`);
    a.signals.start();
    b.signals.start();
    await watching(a);
    await watching(b);

    const get = vi.spyOn(b.redis, 'get');
    const before = await b.rules.current();
    const demandBefore = await b.demand.current();
    await a.rules.bump();
    await eventually(async () => expect(await b.rules.current()).not.toBe(before));
    // Only that counter moved, and the writer saw its own bump at once.
    expect(await b.demand.current()).toBe(demandBefore);
    expect(await a.rules.current()).toBe(await b.rules.current());
    expect(get).not.toHaveBeenCalled();
  });

  it('reads Redis while not subscribed, and after the subscription drops the value is a new one', async () => {
    const prefix = uniquePrefix();
    const name = `change-sub-${prefix}`;
    const node = await instance(prefix, name);
    // Not started: every current() reads the counter.
    await node.rules.bump();
    const get = vi.spyOn(node.redis, 'get');
    const unwatched = await node.rules.current();
    expect(get).toHaveBeenCalledTimes(1);
    get.mockRestore();

    node.signals.start();
    await watching(node);
    const watched = await node.rules.current();

    // The server drops the subscriber's connection (as a Redis restart or network gap would).
    const clients = (await admin.client('LIST')) as string;
    const line = clients.split('\n').find((l) => l.includes(`name=${name}`) && l.includes('cmd=subscribe'));
    expect(line, 'the subscriber connection is named after its instance').toBeDefined();
    await admin.client('KILL', 'ID', /id=(\d+)/.exec(line!)![1]!);
    // Back to watching after the reconnect, with a value that differs from before the gap even
    // though the counter did not move: caches keyed by it start over.
    await eventually(async () => {
      const after = await node.rules.current();
      expect(after).not.toBe(watched);
      expect(after).not.toBe(unwatched);
    });
    await watching(node);
  });
});
