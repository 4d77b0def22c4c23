import type { ReadinessCheck } from '@shop/observability';

/** A readiness check that reports a short reason, not a driver's multi-line message. */
export function dependencyCheck(name: string, call: () => Promise<unknown>, reason: string): ReadinessCheck {
  return {
    name,
    check: async () => {
      try {
        await call();
      } catch {
        throw new Error(reason);
      }
    },
  };
}

/** PostgreSQL answers a trivial query (e.g. `() => prisma.$queryRaw\`SELECT 1\``). */
export const postgresCheck = (query: () => Promise<unknown>): ReadinessCheck => dependencyCheck('postgres', query, 'cannot reach PostgreSQL');

/** Redis answers PING. */
export const redisCheck = (redis: { ping(): Promise<unknown> }): ReadinessCheck => dependencyCheck('redis', () => redis.ping(), 'cannot reach Redis');
