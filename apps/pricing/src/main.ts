import 'reflect-metadata';
import { loadConfig, runService } from '@shop/service-kit';
import { PricingEnv, pricingConfigFrom } from './config.js';
import { startPricing } from './pricing-app.js';

await runService('pricing', () => startPricing(pricingConfigFrom(loadConfig(PricingEnv))));
