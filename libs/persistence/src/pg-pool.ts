import pg from 'pg';

export interface PgPoolOptions extends pg.PoolConfig {
  /**
   * Told of every connection error (an idle connection dropped, or one checked out across
   * queries). Logging is the caller's choice; the pool itself carries on either way.
   */
  onConnectionError?: (error: Error) => void;
}

/**
 * A node-postgres pool that never crashes the process when the link to Postgres drops.
 *
 * pg-pool listens for 'error' only on idle clients: it removes that listener while a client is
 * checked out, so a client held across queries (a batch session, a transaction, Prisma's
 * adapter between statements) that loses its socket emits 'error' with nobody listening, and
 * Node ends the process. Here every client gets its own listener for its whole life, on top of
 * the pool's: the query in flight still fails (the caller answers 503 and releases the client
 * as broken), the pool replaces the connection on next use, and the process lives on.
 */
export function createPgPool(options: PgPoolOptions): pg.Pool {
  const { onConnectionError, ...config } = options;
  const report = onConnectionError ?? (() => undefined);
  const pool = new pg.Pool(config);
  pool.on('error', (error) => report(error));
  pool.on('connect', (client) => {
    client.on('error', (error) => report(error));
  });
  return pool;
}
