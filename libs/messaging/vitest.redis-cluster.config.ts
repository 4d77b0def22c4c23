import { projectTestConfig } from '../../vitest.shared.js';

/**
 * The tests that need a Redis Cluster of their own to fail over (`*.cluster-spec.ts`): run only by
 * `npm run test:redis-cluster` (scripts/redis-cluster.mjs), never by the plain `npm test`.
 */
const config = projectTestConfig(import.meta.dirname);
config.test = { ...config.test, include: ['test/**/*.cluster-spec.ts'], testTimeout: 120_000 };
export default config;
