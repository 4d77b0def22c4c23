import { basename, dirname, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Like vitest.shared.ts, without its database setup: these tests read files and run kubectl and
// promtool, nothing else.
const resultsDir = process.env.TEST_RESULTS_DIR;
const reportName = `${basename(dirname(import.meta.dirname))}-${basename(import.meta.dirname)}.json`;

export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['test/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: resultsDir ? ['default', ['json', { outputFile: resolve(resultsDir, reportName) }]] : ['default'],
  },
});
