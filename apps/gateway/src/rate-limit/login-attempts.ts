import type { RedisClient } from '@shop/messaging';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { decideLoginAttempt, type LoginThrottlePolicy } from '../identity/domain/login-throttle-policy.js';
import { retryAfterSeconds, type RateLimitRule } from './rate-limit-rules.js';
import type { RateLimitVerdict } from './rate-limiter.js';

/** The counters never refuse by themselves: decideLoginAttempt decides from the counts. */
const UNBOUNDED = 1_000_000_000;

export interface LoginAttemptSettings {
  /** Tries per account and client address, and its window. */
  loginFailures: RateLimitRule;
  /** Failed logins of an account, from anywhere, that put it "under attack", and its window. */
  accountFailureThreshold: RateLimitRule;
  attemptsUnderAttack: number;
}

function counter(redis: RedisClient, keyPrefix: string, durationSeconds: number): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points: UNBOUNDED,
    duration: durationSeconds,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: UNBOUNDED, duration: durationSeconds }),
  });
}

/**
 * Failed-login throttling in Redis (exact counts, shared by every gateway instance; counted in
 * memory per instance while Redis is away): attempts per account and client address, failures
 * per account. What the counts mean is decided by identity/domain/login-throttle-policy.ts.
 */
export class LoginAttempts {
  private readonly pairs: RateLimiterRedis;
  private readonly accounts: RateLimiterRedis;
  private readonly policy: LoginThrottlePolicy;
  private readonly windowSeconds: number;

  constructor(redis: RedisClient, prefix: string, settings: LoginAttemptSettings) {
    this.pairs = counter(redis, `${prefix}rl:login-failures`, settings.loginFailures.durationSeconds);
    this.accounts = counter(redis, `${prefix}rl:login-failures-account`, settings.accountFailureThreshold.durationSeconds);
    this.windowSeconds = settings.loginFailures.durationSeconds;
    this.policy = {
      pairLimit: settings.loginFailures.points,
      accountFailureThreshold: settings.accountFailureThreshold.points,
      attemptsUnderAttack: settings.attemptsUnderAttack,
    };
  }

  /** Counts an attempt before the password is checked, so a throttled guesser learns nothing more. */
  async consume(email: string, ip: string): Promise<RateLimitVerdict> {
    const [pair, account] = await Promise.all([this.pairs.consume(pairKey(email, ip), 1).catch(asResult), this.accounts.get(email)]);
    const decision = decideLoginAttempt({ pairAttempts: pair.consumedPoints, accountFailures: account?.consumedPoints ?? 0 }, this.policy);
    if (decision === 'allow') return { limited: false };
    const points = decision === 'too_many_from_client' ? this.policy.pairLimit : this.policy.attemptsUnderAttack;
    const limit = { points, durationSeconds: this.windowSeconds };
    return { limited: true, retryAfterSeconds: retryAfterSeconds(pair.msBeforeNext), limit };
  }

  async recordFailure(email: string): Promise<void> {
    await this.accounts.consume(email, 1).catch(asResult);
  }

  /** A successful login: this address starts afresh (the account's failure count stays). */
  async reset(email: string, ip: string): Promise<void> {
    await this.pairs.delete(pairKey(email, ip));
  }
}

function pairKey(email: string, ip: string): string {
  return `${ip}|${email}`;
}

/** A counter over its (unreachable) limit still reports its count. */
function asResult(rejection: unknown): RateLimiterRes {
  if (rejection instanceof RateLimiterRes) return rejection;
  throw rejection;
}
