import 'reflect-metadata';
import { initTracing } from '@shop/observability';
import { loadConfig } from '@shop/service-kit';
import { OrdersEnv, ordersConfigFrom } from './config.js';
import { startOrders } from './orders-app.js';

initTracing({ service: 'orders' });
try {
  const config = ordersConfigFrom(loadConfig(OrdersEnv));
  const service = await startOrders(config);
  service.logger.info({ url: service.url }, 'orders listening');
} catch (err) {
  console.error(`orders could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
