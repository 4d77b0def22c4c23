import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { envInt, listenerEnv, postgresEnv, redisEnv, serviceConfig, outboxEnv, outboxRetentionMs } from '@shop/service-kit';
import type { CachePolicy } from './http/cacheable-response.js';

export const CATALOG_CONFIG = Symbol('CATALOG_CONFIG');

// The repository's git-ignored tmp/ (this file is apps/catalog/{src,dist}/config.*), wherever the service is started from.
const DEFAULT_IMAGE_DIR = fileURLToPath(new URL('../../../tmp/catalog-images', import.meta.url));

const seconds = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** Environment of the catalog service; every variable has a safe local default (see README). */
export const CatalogEnv = z.object({
  ...listenerEnv('CATALOG', 3001),
  ...postgresEnv,
  ...redisEnv,
  ...outboxEnv,
  CATALOG_CACHE_TTL_SECONDS: seconds(300),
  CATALOG_PRODUCT_MAX_AGE_SECONDS: seconds(60),
  CATALOG_LIST_MAX_AGE_SECONDS: seconds(30),
  /** Folder of uploaded product images (the filesystem image store). */
  CATALOG_IMAGE_DIR: z.string().min(1).default(DEFAULT_IMAGE_DIR),
  /** Largest accepted image file, in bytes (5 MiB). */
  CATALOG_IMAGE_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
  /** A streaming replica of DATABASE_URL's server and database: public reads go there when set. */
  DATABASE_REPLICA_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  /** The replica is taken out of rotation (reads go to the primary) above this replication lag. */
  DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().positive().default(5),
  /** How often the replica's lag is measured. */
  DATABASE_REPLICA_PROBE_INTERVAL_MS: envInt(1_000, 100, 60_000),
});

export function catalogConfigFrom(env: z.infer<typeof CatalogEnv>) {
  return {
    ...serviceConfig(env, 'CATALOG'),
    outboxRetentionMs: outboxRetentionMs(env),
    cacheTtlSeconds: env.CATALOG_CACHE_TTL_SECONDS,
    productCache: { maxAgeSeconds: env.CATALOG_PRODUCT_MAX_AGE_SECONDS, staleWhileRevalidateSeconds: env.CATALOG_PRODUCT_MAX_AGE_SECONDS * 5 } satisfies CachePolicy,
    images: { directory: env.CATALOG_IMAGE_DIR, maxBytes: env.CATALOG_IMAGE_MAX_BYTES },
    readReplica: env.DATABASE_REPLICA_URL
      ? { url: env.DATABASE_REPLICA_URL, maxLagSeconds: env.DATABASE_REPLICA_MAX_LAG_SECONDS, probeIntervalMs: env.DATABASE_REPLICA_PROBE_INTERVAL_MS }
      : undefined,
    listCache: { maxAgeSeconds: env.CATALOG_LIST_MAX_AGE_SECONDS, staleWhileRevalidateSeconds: env.CATALOG_LIST_MAX_AGE_SECONDS * 2 } satisfies CachePolicy,
  };
}

export type CatalogConfig = ReturnType<typeof catalogConfigFrom>;
