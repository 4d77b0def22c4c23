import type { Redis } from 'ioredis';
import type { PricingChangeSignal } from '../application/pricing-rules.js';

/** The shared change counter of prices and promotions: one Redis key under the service's prefix. */
export class RedisChangeSignal implements PricingChangeSignal {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}pricing:rules-version`;
  }

  async current(): Promise<string> {
    return (await this.redis.get(this.key)) ?? '0';
  }

  async bump(): Promise<void> {
    await this.redis.incr(this.key);
  }
}
