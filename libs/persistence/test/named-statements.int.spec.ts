import { testEnv } from '@shop/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailableError } from '../src/database-errors.js';
import { pgPoolOf, createPrismaClient } from '../src/prisma-client.js';
import { queryNamed } from '../src/pg-statement.js';

const NOBODY_LISTENS = 'postgresql://postgres@127.0.0.1:1/shop';

describe('queryNamed on the pool under a Prisma client', () => {
  const statements: string[] = [];
  const prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl, applicationName: 'named-statements-test', poolMax: 2, onStatement: (sql) => statements.push(sql) });
  const pool = pgPoolOf(prisma);
  afterAll(() => prisma.$disconnect());

  it('runs a named statement with its values, and again on the same connections', async () => {
    const text = 'SELECT $1::int + 1 AS n, $2::text AS s';
    for (let i = 0; i < 5; i++) {
      const rows = await queryNamed<{ n: number; s: string }>(pool, 'named_statements_test_add', text, [i, `x${i}`]);
      expect(rows).toEqual([{ n: i + 1, s: `x${i}` }]);
    }
    // The pool is the one Prisma uses: its statements pass the same onStatement.
    expect(statements.filter((s) => s === text)).toHaveLength(5);
    await prisma.$queryRaw`SELECT 1`;
    expect(statements.some((s) => s.startsWith('SELECT 1'))).toBe(true);
  });

  it('is prepared once per connection (pg_prepared_statements of that session)', async () => {
    const client = await pool.connect();
    try {
      await queryNamed(client, 'named_statements_test_once', 'SELECT $1::int AS n', [1]);
      await queryNamed(client, 'named_statements_test_once', 'SELECT $1::int AS n', [2]);
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = 'named_statements_test_once'`);
      expect(rows[0]!.n).toBe(1);
    } finally {
      client.release();
    }
  });

  it('refuses a second text under a name already used', async () => {
    await queryNamed(pool, 'named_statements_test_taken', 'SELECT 1 AS n', []);
    await expect(queryNamed(pool, 'named_statements_test_taken', 'SELECT 2 AS n', [])).rejects.toThrow(/already defined with another text/);
  });

  it('answers pgPoolOf only for a client createPrismaClient made', () => {
    expect(() => pgPoolOf({} as never)).toThrow(/not made by createPrismaClient/);
  });
});

// Real failures of a named statement, recognised as an outage (the services answer 503 on these).
describe('queryNamed when the database is unavailable', () => {
  it('fails with an outage error when nobody listens', async () => {
    const prisma = createPrismaClient({ databaseUrl: NOBODY_LISTENS, connectionTimeoutMillis: 2_000 });
    try {
      const error = await queryNamed(pgPoolOf(prisma), 'named_statements_test_refused', 'SELECT 1 AS n', []).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseUnavailableError(error)).toBe(true);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('fails with an outage error when the server ends the session mid-statement (57P01), then works on a new connection', async () => {
    const prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl, applicationName: 'named-statements-killed', poolMax: 1 });
    const pool = pgPoolOf(prisma);
    const killer = createPrismaClient({ databaseUrl: testEnv().databaseUrl, poolMax: 1 });
    try {
      const [{ pid }] = await queryNamed<{ pid: number }>(pool, 'named_statements_test_pid', 'SELECT pg_backend_pid() AS pid', []);
      const running = queryNamed(pool, 'named_statements_test_sleep', 'SELECT pg_sleep($1::int)', [30]).catch((err: unknown) => err);
      // Wait until the statement is on the server, then end its session as an admin would.
      for (let i = 0; i < 100; i++) {
        const { rows } = await pgPoolOf(killer).query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query LIKE 'SELECT pg_sleep%'`, [pid]);
        if (rows.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await pgPoolOf(killer).query('SELECT pg_terminate_backend($1)', [pid]);
      const error = await running;
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseUnavailableError(error)).toBe(true);
      // The broken connection was dropped; the statement is prepared again on the next one.
      const [again] = await queryNamed<{ pid: number }>(pool, 'named_statements_test_pid', 'SELECT pg_backend_pid() AS pid', []);
      expect(again!.pid).not.toBe(pid);
    } finally {
      await killer.$disconnect();
      await prisma.$disconnect();
    }
  });
});
