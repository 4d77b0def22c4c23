// `npm test`: typecheck, lint, then every project's unit and integration tests against the real
// Postgres and Redis (each run in its own database and Redis key prefix), then a summary line.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
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
// Not `run`: a failing project must not stop the summary below, which names what failed at the
// end of the log, where a CI excerpt shows it.
const tests = spawnSync('npx', ['nx', 'run-many', '-t', 'test', '--parallel=1', '--outputStyle=static'], { cwd: root, env, stdio: 'inherit' });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
const flaky = [];
for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  for (const suite of report.testResults ?? []) {
    const where = suite.name.startsWith(root) ? suite.name.slice(root.length + 1) : suite.name;
    for (const test of suite.assertionResults ?? []) {
      const messages = test.failureMessages ?? [];
      if (test.status === 'failed') failures.push({ where, name: test.fullName, messages });
      // A test that passed with errors recorded passed on a retry.
      else if (test.status === 'passed' && messages.length > 0) flaky.push({ where, name: test.fullName, messages });
    }
    // A file that failed outside any test (import error, hook) has no failed assertion to name.
    if (suite.status === 'failed' && !(suite.assertionResults ?? []).some((t) => t.status === 'failed')) {
      failures.push({ where, name: '(the file itself)', messages: [suite.message ?? ''] });
    }
  }
}
// The message and the project's own frames; the test runner's frames say nothing here.
const firstLines = (text, n) => text.split('\n').filter((line) => !/node_modules|node:internal|new Promise/.test(line)).slice(0, n).map((line) => `      ${line}`).join('\n');
// The summary also goes to tmp/test-summary.txt: CI prints it again after the suites that run
// after this one, so the end of its log names what failed here.
let summary = '';
const print = (text) => {
  summary += text;
  process.stdout.write(text);
};
if (flaky.length > 0) {
  print(`\nflaky (failed, then passed on retry): ${flaky.length}\n`);
  for (const t of flaky) print(`  ~ ${t.where} › ${t.name}\n${firstLines(t.messages[0] ?? '', 6)}\n`);
}
if (failures.length > 0) {
  print(`\nfailed: ${failures.length}\n`);
  for (const t of failures) {
    // The first error is the cause; a hook that then timed out (afterEach) adds a last one.
    const [first = '', ...rest] = t.messages;
    const last = rest.at(-1);
    print(`  ✗ ${t.where} › ${t.name}\n${firstLines(first, 14)}\n${last && last !== first ? `    and then:\n${firstLines(last, 6)}\n` : ''}`);
  }
}
print(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
if (tests.status !== 0 && failed === 0) print('a test task failed without a failed test in any report (see the task output above)\n');
writeFileSync(join(root, 'tmp', 'test-summary.txt'), summary);
process.exit(failed > 0 || tests.status !== 0 ? 1 : 0);
