// `npm test`: typecheck, lint, then every project's unit and integration tests against the real
// Postgres and Redis (each run in its own database and Redis key prefix), then a summary line.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBackingServices, ensureDependencies, platformEnv, root, run, say } from './lib/platform.mjs';

ensureDependencies();
const resultsDir = join(root, 'tmp', 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const env = platformEnv({ TEST_RESULTS_DIR: resultsDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
await ensureBackingServices(env);

say('Generating the Prisma client');
run('npm', ['run', '--silent', 'db:generate'], { env, what: 'prisma generate' });
say('Typecheck and lint');
run('npx', ['nx', 'run-many', '-t', 'typecheck', 'lint', '--parallel=2', '--outputStyle=static'], { env, what: 'typecheck/lint' });
// The scripts (db CLIs, test setup) are no Nx project; check them too.
run('npx', ['tsc', '-p', 'scripts/tsconfig.json'], { env, what: 'typecheck of scripts/' });
run('npx', ['eslint', 'scripts'], { env, what: 'lint of scripts/' });
say('Building (the end-to-end tests run the built apps)');
run('npx', ['nx', 'run-many', '-t', 'build', '--parallel=2', '--outputStyle=static'], { env, what: 'build' });
say('Unit, integration and end-to-end tests');
run('npx', ['nx', 'run-many', '-t', 'test', '--parallel=1', '--outputStyle=static'], { env, what: 'tests' });

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 ? 1 : 0);
