/** Where this test run's isolated resources are, as set up by scripts/test-env/global-setup.ts. */
export interface TestEnv {
  /** A fresh, migrated database of this run only (dropped after the run). */
  databaseUrl: string;
  redisUrl: string;
  /**
   * `host:port` seed nodes when the run is against a Redis Cluster (`REDIS_CLUSTER_NODES`, set by
   * `npm run test:redis-cluster`), else empty. Open connections with `createRedis(testEnv())`.
   */
  redisClusterNodes: string[];
  /** Start every Redis key with this (`t:<run id>:`); keys under it are deleted after the run. */
  redisPrefix: string;
}

/**
 * The current run's database URL, Redis URL and Redis key prefix. Throws outside a vitest run
 * with the shared global setup, so a test can never fall back to a developer's real database.
 */
export function testEnv(): TestEnv {
  const { SHOP_TEST_RUN_ID, DATABASE_URL, REDIS_URL, REDIS_PREFIX } = process.env;
  if (!SHOP_TEST_RUN_ID || !DATABASE_URL || !REDIS_URL || !REDIS_PREFIX) {
    throw new Error(
      'testEnv() needs the shared vitest global setup (scripts/test-env/global-setup.ts): run tests with `npx vitest run` from a project folder.',
    );
  }
  const redisClusterNodes = (process.env.REDIS_CLUSTER_NODES ?? '').split(',').map((node) => node.trim()).filter((node) => node.length > 0);
  return { databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, redisClusterNodes, redisPrefix: REDIS_PREFIX };
}

/** The run's generated secrets (global setup), for configs parsed from an explicit object. */
export function testSecrets(): { JWT_SECRET: string; IDENTITY_SIGNING_SECRET: string; SERVICE_CREDENTIAL_SECRET: string } {
  const { JWT_SECRET, IDENTITY_SIGNING_SECRET, SERVICE_CREDENTIAL_SECRET } = process.env;
  if (!JWT_SECRET || !IDENTITY_SIGNING_SECRET || !SERVICE_CREDENTIAL_SECRET) {
    throw new Error('testSecrets() needs the shared vitest global setup (scripts/test-env/global-setup.ts), which generates them per run.');
  }
  return { JWT_SECRET, IDENTITY_SIGNING_SECRET, SERVICE_CREDENTIAL_SECRET };
}

/** A Redis key prefix of its own under this run's prefix, so one test's service never sees another's keys. */
export function uniquePrefix(): string {
  return `${testEnv().redisPrefix}${Math.random().toString(36).slice(2, 8)}:`;
}

/**
 * The store settings a service under test boots with: this run's database and Redis (or the
 * relays a test put in front of them) and a key prefix of its own unless one is given.
 */
export function storeEnv(overrides: { databaseUrl?: string; redisUrl?: string; prefix?: string } = {}): {
  DATABASE_URL: string;
  REDIS_URL: string;
  REDIS_CLUSTER_NODES: string;
  REDIS_PREFIX: string;
} {
  const env = testEnv();
  return {
    DATABASE_URL: overrides.databaseUrl ?? env.databaseUrl,
    REDIS_URL: overrides.redisUrl ?? env.redisUrl,
    // A relay in front of one server (`redisUrl` override) is not a cluster.
    REDIS_CLUSTER_NODES: overrides.redisUrl === undefined ? env.redisClusterNodes.join(',') : '',
    REDIS_PREFIX: overrides.prefix ?? uniquePrefix(),
  };
}
