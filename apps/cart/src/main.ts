import 'reflect-metadata';
import { initTracing } from '@shop/observability';
import { loadConfig } from '@shop/service-kit';
import { startCart } from './cart-app.js';
import { CartEnv, cartConfigFrom } from './config.js';

initTracing({ service: 'cart' });
try {
  const config = cartConfigFrom(loadConfig(CartEnv));
  const service = await startCart(config);
  service.logger.info({ url: service.url }, 'cart listening');
} catch (err) {
  console.error(`cart could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
