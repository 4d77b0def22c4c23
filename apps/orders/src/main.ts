import 'reflect-metadata';
import { loadConfig, runService } from '@shop/service-kit';
import { OrdersEnv, ordersConfigFrom } from './config.js';
import { startOrders } from './orders-app.js';

await runService('orders', () => startOrders(ordersConfigFrom(loadConfig(OrdersEnv))));
