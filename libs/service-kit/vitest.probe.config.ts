import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
const root = resolve(import.meta.dirname, '../..');
export default defineConfig({ root: import.meta.dirname,
  resolve: { alias: [{ find: /^@shop\/([a-z-]+)$/, replacement: resolve(root, 'libs/$1/src/index.ts') }] },
  test: { include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'], pool: 'forks', testTimeout: 30000, fileParallelism: false } });
