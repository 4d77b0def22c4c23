import { Gauge } from 'prom-client';
import { systemClock } from '@shop/contracts';
import { registerStreamConsumerMetrics, startWhenReachable, StreamConsumer, createRedis } from '@shop/messaging';
import { createLogger } from '@shop/observability';
import { bootstrapService, listenOn, redisCheck, type RunningService, type ServiceOverrides } from '@shop/service-kit';
import { FigureStore } from './adapters/figure-store.js';
import { PlatformWatch } from './adapters/platform-watch.js';
import { DashboardService } from './application/dashboard-service.js';
import { LiveFeed } from './application/live-feed.js';
import { AnalyticsModule } from './analytics.module.js';
import type { AnalyticsConfig } from './config.js';
import { DEAD_LETTER_STREAMS, figuresHandler, FOLLOWED_STREAMS } from './messaging/analytics-consumers.js';

export interface RunningAnalytics extends RunningService {
  store: FigureStore;
  watch: PlatformWatch;
  feed: LiveFeed;
  consumers: StreamConsumer[];
}

/** Heartbeat comments on the live stream (idle proxies close silent connections). */
const HEARTBEAT_MS = 5000;

/**
 * The composition root: consumers of the orders, inventory and pricing streams keep rolling
 * aggregates in Redis; a poller watches health, breakers and counters; the admin routes read
 * the aggregates as snapshots and a live stream.
 */
export async function startAnalytics(config: AnalyticsConfig, overrides: ServiceOverrides = {}): Promise<RunningAnalytics> {
  const logger = createLogger({ service: 'analytics' });
  const clock = overrides.clock ?? systemClock;
  const redis = createRedis(config, { maxRetriesPerRequest: 2 });
  redis.on('error', () => undefined); // reported through readiness; consumers retry on their own
  const store = new FigureStore(redis, config.redisPrefix);
  const watch = new PlatformWatch({ services: config.services, gatewayMetricsUrl: config.gatewayMetricsUrl, store, clock, timeoutMs: config.pollTimeoutMs, logger });
  const dashboards = new DashboardService({ store, watch, clock, redisPrefix: config.redisPrefix, streams: DEAD_LETTER_STREAMS });
  const feed = new LiveFeed({ dashboards, intervalMs: config.streamIntervalMs, heartbeatMs: HEARTBEAT_MS, logger });

  const consumers = FOLLOWED_STREAMS.map(
    (stream) =>
      new StreamConsumer({
        redis,
        prefix: config.redisPrefix,
        streams: stream,
        startFrom: 'beginning',
        group: `analytics.${stream.slice('events.'.length)}`,
        consumer: config.instanceId,
        handler: figuresHandler(store, stream),
        // A flash sale writes thousands of reservation events a second: large reads keep up.
        batchSize: 500,
        claimIdleMs: config.claimIdleMs,
        logger,
      }),
  );
  const service = await bootstrapService({
    name: 'analytics',
    module: AnalyticsModule.forRoot({ dashboards, feed }),
    ...listenOn(config),
    readiness: [redisCheck(redis)],
    logger,
    handleSignals: overrides.handleSignals ?? true,
    onClosing: () => feed.stop(),
    onShutdown: async () => {
      await watch.stop();
      for (const consumer of consumers) await consumer.stop();
      redis.disconnect();
    },
  });
  new Gauge({
    name: 'analytics_live_streams',
    help: 'Open live dashboard streams (server-sent events)',
    registers: [service.metrics.registry],
    collect() {
      this.set(feed.size);
    },
  });
  registerStreamConsumerMetrics(service.metrics.registry, consumers);
  for (const consumer of consumers) startWhenReachable(consumer, logger);
  watch.start(config.pollMs);
  return { ...service, store, watch, feed, consumers };
}
