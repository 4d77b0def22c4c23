// npm run chaos — the full chaos suite: the built services on a Postgres and a Redis of its own
// (never the shared ones), and, one at a time, the Postgres link drops, Postgres restarts, Redis
// crashes empty, the Redis link drops, and each service is killed with SIGKILL (the healing runner
// of `npm start` brings it back), each with checkouts and reservations in flight. After each:
// every accepted checkout settled, stock adds up, no charge without an order, the outbox
// drained, a new checkout succeeds. Prints the table and writes docs/reliability.md.
// Knobs: CHAOS_CHECKOUTS, CHAOS_RESERVATIONS, CHAOS_DOWN_MS, CHAOS_SETTLE_MS, CHAOS_LOG_LEVEL.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { failures } from '../e2e/src/chaos/chaos-run.js';
import { runChaos } from '../e2e/src/chaos/chaos-suite.js';
import { ensureBenchSecrets } from './lib/bench-secrets.js';

const root = join(import.meta.dirname, '..');
// No secret has a default: this run's services get their own (the CI-sized test gets them from the test setup).
ensureBenchSecrets();
const size = {
  checkouts: Number(process.env.CHAOS_CHECKOUTS ?? 20),
  reservations: Number(process.env.CHAOS_RESERVATIONS ?? 20),
  downMs: Number(process.env.CHAOS_DOWN_MS ?? 5_000),
  settleTimeoutMs: Number(process.env.CHAOS_SETTLE_MS ?? 90_000),
};

const services = ['catalog', 'inventory', 'cart', 'orders', 'payments', 'gateway'];
if (services.some((s) => !existsSync(join(root, 'apps', s, 'dist', 'main.js')))) {
  process.stdout.write('[chaos] building the services\n');
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...services.map((s) => `@shop/${s}`), '--outputStyle=static'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (build.status !== 0) process.exit(1);
}

// Ctrl-C: exit through process 'exit', where the suite stops its private Postgres and Redis.
process.once('SIGINT', () => process.exit(130));

const started = new Date();
const { outcomes, table } = await runChaos(size, (line) => process.stdout.write(`[chaos] ${line}\n`));
process.stdout.write(`\n${table}\n`);
const failed = failures(outcomes);
if (failed) process.stdout.write(`\n${failed}\n`);

const doc = join(root, 'docs', 'reliability.md');
const intro = existsSync(doc) ? readFileSync(doc, 'utf8').split('<!-- chaos:table -->')[0]! : '';
writeFileSync(
  doc,
  `${intro}<!-- chaos:table -->\n` +
    `Last full run: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${size.checkouts} checkouts and ${size.reservations} reservations ` +
    `around each fault, dependencies down ${size.downMs / 1000} s (\`npm run chaos\`).\n\n${table}\n` +
    (failed ? `\nFailures:\n\n\`\`\`\n${failed}\n\`\`\`\n` : ''),
);
process.stdout.write(`\n[chaos] wrote ${doc}\n`);
process.exit(failed ? 1 : 0);
