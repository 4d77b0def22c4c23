import 'reflect-metadata';
import { initTracing } from '@shop/observability';
import { loadConfig } from '@shop/service-kit';
import { GatewayEnv, gatewayConfigFrom } from './config.js';
import { startGateway } from './gateway-app.js';

initTracing({ service: 'gateway' });
try {
  const service = await startGateway(gatewayConfigFrom(loadConfig(GatewayEnv)));
  service.logger.info({ url: service.url }, 'gateway listening');
} catch (err) {
  console.error(`gateway could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
