import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/**
 * Every workspace library's entries as its package.json declares them for `@shop/source`
 * (`@shop/persistence/pg` → libs/persistence/src/pg.ts...): tests run the sources, never a dist
 * that may be stale, and a new entry needs no alias written here.
 */
function workspaceSourceAliases(): Array<{ find: string; replacement: string }> {
  const aliases: Array<{ find: string; replacement: string }> = [];
  for (const dir of readdirSync(resolve(root, 'libs'))) {
    let manifest: { name?: string; exports?: Record<string, Record<string, string> | string> };
    try {
      manifest = JSON.parse(readFileSync(resolve(root, 'libs', dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    for (const [entry, conditions] of Object.entries(manifest.exports ?? {})) {
      const source = typeof conditions === 'object' ? conditions['@shop/source'] : undefined;
      if (!manifest.name || !source) continue;
      aliases.push({ find: entry === '.' ? manifest.name : `${manifest.name}/${entry.replace(/^\.\//, '')}`, replacement: resolve(root, 'libs', dir, source) });
    }
  }
  return aliases;
}

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
      // Exact names: a string alias would also catch `@shop/persistence/pg` by its prefix.
      alias: workspaceSourceAliases().map(({ find, replacement }) => ({ find: new RegExp(`^${find.replace(/[/.]/g, '\\$&')}$`), replacement })),
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
