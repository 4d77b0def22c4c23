import 'reflect-metadata';
import { initTracing } from '@shop/observability';
import { loadConfig } from '@shop/service-kit';
import { PaymentsEnv, paymentsConfigFrom } from './config.js';
import { startPayments } from './payments-app.js';

initTracing({ service: 'payments' });
try {
  const config = paymentsConfigFrom(loadConfig(PaymentsEnv));
  const service = await startPayments(config);
  service.logger.info({ url: service.url }, 'payments listening');
} catch (err) {
  console.error(`payments could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
