import { z } from 'zod';
import type { CachePolicy } from './http/cacheable-response.js';

export const CATALOG_CONFIG = Symbol('CATALOG_CONFIG');

const seconds = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** Environment of the catalog service; every variable has a safe local default (see README). */
export const CatalogEnv = z.object({
  CATALOG_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** This service's own bind address (default loopback only: only the gateway should face clients). */
  CATALOG_HOST: z.string().default('127.0.0.1'),
  /** When set (0 = random), /metrics moves off the service port to its own listener on 127.0.0.1. */
  CATALOG_METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/shop'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().default(''),
  CATALOG_CACHE_TTL_SECONDS: seconds(300),
  CATALOG_PRODUCT_MAX_AGE_SECONDS: seconds(60),
  CATALOG_LIST_MAX_AGE_SECONDS: seconds(30),
});

export interface CatalogConfig {
  port: number;
  host: string;
  /** Own metrics listener (127.0.0.1), or undefined: /metrics on the service port. */
  metricsPort: number | undefined;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  cacheTtlSeconds: number;
  productCache: CachePolicy;
  listCache: CachePolicy;
}

export function catalogConfigFrom(env: z.infer<typeof CatalogEnv>): CatalogConfig {
  return {
    port: env.CATALOG_PORT,
    host: env.CATALOG_HOST,
    metricsPort: env.CATALOG_METRICS_PORT,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    cacheTtlSeconds: env.CATALOG_CACHE_TTL_SECONDS,
    productCache: { maxAgeSeconds: env.CATALOG_PRODUCT_MAX_AGE_SECONDS, staleWhileRevalidateSeconds: env.CATALOG_PRODUCT_MAX_AGE_SECONDS * 5 },
    listCache: { maxAgeSeconds: env.CATALOG_LIST_MAX_AGE_SECONDS, staleWhileRevalidateSeconds: env.CATALOG_LIST_MAX_AGE_SECONDS * 2 },
  };
}
