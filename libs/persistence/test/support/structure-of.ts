import pg from 'pg';
import { readDatabaseStructure, type DatabaseStructure } from '../../src/tooling/schema-structure.js';

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function structureOf(url: string): Promise<DatabaseStructure> {
  return withClient(url, readDatabaseStructure);
}

/** Runs a multi-statement script (simple query protocol). */
export async function runSql(url: string, sql: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(sql);
  });
}
