import 'reflect-metadata';
import { initTracing } from '@shop/observability';
import { loadConfig } from '@shop/service-kit';
import { startCatalog } from './catalog-app.js';
import { CatalogEnv, catalogConfigFrom } from './config.js';

initTracing({ service: 'catalog' });
try {
  const config = catalogConfigFrom(loadConfig(CatalogEnv));
  const service = await startCatalog(config);
  service.logger.info({ url: service.url }, 'catalog listening');
} catch (err) {
  console.error(`catalog could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
