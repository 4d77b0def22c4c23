import { projectTestConfig } from '../../vitest.shared.js';

/**
 * The read-replica tests (`test/*.pg-replica.ts`): they need a streaming replica, which
 * `npm run test:pg-replica` makes and passes in DATABASE_REPLICA_URL; `npm test` never picks them up.
 */
const config = projectTestConfig(import.meta.dirname);
export default { ...config, test: { ...config.test, include: ['test/**/*.pg-replica.ts'] } };
