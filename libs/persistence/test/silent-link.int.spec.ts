import { TcpProxy, endpointOf, testEnv } from '@shop/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailableError } from '../src/database-errors.js';
import { createPgPool, DEFAULT_QUERY_TIMEOUT_MS } from '../src/pg-pool.js';
import { createPrismaClient } from '../src/prisma-client.js';

// A link to Postgres that goes silent (no reset, no FIN: a host or network path gone) must fail
// statements after the query timeout, as an outage the services answer 503, and the pool must
// work again once the link is back, without a restart.
describe('a pool whose link to Postgres goes silent', () => {
  const target = endpointOf(testEnv().databaseUrl, 5432);
  const relay = new TcpProxy(target.host, target.port);
  let url: string;

  beforeAll(async () => {
    await relay.start();
    url = relay.urlFor(testEnv().databaseUrl);
  });
  afterEach(async () => {
    await relay.restore();
  });
  afterAll(async () => {
    await relay.cut();
  });

  it('fails a statement in flight and one on an idle connection, then serves again after the link returns', async () => {
    const pool = createPgPool({ connectionString: url, max: 2, query_timeout: 300, connectionTimeoutMillis: 300 });
    try {
      expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
      const held = await pool.connect();
      await held.query('BEGIN');
      relay.stall();

      const inTransaction = await held.query('SELECT 2').catch((err: unknown) => err);
      expect(inTransaction).toBeInstanceOf(Error);
      expect(isDatabaseUnavailableError(inTransaction)).toBe(true);
      held.release(inTransaction as Error);

      const onIdle = await pool.query('SELECT 3').catch((err: unknown) => err);
      expect(onIdle).toBeInstanceOf(Error);
      expect(isDatabaseUnavailableError(onIdle)).toBe(true);

      await relay.restore();
      expect((await pool.query('SELECT 4 AS four')).rows[0].four).toBe(4);
    } finally {
      await pool.end();
    }
  });

  it('fails a Prisma query as an outage, then serves again after the link returns', async () => {
    const prisma = createPrismaClient({ databaseUrl: url, poolMax: 1, queryTimeoutMillis: 300, connectionTimeoutMillis: 300 });
    try {
      await prisma.$queryRaw`SELECT 1`;
      relay.stall();
      const error = await prisma.category.findFirst().catch((err: unknown) => err);
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseUnavailableError(error)).toBe(true);

      await relay.restore();
      await expect(prisma.$queryRaw<Array<{ n: number }>>`SELECT 5::int AS n`).resolves.toEqual([{ n: 5 }]);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('has a query timeout and TCP keepalive unless told otherwise', async () => {
    const byDefault = createPgPool({ connectionString: url, query_timeout: undefined });
    const told = createPgPool({ connectionString: url, query_timeout: 1_234 });
    try {
      expect(byDefault.options).toMatchObject({ query_timeout: DEFAULT_QUERY_TIMEOUT_MS, keepAlive: true });
      expect(told.options.query_timeout).toBe(1_234);
    } finally {
      await byDefault.end();
      await told.end();
    }
  });
});
