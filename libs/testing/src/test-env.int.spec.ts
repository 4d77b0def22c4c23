import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from './test-env.js';

// Runs in a forked worker: proves the global setup's variables reach test processes.
describe('testEnv() inside a vitest run', () => {
  const env = testEnv();
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: env.databaseUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  it('points at this run’s own database, already migrated', async () => {
    expect(new URL(env.databaseUrl).pathname).toMatch(/^\/shop_test_\d+_\d+_[0-9a-f]{6}$/);
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    expect(`/${rows[0]?.db}`).toBe(new URL(env.databaseUrl).pathname);
    const applied = await client.query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    expect(applied.rowCount).toBeGreaterThan(0);
    const tables = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'catalog' AND table_name = 'product'`);
    expect(tables.rowCount).toBe(1);
  });

  it('gives a per-run Redis prefix that works against the real Redis', async () => {
    expect(env.redisPrefix).toBe(`t:${process.env.SHOP_TEST_RUN_ID}:`);
    const redis = new Redis(env.redisUrl);
    try {
      await redis.set(`${env.redisPrefix}probe`, '1');
      expect(await redis.get(`${env.redisPrefix}probe`)).toBe('1');
    } finally {
      redis.disconnect();
    }
  });
});

describe('testEnv() outside the global setup', () => {
  it('throws a clear error instead of falling back to another database', () => {
    const saved = process.env.SHOP_TEST_RUN_ID;
    delete process.env.SHOP_TEST_RUN_ID;
    try {
      expect(() => testEnv()).toThrow(/global setup/);
    } finally {
      process.env.SHOP_TEST_RUN_ID = saved;
    }
  });
});
