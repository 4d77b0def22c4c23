/**
 * Route classes of rate limiting. Each route entry names one; each class has its own budget
 * (configured by environment). `none` is for probes and metrics, which must never be refused.
 */
export const RATE_LIMIT_CLASSES = ['default', 'auth', 'order-lookup', 'reservation', 'checkout', 'guest-cart', 'none'] as const;
export type RateLimitClass = (typeof RATE_LIMIT_CLASSES)[number];

/**
 * Classes counted per client address even with a token: sign-in (credential stuffing) and the
 * guest order lookup (number + email guessing), where a pile of accounts must not buy more tries.
 */
const PER_ADDRESS_CLASSES: ReadonlySet<RateLimitClass> = new Set(['auth', 'order-lookup']);

/** `points` requests per `durationSeconds`, per key (client IP or user). */
export interface RateLimitRule {
  points: number;
  durationSeconds: number;
}

/** "600/60" → 600 requests per 60 seconds; undefined when malformed. */
export function parseRateLimit(value: string): RateLimitRule | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*s?\s*$/.exec(value);
  if (!match) return undefined;
  const points = Number(match[1]);
  const durationSeconds = Number(match[2]);
  if (!Number.isSafeInteger(points) || points < 1 || !Number.isSafeInteger(durationSeconds) || durationSeconds < 1) return undefined;
  return { points, durationSeconds };
}

/**
 * Who a request is counted against. Login, registration and the guest order lookup are counted
 * per client IP even with a token (PER_ADDRESS_CLASSES); everything else per user when
 * authenticated, so shoppers behind one NAT do not share a budget, else per IP. Each class has
 * its own counter, so the same key in two classes never shares a budget.
 */
export function rateLimitKey(routeClass: RateLimitClass, client: { ip: string; userId?: string }): string {
  if (!PER_ADDRESS_CLASSES.has(routeClass) && client.userId) return `user:${client.userId}`;
  return `ip:${client.ip}`;
}

/** Whole seconds to wait, never 0 (a Retry-After of 0 invites an immediate retry storm). */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/**
 * How many points an instance takes from the shared counter at once for a key (see
 * rate-limiter.ts): 1 (exact, one Redis round trip per request) for small budgets such as
 * login, up to `max` for large ones, so a busy key costs one round trip per lease instead of
 * one per request. At most `instances × (lease - 1)` points can sit unused in other instances'
 * leases: a key may be refused that much early, never let through beyond its limit.
 */
export function leaseSize(rule: RateLimitRule, max = 100): number {
  return Math.max(1, Math.min(max, Math.floor(rule.points / 50)));
}
