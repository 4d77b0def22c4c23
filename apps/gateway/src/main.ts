import 'reflect-metadata';
import { loadConfig, runService } from '@shop/service-kit';
import { GatewayEnv, gatewayConfigFrom } from './config.js';
import { startGateway } from './gateway-app.js';

await runService('gateway', () => startGateway(gatewayConfigFrom(loadConfig(GatewayEnv))));
