import 'reflect-metadata';
import { initTracing } from '@shop/observability';
import { loadConfig } from '@shop/service-kit';
import { startInventory } from './inventory-app.js';
import { InventoryEnv, inventoryConfigFrom } from './config.js';

initTracing({ service: 'inventory' });
try {
  const config = inventoryConfigFrom(loadConfig(InventoryEnv));
  const service = await startInventory(config);
  service.logger.info({ url: service.url }, 'inventory listening');
} catch (err) {
  console.error(`inventory could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
