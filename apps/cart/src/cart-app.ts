import { once } from 'node:events';
import { createRedis, type RedisClient } from '@shop/messaging/redis';
import { systemClock } from '@shop/contracts';
import { createLogger, type ReadinessCheck } from '@shop/observability';
import { bootstrapService, isDependencyUnavailable, listenOn, redisCheck, type RunningService, type ServiceOverrides, unavailable } from '@shop/service-kit';
import { CartService } from './application/cart-service.js';
import { CartModule } from './cart.module.js';
import { HttpVariantCatalog } from './adapters/http-variant-catalog.js';
import type { CartConfig } from './config.js';
import { RedisCartStore } from './adapters/redis-cart-store.js';
import { PricingClient } from './adapters/pricing-client.js';
import { InventoryStockClient } from './adapters/inventory-stock-client.js';
import type { PriceSource } from './application/price-source.js';

export interface CartOverrides extends ServiceOverrides {
  /** Where prices come from; default: the pricing service (PRICING_URL). */
  priceSource?: PriceSource;
}

/**
 * The composition root: builds the cart's collaborators from its configuration (Redis store,
 * catalog client, pricing client), starts the HTTP server, and closes them on shutdown.
 */
export async function startCart(config: CartConfig, overrides: CartOverrides = {}): Promise<RunningService> {
  const logger = createLogger({ service: 'cart' });
  // Redis holds the carts: when it is down, requests fail fast with 503 instead of queueing.
  const redis = createRedis(config, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => undefined); // reported through readiness and 503 answers
  await connectedOrTimeout(redis, 3000);

  const catalog = new HttpVariantCatalog(config.catalog);
  const pricing = new PricingClient(config.pricing, logger);
  const stock = new InventoryStockClient(config.inventory, logger);
  const carts = new CartService(
    new RedisCartStore(redis, config.redisPrefix, config.cart.ttlSeconds),
    catalog,
    overrides.priceSource ?? pricing,
    stock,
    overrides.clock ?? systemClock,
    config.cart,
    logger,
  );

  const readiness: ReadinessCheck[] = [redisCheck(redis)];

  return bootstrapService({
    name: 'cart',
    module: CartModule.forRoot({ carts, config }),
    ...listenOn(config),
    readiness,
    logger,
    errorMappers: [(err) => (isDependencyUnavailable(err) ? unavailable('cart storage is unavailable; retry shortly') : undefined)],
    handleSignals: overrides.handleSignals ?? true,
    onShutdown: async () => {
      await catalog.close();
      await pricing.close();
      await stock.close();
      redis.disconnect();
    },
  });
}

/** Redis may be down at boot: the service still starts (answering 503) and connects when it can. */
async function connectedOrTimeout(redis: RedisClient, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  await once(redis, 'ready', { signal: AbortSignal.timeout(timeoutMs) }).catch(() => undefined);
}
