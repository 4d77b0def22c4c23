import { projectTestConfig } from '../../vitest.shared.js';

/** Unit tests (pure functions, components rendered to HTML): no database, so the shared per-run database setup is left out. */
const config = projectTestConfig(import.meta.dirname);
config.test = { ...config.test, include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'], globalSetup: [] };

export default config;
