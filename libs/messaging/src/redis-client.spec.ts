import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedis, parseClusterNodes, redisConnected, redisConnectionFromEnv } from './redis-client.js';

describe('createRedis', () => {
  it('opens one server at the URL when no cluster nodes are configured', () => {
    const redis = createRedis({ redisUrl: 'redis://127.0.0.1:6399', redisClusterNodes: [] }, { lazyConnect: true, maxRetriesPerRequest: 1 });
    expect(redis).toBeInstanceOf(Redis);
    expect(redis instanceof Redis && redis.options.port).toBe(6399);
    redis.disconnect();
  });

  it('opens a cluster client on the seed nodes, with the per-node options, credentials from the URL and reads from masters', () => {
    const redis = createRedis(
      { redisUrl: 'redis://app:s%40cret@127.0.0.1:6379', redisClusterNodes: ['127.0.0.1:7101', '127.0.0.1:7102'] },
      { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: 'spec' },
    );
    expect(redis).toBeInstanceOf(Cluster);
    if (!(redis instanceof Cluster)) return;
    expect(redis.options.scaleReads).toBe('master');
    expect(redis.options.enableOfflineQueue).toBe(false);
    expect(redis.options.redisOptions).toMatchObject({ maxRetriesPerRequest: 1, connectionName: 'spec', username: 'app', password: 's@cret' });
    redis.disconnect();
  });
});

describe('parseClusterNodes', () => {
  it('reads host:port lists, spaces and empty entries allowed', () => {
    expect(parseClusterNodes(' 127.0.0.1:7101, redis-0.redis:6379,,[::1]:7000 ')).toEqual([
      { host: '127.0.0.1', port: 7101 },
      { host: 'redis-0.redis', port: 6379 },
      { host: '::1', port: 7000 },
    ]);
  });

  it('refuses an entry without a usable port', () => {
    expect(() => parseClusterNodes('127.0.0.1')).toThrow(/host:port.*"127\.0\.0\.1"/);
    expect(() => parseClusterNodes('127.0.0.1:0')).toThrow(/host:port/);
  });
});

describe('redisConnectionFromEnv', () => {
  it('reads REDIS_URL and REDIS_CLUSTER_NODES', () => {
    expect(redisConnectionFromEnv({ REDIS_URL: 'redis://10.0.0.1:6379', REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7000' })).toEqual({
      redisUrl: 'redis://10.0.0.1:6379',
      redisClusterNodes: ['10.0.0.1:7000', '10.0.0.2:7000'],
    });
    expect(redisConnectionFromEnv({})).toEqual({ redisUrl: 'redis://127.0.0.1:6379', redisClusterNodes: [] });
  });
});

describe('redisConnected', () => {
  it('resolves true once a client that queues nothing offline has connected, so its first command works', async () => {
    const redis = createRedis({ redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', redisClusterNodes: [] }, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    try {
      expect(await redisConnected(redis, 5_000)).toBe(true);
      expect(await redis.ping()).toBe('PONG');
      expect(await redisConnected(redis, 1)).toBe(true);
    } finally {
      redis.disconnect();
    }
  });

  it('resolves false after the timeout when nothing answers, without throwing', async () => {
    const redis = createRedis({ redisUrl: 'redis://127.0.0.1:1', redisClusterNodes: [] }, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    try {
      expect(await redisConnected(redis, 200)).toBe(false);
    } finally {
      redis.disconnect();
    }
  });
});
