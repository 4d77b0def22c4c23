/**
 * Vitest globalSetup shared by every project (see vitest.shared.ts): each test run gets its
 * own freshly migrated database and its own Redis key prefix, so runs of different
 * projects, branches or machines never see each other's data.
 *
 * Workers (pool 'forks') inherit process.env as it is when they are forked, which happens
 * after this setup returns: setting the variables here is what makes them visible to tests
 * (libs/testing's testEnv() reads them; test-env.int.spec.ts there checks it).
 */
import { randomBytes } from 'node:crypto';
import { createRedis, type RedisConnectionConfig, redisConnectionFromEnv, scanKeys } from '../../libs/messaging/src/redis-client.js';
import { dropDatabase, ensureDatabase, withMaintenanceClient } from '../../libs/persistence/src/database-admin.js';
import { isDatabaseUnavailableError } from '../../libs/persistence/src/database-errors.js';
import { databaseName, quoteIdent, redactUrl, withDatabaseName } from '../../libs/persistence/src/database-url.js';
import { applyMigrations } from '../../libs/persistence/src/migrations/migrator.js';
import { migrationsDir } from '../../libs/persistence/src/paths.js';

const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const TEST_DB_PREFIX = 'shop_test_';
/** Databases left behind by crashed runs are dropped once they are this old. */
const STALE_AFTER_SECONDS = 6 * 60 * 60;
/** The secrets services refuse to start without (README, Configuration). */
const GENERATED_SECRETS = ['JWT_SECRET', 'IDENTITY_SIGNING_SECRET', 'SERVICE_CREDENTIAL_SECRET', 'PRICING_QUOTE_SECRET'];

/** An error whose message is the whole story: no stack trace under it. */
function setupError(message: string): Error {
  const err = new Error(message);
  err.stack = `Error: ${message}`;
  return err;
}

/** `shop_test_<unix seconds>_<pid>_<random>`; the time lets later runs find stale leftovers. */
function newRunId(): string {
  return `${Math.floor(Date.now() / 1000)}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

/** Creation time (unix seconds) encoded in a test database name, or null for other names. */
export function testDatabaseCreatedAt(name: string): number | null {
  const match = /^shop_test_(\d{9,11})_/.exec(name);
  return match ? Number(match[1]) : null;
}

async function dropStaleTestDatabases(serverUrl: string): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  await withMaintenanceClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'shop\\_test\\_%'`);
    for (const { datname } of rows) {
      const createdAt = testDatabaseCreatedAt(datname);
      if (createdAt !== null && now - createdAt > STALE_AFTER_SECONDS) {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
      }
    }
  });
}

/** Drops the run's database and any extra databases tests made from its name (`<db>_...`). */
async function dropRunDatabases(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  await withMaintenanceClient(databaseUrl, async (client) => {
    const like = `${name.replace(/_/g, '\\_')}\\_%`;
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [like]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
  });
  await dropDatabase(databaseUrl);
}

/**
 * Deletes every key under the prefix; SCAN walks the keyspace (each master's, on a cluster)
 * without blocking Redis as KEYS would. One UNLINK per key: on a cluster the keys live in many slots.
 */
async function deleteRedisKeys(connection: RedisConnectionConfig, prefix: string): Promise<void> {
  const redis = createRedis(connection, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3_000, retryStrategy: () => null });
  try {
    await redis.connect();
    const keys = await scanKeys(redis, `${prefix}*`, { count: 1000 });
    for (let i = 0; i < keys.length; i += 500) await Promise.all(keys.slice(i, i + 500).map((key) => redis.unlink(key)));
  } finally {
    redis.disconnect();
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_SERVER_URL;
  const runId = newRunId();
  const databaseUrl = withDatabaseName(serverUrl, `${TEST_DB_PREFIX}${runId}`);
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const redisConnection = { ...redisConnectionFromEnv(), redisUrl };
  const redisPrefix = `t:${runId}:`;

  try {
    await dropStaleTestDatabases(serverUrl).catch((err: unknown) => {
      if (isDatabaseUnavailableError(err)) throw err;
      // Leftovers are only untidy; another run may be dropping the same ones right now.
      console.warn(`test-env: could not drop stale test databases: ${String(err)}`);
    });
    await ensureDatabase(databaseUrl);
    await applyMigrations(databaseUrl, migrationsDir());
  } catch (err) {
    if (isDatabaseUnavailableError(err)) {
      throw setupError(`Test setup cannot reach PostgreSQL at ${redactUrl(serverUrl)}; start it or set TEST_DATABASE_URL.`);
    }
    await dropDatabase(databaseUrl).catch(() => undefined);
    throw err;
  }

  process.env.DATABASE_URL = databaseUrl;
  process.env.REDIS_URL = redisUrl;
  process.env.REDIS_PREFIX = redisPrefix;
  process.env.SHOP_TEST_RUN_ID = runId;
  // No secret has a default anywhere: each run makes its own, and every harness and spawned
  // process inherits them (explicitly set ones win, e.g. to reproduce a run).
  for (const name of GENERATED_SECRETS) process.env[name] ||= randomBytes(32).toString('base64url');
  // Gateways started by tests (in process or spawned) take a random internal metrics port, never 9080.
  process.env.GATEWAY_METRICS_PORT ||= '0';

  return async () => {
    const problems: string[] = [];
    await dropRunDatabases(databaseUrl).catch((err: unknown) => problems.push(`drop ${databaseName(databaseUrl)}: ${String(err)}`));
    await deleteRedisKeys(redisConnection, redisPrefix).catch((err: unknown) => problems.push(`delete Redis keys ${redisPrefix}*: ${String(err)}`));
    // Cleanup trouble must not fail a green run; leftovers are dropped by a later run after 6 hours.
    for (const problem of problems) console.warn(`test-env teardown: ${problem}`);
  };
}
