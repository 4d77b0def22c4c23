import type { Clock, EventEnvelope } from '@shop/contracts';
import { createEvent, createRedis, EventBus, streamKey, type EventTypeDefinition } from '@shop/messaging';
import { fetchJson, freePort, storeEnv, testEnv, type JsonAnswer, type TestIdentity } from '@shop/testing';
import type { z } from 'zod';
import { startAnalytics } from '../src/analytics-app.js';
import { AnalyticsEnv, analyticsConfigFrom } from '../src/config.js';

export const ADMIN: TestIdentity = { userId: '00000000-0000-4000-8000-00000000ad01', role: 'admin' };
export const CUSTOMER: TestIdentity = { userId: '00000000-0000-4000-8000-0000000c0001', role: 'customer' };

/**
 * The analytics service in this process on the run's Redis, following the streams under
 * `prefix`. Nothing answers at the addresses it polls unless a test gives them (they show down).
 */
export async function startTestAnalytics(options: { prefix: string; clock?: Clock; env?: Record<string, string> }) {
  const nowhere = `http://127.0.0.1:${await freePort()}`;
  const config = analyticsConfigFrom(
    AnalyticsEnv.parse({
      ANALYTICS_PORT: 0,
      ...storeEnv({ prefix: options.prefix }),
      CATALOG_URL: nowhere,
      INVENTORY_URL: nowhere,
      CART_URL: nowhere,
      ORDERS_URL: nowhere,
      PAYMENTS_URL: nowhere,
      PRICING_URL: nowhere,
      SEARCH_URL: nowhere,
      GATEWAY_URL: nowhere,
      GATEWAY_METRICS_URL: nowhere,
      ANALYTICS_POLL_MS: '200',
      ANALYTICS_STREAM_INTERVAL_MS: '200',
      ANALYTICS_CLAIM_IDLE_MS: '1000',
      ...options.env,
    }),
  );
  return startAnalytics(config, { handleSignals: false, ...(options.clock ? { clock: options.clock } : {}) });
}

/** Publishes events on their streams under a prefix, as the producing services' outbox relays do. */
export class TestPublisher {
  private readonly redis = createRedis(testEnv());
  private readonly bus: EventBus;

  constructor(private readonly prefix: string) {
    this.bus = new EventBus({ redis: this.redis, prefix });
  }

  async publish<T extends string, P extends z.ZodType>(definition: EventTypeDefinition<T, P>, payload: z.input<P>, occurredAt?: Date): Promise<EventEnvelope> {
    const envelope = createEvent(definition, { aggregateId: 'analytics-test', version: 1, payload, source: 'analytics-tests' });
    const dated = occurredAt ? { ...envelope, occurredAt: occurredAt.toISOString() } : envelope;
    await this.bus.publish(dated);
    return dated;
  }

  /** The very same envelope (same eventId) again: a redelivery. */
  async again(envelope: EventEnvelope): Promise<void> {
    await this.bus.publish(envelope);
  }

  /** Messages of `stream` delivered to the consumer group but not acknowledged yet. */
  async pending(stream: string, group: string): Promise<number> {
    const summary = (await this.redis.xpending(streamKey(this.prefix, stream), group)) as [number, ...unknown[]];
    return Number(summary[0]);
  }

  close(): void {
    this.redis.disconnect();
  }
}

/** A GET as the gateway forwards it for `identity` (or anonymously). */
export function get(base: string, path: string, identity?: TestIdentity): Promise<JsonAnswer> {
  return fetchJson(base + path, identity ? { identity } : {});
}
