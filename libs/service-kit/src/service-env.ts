import { z } from 'zod';

/**
 * Building blocks of a service's environment schema, so every service reads the same variables
 * the same way: `z.object({ ...listenerEnv('CART', 3003), ...redisEnv, CART_TTL_SECONDS: envInt(…) })`.
 * Each has a safe local default; the README of each service lists them.
 */

/** An integer variable with a default and bounds. */
export const envInt = (fallback: number, min = 0, max = 2_147_483_647) => z.coerce.number().int().min(min).max(max).default(fallback);

/** A "true"/"false" (or "1"/"0") variable. */
export const envFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

const port = z.coerce.number().int().min(0).max(65535);

type ListenerEnv<P extends string> = Record<`${P}_PORT`, z.ZodDefault<typeof port>> &
  Record<`${P}_HOST`, z.ZodDefault<z.ZodString>> &
  Record<`${P}_METRICS_PORT`, z.ZodType<number | undefined>>;

/** `<P>_PORT`, `<P>_HOST` (default loopback only: only the gateway should face clients) and `<P>_METRICS_PORT`. */
export function listenerEnv<P extends string>(prefix: P, defaultPort: number): ListenerEnv<P> {
  return {
    [`${prefix}_PORT`]: port.default(defaultPort),
    [`${prefix}_HOST`]: z.string().default('127.0.0.1'),
    // When set (0 = random), /metrics moves off the service port to its own listener on 127.0.0.1.
    [`${prefix}_METRICS_PORT`]: z.preprocess((v) => (v === '' ? undefined : v), port.optional()),
  } as ListenerEnv<P>;
}

/** Where a service listens. */
export interface ListenerConfig {
  port: number;
  host: string;
  /** Own metrics listener (127.0.0.1), or undefined: /metrics on the service port. */
  metricsPort: number | undefined;
}

export function listenerConfig<P extends string>(env: Record<`${P}_PORT` | `${P}_HOST` | `${P}_METRICS_PORT`, unknown>, prefix: P): ListenerConfig {
  return {
    port: env[`${prefix}_PORT`] as number,
    host: env[`${prefix}_HOST`] as string,
    metricsPort: env[`${prefix}_METRICS_PORT`] as number | undefined,
  };
}

export const postgresEnv = {
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/shop'),
  /**
   * A statement unanswered this long fails, and the request that sent it answers 503: a link to
   * Postgres that goes silent (no reset) must not hold requests, commits and shutdowns for the
   * kernel's TCP timeout. Far above any statement on a request's path.
   */
  DATABASE_QUERY_TIMEOUT_MS: envInt(30_000, 100, 3_600_000),
};

/**
 * A service with a transactional outbox: its relay deletes published rows this many hours after
 * publishing them (kept meanwhile for audit and replay); 0 keeps them for good.
 */
export const outboxEnv = {
  OUTBOX_RETENTION_HOURS: envInt(168, 0, 87_600),
};

/** The relay's `retentionMs` (undefined: kept for good). */
export function outboxRetentionMs(env: { OUTBOX_RETENTION_HOURS: number }): number | undefined {
  return retentionMsOf(env.OUTBOX_RETENTION_HOURS);
}

/**
 * A service whose consumers record the events they handled (messaging.processed_event): records
 * older than this many hours are deleted; 0 keeps them for good. It must outlast any redelivery,
 * a replay of a producer's outbox (OUTBOX_RETENTION_HOURS) included: an event redelivered after its
 * record is gone takes effect twice.
 */
export const processedEventEnv = {
  PROCESSED_EVENT_RETENTION_HOURS: envInt(336, 0, 87_600),
};

/** `ProcessedEventRetention`'s `retentionMs` (undefined: kept for good). */
export function processedEventRetentionMs(env: { PROCESSED_EVENT_RETENTION_HOURS: number }): number | undefined {
  return retentionMsOf(env.PROCESSED_EVENT_RETENTION_HOURS);
}

function retentionMsOf(hours: number): number | undefined {
  return hours === 0 ? undefined : hours * 3_600_000;
}

export const redisEnv = {
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Prefixes every key and stream, so several platforms (or test runs) share one Redis. */
  REDIS_PREFIX: z.string().default(''),
  /**
   * Seed nodes of a Redis Cluster, `host:port,host:port`: when set, every connection is a cluster
   * client (REDIS_URL then only lends its user and password). Empty: the one server at REDIS_URL.
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((node) => node.trim()).filter((node) => node.length > 0))
    .pipe(z.array(z.string().regex(/^[^\s,]+:\d{1,5}$/, 'expected host:port'))),
  /**
   * A command unanswered this long fails (503), and a connection that hears nothing this long
   * while commands wait is dropped and made again: a link to Redis that goes silent must not hold
   * them for the kernel's TCP timeout. Above the longest blocking read (stream consumers 5 s,
   * BullMQ 10 s). A connection that sets its own command timeout keeps it.
   */
  REDIS_COMMAND_TIMEOUT_MS: envInt(30_000, 100, 3_600_000),
};

/** Where a service keeps its data. */
export interface StorageConfig {
  databaseUrl: string;
  /** See `DATABASE_QUERY_TIMEOUT_MS` in `postgresEnv`. */
  databaseQueryTimeoutMs: number;
  redisUrl: string;
  /** `host:port` seed nodes of a Redis Cluster; empty for one server (`createRedis` in @shop/messaging reads both). */
  redisClusterNodes: readonly string[];
  redisPrefix: string;
  /** See `REDIS_COMMAND_TIMEOUT_MS` in `redisEnv`. */
  redisCommandTimeoutMs: number;
}

/** The Postgres part of a service's environment (see `postgresEnv`). */
export interface PostgresEnv {
  DATABASE_URL: string;
  DATABASE_QUERY_TIMEOUT_MS: number;
}

/** The Redis part of a service's environment (see `redisEnv`). */
export interface RedisEnv {
  REDIS_URL: string;
  REDIS_PREFIX: string;
  REDIS_CLUSTER_NODES: readonly string[];
  REDIS_COMMAND_TIMEOUT_MS: number;
}

export function storageConfig(env: PostgresEnv & RedisEnv): StorageConfig {
  return { databaseUrl: env.DATABASE_URL, databaseQueryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS, ...redisConfig(env) };
}

/** Where a service without a database keeps its Redis data. */
export function redisConfig(env: RedisEnv): { redisUrl: string; redisClusterNodes: readonly string[]; redisPrefix: string; redisCommandTimeoutMs: number } {
  return { redisUrl: env.REDIS_URL, redisClusterNodes: env.REDIS_CLUSTER_NODES, redisPrefix: env.REDIS_PREFIX, redisCommandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS };
}

/** The listener part of `bootstrapService`'s options from a service's configuration. */
export function listenOn(config: ListenerConfig): { port: number; host: string; metricsListener: { port: number } | undefined } {
  return { port: config.port, host: config.host, metricsListener: config.metricsPort === undefined ? undefined : { port: config.metricsPort } };
}

/** Where a service with a database and Redis listens and keeps its data. */
export function serviceConfig<P extends string>(
  env: Record<`${P}_PORT` | `${P}_HOST` | `${P}_METRICS_PORT`, unknown> & PostgresEnv & RedisEnv,
  prefix: P,
): ListenerConfig & StorageConfig {
  return { ...listenerConfig(env, prefix), ...storageConfig(env) };
}
