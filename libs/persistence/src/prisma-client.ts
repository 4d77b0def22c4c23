import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaClient } from './generated/prisma/client.js';
import { createPgPool } from './pg-pool.js';

export interface PrismaClientOptions {
  databaseUrl: string;
  /** Most connections the pool opens (pg's default is 10). */
  poolMax?: number;
  /** Shown in pg_stat_activity, so a DBA can tell the services apart. */
  applicationName?: string;
  /** Milliseconds to wait for a new connection before failing (default 5 s). */
  connectionTimeoutMillis?: number;
  /** Milliseconds a statement may wait for its answer before it fails on the client side (default: DEFAULT_QUERY_TIMEOUT_MS, see createPgPool). */
  queryTimeoutMillis?: number;
  /** Told of every dropped connection (see createPgPool); queries in flight fail on their own. */
  onConnectionError?: (error: Error) => void;
  /** Told of every SQL statement sent (see createPgPool): tests count queries with it. */
  onStatement?: (sql: string, values?: readonly unknown[]) => void;
}

/**
 * A Prisma client that talks to Postgres through the `pg` driver adapter (no native engine).
 * The adapter gets our own pool (createPgPool) so a dropped link never becomes an unhandled
 * 'error' event; `$disconnect()` ends that pool.
 */
export function createPrismaClient(options: PrismaClientOptions): PrismaClient {
  const pool = createPgPool({
    connectionString: options.databaseUrl,
    max: options.poolMax,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    query_timeout: options.queryTimeoutMillis,
    onConnectionError: options.onConnectionError,
    onStatement: options.onStatement,
  });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const prisma = new PrismaClient({ adapter });
  pools.set(prisma, pool);
  return prisma;
}

const pools = new WeakMap<PrismaClient, pg.Pool>();

/**
 * The `pg` pool under a client made by createPrismaClient, for the hot statements a service sends
 * straight through `pg` (named prepared statements, no Prisma layer): one pool, one size setting,
 * one readiness check. `prisma.$disconnect()` ends it.
 */
export function pgPoolOf(prisma: PrismaClient): pg.Pool {
  const pool = pools.get(prisma);
  if (!pool) throw new Error('pgPoolOf: this Prisma client was not made by createPrismaClient');
  return pool;
}
