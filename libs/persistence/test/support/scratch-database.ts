import { randomBytes } from 'node:crypto';
import { testEnv } from '@shop/testing';
import { dropDatabase, ensureDatabase } from '../../src/database-admin.js';
import { databaseName, withDatabaseName } from '../../src/database-url.js';

/**
 * A new empty database next to this run's database. Its name starts with the run's
 * database name, so the global teardown drops it even if the test does not.
 */
export async function createScratchDatabase(label: string): Promise<string> {
  const base = testEnv().databaseUrl;
  const url = withDatabaseName(base, `${databaseName(base)}_${label}_${randomBytes(2).toString('hex')}`);
  await ensureDatabase(url);
  return url;
}

export async function dropScratchDatabase(url: string): Promise<void> {
  await dropDatabase(url);
}
