import { testEnv } from '@shop/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, withPgTransaction } from '../src/pg-pool.js';

describe('withPgTransaction', () => {
  const pool = createPgPool({ connectionString: testEnv().databaseUrl, max: 2 });
  const table = `pg_tx_test_${process.pid}`;

  beforeAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS public.${table}; CREATE TABLE public.${table} (n int)`);
  });
  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS public.${table}`);
    await pool.end();
  });

  it('commits what fn wrote and answers its result', async () => {
    const answer = await withPgTransaction(pool, async (client) => {
      await client.query(`INSERT INTO public.${table} VALUES (1)`);
      return 'done';
    });
    expect(answer).toBe('done');
    expect((await pool.query(`SELECT count(*)::int AS n FROM public.${table} WHERE n = 1`)).rows[0].n).toBe(1);
  });

  it('rolls back everything fn wrote when it throws, and rethrows', async () => {
    await expect(
      withPgTransaction(pool, async (client) => {
        await client.query(`INSERT INTO public.${table} VALUES (2)`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await pool.query(`SELECT count(*)::int AS n FROM public.${table} WHERE n = 2`)).rows[0].n).toBe(0);
    expect(pool.idleCount + pool.waitingCount).toBeGreaterThan(0); // the connection went back to the pool
  });

  it('opens the transaction with the given BEGIN', async () => {
    const level = await withPgTransaction(
      pool,
      async (client) => (await client.query<{ transaction_isolation: string }>('SHOW transaction_isolation')).rows[0]!.transaction_isolation,
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
    expect(level).toBe('repeatable read');
    await expect(withPgTransaction(pool, (client) => client.query(`INSERT INTO public.${table} VALUES (3)`), 'BEGIN READ ONLY')).rejects.toThrow(/read-only/);
  });
});
