import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { outboxEnv, outboxRetentionMs, postgresEnv, processedEventEnv, processedEventRetentionMs, redisConfig, redisEnv, storageConfig } from './service-env.js';

const RedisEnv = z.object(redisEnv);

describe('redisEnv', () => {
  it('defaults to the one local server, no cluster', () => {
    expect(redisConfig(RedisEnv.parse({}))).toEqual({ redisUrl: 'redis://127.0.0.1:6379', redisClusterNodes: [], redisPrefix: '', redisCommandTimeoutMs: 30_000 });
  });

  it('reads REDIS_COMMAND_TIMEOUT_MS, and refuses one below 100 ms', () => {
    expect(redisConfig(RedisEnv.parse({ REDIS_COMMAND_TIMEOUT_MS: '2500' })).redisCommandTimeoutMs).toBe(2_500);
    expect(RedisEnv.safeParse({ REDIS_COMMAND_TIMEOUT_MS: '50' }).success).toBe(false);
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

describe('processedEventEnv', () => {
  const ProcessedEventEnv = z.object(processedEventEnv);

  it('keeps a consumer’s records two weeks by default (longer than the outbox’s week), any number of hours when set, for good at 0', () => {
    expect(processedEventRetentionMs(ProcessedEventEnv.parse({}))).toBe(14 * 24 * 3_600_000);
    expect(processedEventRetentionMs(ProcessedEventEnv.parse({}))).toBeGreaterThan(outboxRetentionMs(z.object(outboxEnv).parse({}))!);
    expect(processedEventRetentionMs(ProcessedEventEnv.parse({ PROCESSED_EVENT_RETENTION_HOURS: '3' }))).toBe(3 * 3_600_000);
    expect(processedEventRetentionMs(ProcessedEventEnv.parse({ PROCESSED_EVENT_RETENTION_HOURS: '0' }))).toBeUndefined();
    expect(ProcessedEventEnv.safeParse({ PROCESSED_EVENT_RETENTION_HOURS: '-1' }).success).toBe(false);
  });
});

describe('postgresEnv', () => {
  const StorageEnv = z.object({ ...postgresEnv, ...redisEnv });

  it('times statements out after 30 s by default, as set otherwise, and refuses one below 100 ms', () => {
    expect(storageConfig(StorageEnv.parse({})).databaseQueryTimeoutMs).toBe(30_000);
    expect(storageConfig(StorageEnv.parse({ DATABASE_QUERY_TIMEOUT_MS: '1500' })).databaseQueryTimeoutMs).toBe(1_500);
    const parsed = StorageEnv.safeParse({ DATABASE_QUERY_TIMEOUT_MS: '10' });
    expect(parsed.error?.issues[0]?.path[0]).toBe('DATABASE_QUERY_TIMEOUT_MS');
  });
});
