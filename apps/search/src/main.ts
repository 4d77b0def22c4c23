import 'reflect-metadata';
import { loadConfig, runService } from '@shop/service-kit';
import { SearchEnv, searchConfigFrom } from './config.js';
import { startSearch } from './search-app.js';

await runService('search', () => startSearch(searchConfigFrom(loadConfig(SearchEnv))));
