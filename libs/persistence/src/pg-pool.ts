import pg from 'pg';

export interface PgPoolOptions extends pg.PoolConfig {
  /**
   * Told of every connection error (an idle connection dropped, or one checked out across
   * queries). Logging is the caller's choice; the pool itself carries on either way.
   */
  onConnectionError?: (error: Error) => void;
  /**
   * Told of every statement a connection sends, before it goes: lets a test count round trips
   * (a listing must not query once per row) or EXPLAIN what a query really sent (its bound
   * values come along). Unset in services: no wrapper, no cost.
   */
  onStatement?: (sql: string, values?: readonly unknown[]) => void;
}

/**
 * How long a statement may go unanswered before the pool gives up on it, unless the caller sets
 * `query_timeout`. A link that goes silent (a host or a network path gone, no reset) would
 * otherwise hold the statement, and whoever awaits it, for the kernel's retransmission timeout:
 * a quarter of an hour. Far above any statement these services send on a request's path.
 */
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

/**
 * TCP keepalive from 10 s idle, so an idle connection to a vanished host is found and replaced
 * (pools here; a long-lived client such as a LISTEN connection takes the same).
 */
export const PG_KEEPALIVE = { keepAlive: true, keepAliveInitialDelayMillis: 10_000 } as const;

/**
 * A node-postgres pool that never crashes the process when the link to Postgres drops.
 *
 * pg-pool listens for 'error' only on idle clients: it removes that listener while a client is
 * checked out, so a client held across queries (a batch session, a transaction, Prisma's
 * adapter between statements) that loses its socket emits 'error' with nobody listening, and
 * Node ends the process. Here every client gets its own listener for its whole life, on top of
 * the pool's: the query in flight still fails (the caller answers 503 and releases the client
 * as broken), the pool replaces the connection on next use, and the process lives on.
 *
 * A link that goes silent instead fails each statement after `query_timeout`
 * (DEFAULT_QUERY_TIMEOUT_MS unless set): `pool.query` then discards the connection, and a
 * caller holding a client releases it as broken. TCP keepalive finds dead idle connections.
 */
export function createPgPool(options: PgPoolOptions): pg.Pool {
  const { onConnectionError, onStatement, ...config } = options;
  const report = onConnectionError ?? (() => undefined);
  const pool = new pg.Pool({
    query_timeout: DEFAULT_QUERY_TIMEOUT_MS,
    ...PG_KEEPALIVE,
    ...withoutUnset(config),
  });
  pool.on('error', (error) => report(error));
  pool.on('connect', (client) => {
    client.on('error', (error) => report(error));
    if (onStatement) countStatements(client, onStatement);
  });
  return pool;
}

/** `config` without its undefined entries, so an option passed as undefined keeps the default. */
function withoutUnset(config: pg.PoolConfig): pg.PoolConfig {
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined)) as pg.PoolConfig;
}

function countStatements(client: pg.PoolClient, onStatement: (sql: string, values?: readonly unknown[]) => void): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string') onStatement(first, Array.isArray(args[1]) ? args[1] : undefined);
    else {
      const config = first as { text?: unknown; values?: unknown } | null;
      onStatement(String(config?.text ?? ''), Array.isArray(config?.values) ? config.values : undefined);
    }
    return query(...args);
  };
}

/**
 * Runs `fn` on one connection of `pool` inside a transaction: `begin` opens it (`BEGIN`, or e.g.
 * `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY` for one consistent snapshot), COMMIT when `fn`
 * resolves, ROLLBACK when it throws (the error is rethrown). For raw `pg` code; Prisma code has
 * withTransaction (transaction.ts).
 */
export async function withPgTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
