import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RedisClient } from '@shop/messaging/redis';
import { InstanceRegistry, type PartitioningLogger, registryKeys } from '../src/index.js';
import { RedisProxy, eventually, newRedis, newServerConnection, scanKeys, serverOf, startRegisteredInstance, uniquePrefix, waitForExit } from './support.js';

const redis = newRedis();
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await redis.quit();
});

function registry(prefix: string, options: { heartbeatMs?: number; ttlMs?: number; service?: string; redis?: RedisClient; logger?: PartitioningLogger } = {}) {
  const r = new InstanceRegistry({ redis, prefix, heartbeatMs: 50, ttlMs: 400, ...options });
  cleanups.push(() => r.stop());
  return r;
}

function recordingLogger(): PartitioningLogger & { lines: string[] } {
  const lines: string[] = [];
  const push = (_: Record<string, unknown>, message: string) => void lines.push(message);
  return { lines, info: push, warn: push, error: push };
}

describe('InstanceRegistry (real Redis)', () => {
  it('makes a registered instance visible to other processes’ registries, under the prefix and hash tag', async () => {
    const prefix = uniquePrefix();
    const a = registry(prefix);
    await a.register({ id: 'inv-a', url: 'http://10.0.0.1:3004', service: 'inventory' });
    const reader = registry(prefix);
    expect(await reader.liveInstances()).toEqual([{ id: 'inv-a', url: 'http://10.0.0.1:3004', service: 'inventory' }]);
    expect((await scanKeys(redis, `${prefix}*`)).sort()).toEqual([
      `${prefix}{partitions:inventory}:instances`,
      `${prefix}{partitions:inventory}:urls`,
    ]);
    // Another service's registry is separate.
    expect(await registry(prefix, { service: 'carts' }).liveInstances()).toEqual([]);
    await expect(a.register({ id: 'inv-a2', url: 'http://x' })).rejects.toThrow('already registered');
    await expect(registry(prefix).register({ id: 'x', url: 'http://x', service: 'carts' })).rejects.toThrow('holds inventory');
  });

  it('removes an instance at once on deregister, and it may register again', async () => {
    const prefix = uniquePrefix();
    const a = registry(prefix);
    const b = registry(prefix);
    await a.register({ id: 'inv-a', url: 'http://a' });
    await b.register({ id: 'inv-b', url: 'http://b' });
    expect((await b.liveInstances()).map((i) => i.id)).toEqual(['inv-a', 'inv-b']);
    await a.deregister();
    expect((await b.liveInstances()).map((i) => i.id)).toEqual(['inv-b']);
    expect(await redis.hget(a.keys.urls, 'inv-a')).toBeNull();
    // Heartbeats really stopped: it does not come back.
    await sleep(200);
    expect((await b.liveInstances()).map((i) => i.id)).toEqual(['inv-b']);
    await a.register({ id: 'inv-a', url: 'http://a2' });
    expect(await b.liveInstances()).toContainEqual({ id: 'inv-a', url: 'http://a2', service: 'inventory' });
  });

  it('keeps a heartbeating instance live well past its TTL', async () => {
    const prefix = uniquePrefix();
    const a = registry(prefix, { heartbeatMs: 50, ttlMs: 400 });
    await a.register({ id: 'inv-a', url: 'http://a' });
    for (let i = 0; i < 3; i++) {
      await sleep(400);
      expect((await a.liveInstances()).map((x) => x.id)).toEqual(['inv-a']);
    }
  });

  it('drops a crashed instance (SIGKILL, no deregistration) after its TTL, and prunes it', async () => {
    const prefix = uniquePrefix();
    const survivor = registry(prefix);
    await survivor.register({ id: 'inv-survivor', url: 'http://s' });
    const child = await startRegisteredInstance(prefix, 'inv-crashing', 'http://c', cleanups);
    expect((await survivor.liveInstances()).map((i) => i.id)).toEqual(['inv-crashing', 'inv-survivor']);
    child.kill('SIGKILL');
    expect((await waitForExit(child)).signal).toBe('SIGKILL');
    await eventually(async () => expect((await survivor.liveInstances()).map((i) => i.id)).toEqual(['inv-survivor']));
    // The survivor's next heartbeats remove the dead entry from both keys.
    await eventually(async () => expect(await redis.hget(survivor.keys.urls, 'inv-crashing')).toBeNull());
    expect(await redis.zscore(survivor.keys.instances, 'inv-crashing')).toBeNull();
  });

  it('sends one heartbeat at a time when Redis is slow', async () => {
    const prefix = uniquePrefix();
    const proxy = new RedisProxy();
    const url = await proxy.start(await serverOf(registryKeys(prefix, 'inventory').instances));
    cleanups.push(() => proxy.close());
    const slowRedis = newServerConnection(url);
    cleanups.push(() => slowRedis.quit());
    const a = registry(prefix, { redis: slowRedis, heartbeatMs: 20, ttlMs: 5_000 });
    await a.register({ id: 'inv-a', url: 'http://a' });
    await eventually(() => expect(proxy.scriptsSent()).toBeGreaterThanOrEqual(3));

    proxy.freeze();
    const sentBeforeFreeze = proxy.scriptsSent();
    await sleep(400); // twenty heartbeat periods with no reply
    // At most the heartbeat that was in flight when replies stopped: nothing piled up behind it.
    expect(proxy.scriptsSent() - sentBeforeFreeze).toBeLessThanOrEqual(1);
    proxy.thaw();
    await eventually(() => expect(proxy.scriptsSent()).toBeGreaterThan(sentBeforeFreeze + 3));
  });

  it('logs failing heartbeats, keeps retrying, and is live again when Redis is back', async () => {
    const prefix = uniquePrefix();
    const proxy = new RedisProxy();
    const url = await proxy.start(await serverOf(registryKeys(prefix, 'inventory').instances));
    cleanups.push(() => proxy.close());
    const flakyRedis = newServerConnection(url);
    flakyRedis.on('error', () => undefined);
    cleanups.push(async () => flakyRedis.disconnect());
    const logger = recordingLogger();
    const a = registry(prefix, { redis: flakyRedis, heartbeatMs: 30, ttlMs: 300, logger });
    const reader = registry(prefix);
    await a.register({ id: 'inv-a', url: 'http://a' });

    proxy.cut();
    await eventually(() => expect(logger.lines).toContain('heartbeat failed; retrying'));
    await eventually(async () => expect(await reader.liveInstances()).toEqual([]));
    proxy.restore();
    await eventually(async () => expect((await reader.liveInstances()).map((i) => i.id)).toEqual(['inv-a']));
    await eventually(() => expect(logger.lines).toContain('heartbeat recovered'));
    expect(logger.lines).toContain('instance had expired from the registry; live again');
  });

  it('refuses a TTL not longer than the heartbeat period', () => {
    expect(() => new InstanceRegistry({ redis, prefix: 'x:', heartbeatMs: 1000, ttlMs: 1000 })).toThrow(RangeError);
  });
});
