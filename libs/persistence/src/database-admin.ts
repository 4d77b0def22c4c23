import pg from 'pg';
import { databaseName, quoteIdent, withDatabaseName } from './database-url.js';

/** Postgres' own maintenance database, present on every server. */
const MAINTENANCE_DB = 'postgres';

/** Runs `fn` with a client connected to the maintenance database of the URL's server. */
export async function withMaintenanceClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabaseName(databaseUrl, MAINTENANCE_DB), connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined); // reported by the pending query instead
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the URL's database if it does not exist. Returns true when it created it.
 * Safe when several processes race to create the same database.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = databaseName(databaseUrl);
  return withMaintenanceClient(databaseUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return true;
    } catch (err) {
      // 42P04 duplicate_database, 23505 when two CREATEs collide on pg_database's unique index.
      const code = (err as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw err;
    }
  });
}

/** Drops the URL's database if it exists, disconnecting its sessions (Postgres 13+). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  await withMaintenanceClient(databaseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
}
