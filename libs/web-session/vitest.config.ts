import { projectTestConfig } from '../../vitest.shared.js';

/** Unit tests only: no database, so the shared per-run database setup is left out. */
const config = projectTestConfig(import.meta.dirname);
config.test = { ...config.test, globalSetup: [] };

export default config;
