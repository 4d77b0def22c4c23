import { projectTestConfig } from '../../vitest.shared.js';

/**
 * Unit tests only (src/**\/*.spec.ts, and .tsx for components rendered to HTML): they need no database, so the shared per-run database
 * setup is left out. The journeys against the running platform are Playwright's (e2e/).
 */
const config = projectTestConfig(import.meta.dirname);
config.test = { ...config.test, include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'], globalSetup: [] };

export default config;
