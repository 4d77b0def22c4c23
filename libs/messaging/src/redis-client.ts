import { once } from 'node:events';
import { Cluster, Redis, type RedisOptions } from 'ioredis';

/**
 * A connection to Redis: one server (`Redis`) or a Redis Cluster (`Cluster`). Both speak the same
 * commands; code that takes a connection takes this, and keeps every multi-key command, MULTI and
 * Lua script within one hash slot (keys share a `{tag}`) so it runs on either.
 */
export type RedisClient = Redis | Cluster;

/** Where Redis is: a URL, or the seed nodes of a cluster (`REDIS_CLUSTER_NODES`, see service-kit's `redisEnv`). */
export interface RedisConnectionConfig {
  redisUrl: string;
  /** `host:port` seed nodes; when non-empty, a cluster client is made (credentials still come from `redisUrl`). */
  redisClusterNodes?: readonly string[];
  /** A command's answer is awaited this long (default DEFAULT_REDIS_COMMAND_TIMEOUT_MS); see createRedis. */
  redisCommandTimeoutMs?: number;
}

/**
 * How long a command's answer is awaited, unless the connection sets its own `commandTimeout`.
 * It must outlast the longest blocking read (XREADGROUP BLOCK 5 s in the stream consumers,
 * BullMQ's BZPOPMIN at most 10 s).
 */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 30_000;

/** Options of one connection; on a cluster they apply to the cluster client and to each node's connection. */
export type RedisClientOptions = Pick<
  RedisOptions,
  'maxRetriesPerRequest' | 'enableOfflineQueue' | 'lazyConnect' | 'enableAutoPipelining' | 'commandTimeout' | 'connectionName' | 'connectTimeout' | 'retryStrategy'
>;

/** `REDIS_URL` and `REDIS_CLUSTER_NODES` of an environment, for scripts and processes without a service config. */
export function redisConnectionFromEnv(env: NodeJS.ProcessEnv = process.env): RedisConnectionConfig {
  return {
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    redisClusterNodes: (env.REDIS_CLUSTER_NODES ?? '').split(',').map((node) => node.trim()).filter((node) => node.length > 0),
  };
}

/** Parses `host:port,host:port` (spaces allowed); throws on a malformed entry. */
export function parseClusterNodes(list: string): { host: string; port: number }[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const match = /^(.+):(\d{1,5})$/.exec(entry);
      const port = Number(match?.[2]);
      if (!match || !(port > 0 && port < 65536)) throw new Error(`expected host:port in the cluster node list, got "${entry}"`);
      return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
    });
}

/**
 * The one way the platform opens a Redis connection: a `Cluster` when cluster nodes are
 * configured, else a `Redis` on the URL. On a cluster, reads go to masters (a replica may lag
 * behind an acknowledged write), and commands wait out a failover instead of failing: ioredis
 * retries on MOVED/ASK/TRYAGAIN/CLUSTERDOWN and refreshes its slot map.
 */
export function createRedis(config: RedisConnectionConfig, callerOptions: RedisClientOptions = {}): RedisClient {
  const nodes = config.redisClusterNodes ?? [];
  // A link gone silent (a host or network path gone, no reset) would hold commands for the
  // kernel's TCP timeout. The command timeout fails a command waiting on it (ioredis resends the
  // commands in flight when a connection drops, so a reconnect alone never fails them); the
  // socket timeout drops a connection that hears nothing while commands wait, so a new one is made.
  const timeout = config.redisCommandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS;
  const options: RedisOptions = { commandTimeout: timeout, socketTimeout: timeout, ...callerOptions };
  // The caller attaches the 'error' listener (the lint rule checks every createRedis call for it).
  // eslint-disable-next-line shop/require-error-listener
  if (nodes.length === 0) return new Redis(config.redisUrl, options);

  const url = new URL(config.redisUrl);
  const { enableOfflineQueue, lazyConnect, enableAutoPipelining, retryStrategy, ...nodeOptions } = options;
  // eslint-disable-next-line shop/require-error-listener
  return new Cluster(parseClusterNodes(nodes.join(',')), {
    scaleReads: 'master',
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    ...(enableAutoPipelining === undefined ? {} : { enableAutoPipelining }),
    ...(retryStrategy === undefined ? {} : { clusterRetryStrategy: retryStrategy }),
    redisOptions: {
      ...nodeOptions,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    },
  });
}

/**
 * Resolves true once the client is connected (status `ready`), false after `timeoutMs` without it
 * (Redis down or slow: the caller goes on and reports it through readiness). For a client made
 * with `enableOfflineQueue: false`, whose commands fail while it is still connecting.
 */
export async function redisConnected(redis: RedisClient, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    await once(redis, 'ready', { signal });
    return true;
  } catch {
    return false;
  }
}

/** A new connection with the same settings (e.g. for a blocking read); the caller closes it. */
export function duplicateRedis(redis: RedisClient): RedisClient {
  // Written out per type: `duplicate` has different parameters on the two, so the union cannot call it.
  return redis instanceof Cluster ? redis.duplicate() : redis.duplicate();
}

/**
 * Every key matching `pattern`, by SCAN (never KEYS): on a cluster, SCAN walks one node's
 * keyspace, so each master is scanned in turn.
 */
export async function scanKeys(redis: RedisClient, pattern: string, options: { type?: string; count?: number } = {}): Promise<string[]> {
  // A cluster client knows its masters once it has loaded the slot map.
  if (redis instanceof Cluster && redis.status !== 'ready') {
    if (redis.status === 'wait') await redis.connect();
    else await once(redis, 'ready');
  }
  const servers = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const keys = new Set<string>();
  for (const server of servers) {
    let cursor = '0';
    do {
      const [next, batch] =
        options.type === undefined
          ? await server.scan(cursor, 'MATCH', pattern, 'COUNT', options.count ?? 500)
          : await server.scan(cursor, 'MATCH', pattern, 'COUNT', options.count ?? 500, 'TYPE', options.type);
      for (const key of batch) keys.add(key);
      cursor = next;
    } while (cursor !== '0');
  }
  return [...keys];
}
