import 'reflect-metadata';
import { loadConfig, runService } from '@shop/service-kit';
import { InventoryEnv, inventoryConfigFrom } from './config.js';
import { startInventory } from './inventory-app.js';

await runService('inventory', () => startInventory(inventoryConfigFrom(loadConfig(InventoryEnv))));
