import 'reflect-metadata';
import { loadConfig, runService } from '@shop/service-kit';
import { CatalogEnv, catalogConfigFrom } from './config.js';
import { startCatalog } from './catalog-app.js';

await runService('catalog', () => startCatalog(catalogConfigFrom(loadConfig(CatalogEnv))));
