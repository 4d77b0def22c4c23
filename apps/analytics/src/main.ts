import 'reflect-metadata';
import { loadConfig, runService } from '@shop/service-kit';
import { AnalyticsEnv, analyticsConfigFrom } from './config.js';
import { startAnalytics } from './analytics-app.js';

await runService('analytics', () => startAnalytics(analyticsConfigFrom(loadConfig(AnalyticsEnv))));
