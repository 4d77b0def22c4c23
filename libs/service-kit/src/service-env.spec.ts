import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { outboxEnv, outboxRetentionMs, redisConfig, redisEnv } from './service-env.js';

const RedisEnv = z.object(redisEnv);

describe('redisEnv', () => {
  it('defaults to the one local server, no cluster', () => {
    expect(redisConfig(RedisEnv.parse({}))).toEqual({ redisUrl: 'redis://127.0.0.1:6379', redisClusterNodes: [], redisPrefix: '' });
  });

  it('reads REDIS_CLUSTER_NODES as a host:port list', () => {
    const env = RedisEnv.parse({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7000,' });
    expect(redisConfig(env).redisClusterNodes).toEqual(['10.0.0.1:7000', '10.0.0.2:7000']);
  });

  it('refuses a node without a port, naming the variable', () => {
    const parsed = RedisEnv.safeParse({ REDIS_CLUSTER_NODES: '10.0.0.1' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path[0]).toBe('REDIS_CLUSTER_NODES');
  });
});

describe('outboxEnv', () => {
  const OutboxEnv = z.object(outboxEnv);

  it('keeps published outbox rows a week by default, any number of hours when set, for good at 0', () => {
    expect(outboxRetentionMs(OutboxEnv.parse({}))).toBe(7 * 24 * 3_600_000);
    expect(outboxRetentionMs(OutboxEnv.parse({ OUTBOX_RETENTION_HOURS: '2' }))).toBe(2 * 3_600_000);
    expect(outboxRetentionMs(OutboxEnv.parse({ OUTBOX_RETENTION_HOURS: '0' }))).toBeUndefined();
  });

  it('refuses a negative or non-integer retention, naming the variable', () => {
    for (const bad of ['-1', '1.5', 'a week']) {
      const parsed = OutboxEnv.safeParse({ OUTBOX_RETENTION_HOURS: bad });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path[0]).toBe('OUTBOX_RETENTION_HOURS');
    }
  });
});
