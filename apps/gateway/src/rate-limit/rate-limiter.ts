import type { RedisClient } from '@shop/messaging';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '@shop/observability';
import { LoginAttempts } from './login-attempts.js';
import { leaseSize, retryAfterSeconds, type RateLimitClass, type RateLimitRule } from './rate-limit-rules.js';

export type RateLimitVerdict = { limited: false } | { limited: true; retryAfterSeconds: number; limit: RateLimitRule };

interface Lease {
  /** Points this instance may still spend without asking Redis. */
  tokens: number;
  /** The shared counter reached the limit: refuse until the window ends. */
  exhausted: boolean;
  /** End of the counter's window (epoch ms); the lease dies with it. */
  expiresAt: number;
}

const ALLOWED: RateLimitVerdict = Object.freeze({ limited: false });

/**
 * A fixed-window counter per key in Redis (rate-limiter-flexible: one atomic round trip), so
 * limits hold across every gateway instance sharing the Redis. An instance takes points in
 * leases (leaseSize: 1 for small budgets, so those are exact) and spends them from memory:
 * every point is counted in Redis before it is spent, so a key never gets more than its limit,
 * and a busy key costs one round trip per lease. When Redis cannot answer, the same limits
 * are counted in memory per instance rather than letting everything through.
 */
class Counter {
  private readonly limiter: RateLimiterRedis;
  private readonly leases = new Map<string, Lease>();
  private readonly refills = new Map<string, Promise<RateLimitVerdict>>();
  private readonly lease: number;
  private lastSweep = Date.now();

  constructor(
    redis: RedisClient,
    keyPrefix: string,
    readonly rule: RateLimitRule,
    maxLease: number,
  ) {
    this.lease = leaseSize(rule, maxLease);
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix,
      points: rule.points,
      duration: rule.durationSeconds,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: rule.points, duration: rule.durationSeconds }),
    });
  }

  consume(key: string): RateLimitVerdict | Promise<RateLimitVerdict> {
    const now = Date.now();
    const lease = this.leases.get(key);
    if (lease && lease.expiresAt > now) {
      if (lease.tokens > 0) {
        lease.tokens--;
        return ALLOWED;
      }
      if (lease.exhausted) return this.limited(lease.expiresAt - now);
    }
    if (this.lease === 1) return this.take(key, now);
    // Requests that find the lease spent wait for one refill together: each taking its own lease
    // would cost a Redis round trip per request and strand the points of all but the last lease.
    const pending = this.refills.get(key);
    if (pending) return pending.then(() => this.consume(key));
    const refill = this.take(key, now);
    this.refills.set(key, refill);
    const settled = () => void this.refills.delete(key);
    void refill.then(settled, settled);
    return refill;
  }

  /** Takes a lease from the shared counter and spends its first point. */
  private async take(key: string, now: number): Promise<RateLimitVerdict> {
    let granted: number;
    let msLeft: number;
    try {
      const res = await this.limiter.consume(key, this.lease);
      granted = this.lease;
      msLeft = res.msBeforeNext;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      // The lease crossed the limit: only the points below it may be spent.
      granted = Math.max(0, this.rule.points - (rejection.consumedPoints - this.lease));
      msLeft = rejection.msBeforeNext;
    }
    this.sweep(now);
    this.leases.set(key, { tokens: Math.max(0, granted - 1), exhausted: granted < this.lease, expiresAt: now + msLeft });
    return granted > 0 ? ALLOWED : this.limited(msLeft);
  }

  private limited(msLeft: number): RateLimitVerdict {
    return { limited: true, retryAfterSeconds: retryAfterSeconds(msLeft), limit: this.rule };
  }

  /** Drops leases of ended windows, at most once per window, so idle keys do not pile up. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.rule.durationSeconds * 1000) return;
    this.lastSweep = now;
    for (const [key, lease] of this.leases) if (lease.expiresAt <= now) this.leases.delete(key);
  }
}

export interface RateLimitSettings {
  enabled: boolean;
  /** Largest lease an instance takes at once (1 = count every request in Redis). */
  maxLease: number;
  classes: Record<Exclude<RateLimitClass, 'none'>, RateLimitRule>;
  loginFailures: RateLimitRule;
  /** Failed logins of one account (all addresses) that make it "under attack". */
  accountFailureThreshold: RateLimitRule;
  /** Tries per address and account, per loginFailures window, while under attack. */
  attemptsUnderAttack: number;
}

/** Per route class budgets (see rate-limit-rules.ts) and the failed-login throttle. */
export class RateLimiter {
  private readonly counters = new Map<RateLimitClass, Counter>();
  private readonly loginAttempts: LoginAttempts;

  constructor(
    redis: RedisClient,
    prefix: string,
    private readonly settings: RateLimitSettings,
    private readonly logger: Logger,
  ) {
    for (const [name, rule] of Object.entries(settings.classes)) {
      this.counters.set(name as RateLimitClass, new Counter(redis, `${prefix}rl:${name}`, rule, settings.maxLease));
    }
    // Failed logins are few and must be exact: never leased.
    this.loginAttempts = new LoginAttempts(redis, prefix, settings);
  }

  /** Counts one request of `key` against its class; `none` and a disabled limiter never refuse. */
  consume(routeClass: RateLimitClass, key: string): RateLimitVerdict | Promise<RateLimitVerdict> {
    const counter = this.settings.enabled ? this.counters.get(routeClass) : undefined;
    if (!counter) return ALLOWED;
    return this.guarded(() => counter.consume(key));
  }

  /**
   * A login attempt on an account from a client address (see login-throttle-policy.ts):
   * refused after LOGIN_FAILURE_LIMIT tries from that address, or fewer while the account is
   * under attack from many addresses; an attacker never locks the owner out from elsewhere.
   * The per-address `auth` class stops one client trying many accounts.
   */
  async consumeLoginAttempt(email: string, ip: string): Promise<RateLimitVerdict> {
    if (!this.settings.enabled) return ALLOWED;
    return this.guarded(() => this.loginAttempts.consume(email, ip));
  }

  async recordLoginFailure(email: string): Promise<void> {
    if (!this.settings.enabled) return;
    await this.loginAttempts.recordFailure(email).catch((err: unknown) => this.logger.warn({ err: String(err) }, 'could not count a failed login'));
  }

  async resetLoginAttempts(email: string, ip: string): Promise<void> {
    if (!this.settings.enabled) return;
    await this.loginAttempts.reset(email, ip).catch((err: unknown) => this.logger.warn({ err: String(err) }, 'could not reset login attempts'));
  }

  /** Synchronous when a lease answers: no promise, no Redis on the hot path. */
  private guarded(count: () => RateLimitVerdict | Promise<RateLimitVerdict>): RateLimitVerdict | Promise<RateLimitVerdict> {
    // The in-memory insurance limiter already covers Redis outages; anything else is a bug
    // that must not take the API down with it.
    const letThrough = (err: unknown) => {
      this.logger.error({ err }, 'rate limiter failed; request let through');
      return ALLOWED;
    };
    try {
      const verdict = count();
      return verdict instanceof Promise ? verdict.catch(letThrough) : verdict;
    } catch (err) {
      return letThrough(err);
    }
  }
}
