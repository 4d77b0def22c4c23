import { basename, dirname, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/**
 * One test configuration for every project: workspace libraries resolve to their
 * TypeScript sources, and each run gets its own database and Redis key prefix
 * (see scripts/test-env/global-setup.ts) so parallel runs never collide.
 */
export function projectTestConfig(projectDir: string) {
  // `npm test` collects one JSON report per project to print a single summary line.
  const resultsDir = process.env.TEST_RESULTS_DIR;
  const reportName = `${basename(dirname(projectDir))}-${basename(projectDir)}.json`;
  return defineConfig({
    root: projectDir,
    resolve: {
      alias: [
        { find: /^@shop\/([a-z-]+)$/, replacement: resolve(root, 'libs/$1/src/index.ts') },
        // contracts' schema-free entry (failure codes) for client bundles
        { find: /^@shop\/contracts\/failure$/, replacement: resolve(root, 'libs/contracts/src/common/failure.ts') },
        // messaging's Redis connection factory alone (for projects without streams or a database)
        { find: /^@shop\/messaging\/redis$/, replacement: resolve(root, 'libs/messaging/src/redis-client.ts') },
      ],
    },
    test: {
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      environment: 'node',
      globalSetup: [resolve(root, 'scripts/test-env/global-setup.ts')],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      pool: 'forks',
      fileParallelism: false,
      reporters: resultsDir ? ['default', ['json', { outputFile: resolve(resultsDir, reportName) }]] : ['default'],
    },
  });
}
