import 'reflect-metadata';
import { loadConfig, runService } from '@shop/service-kit';
import { PaymentsEnv, paymentsConfigFrom } from './config.js';
import { startPayments } from './payments-app.js';

await runService('payments', () => startPayments(paymentsConfigFrom(loadConfig(PaymentsEnv))));
