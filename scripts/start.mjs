// `npm start`: install if needed, make sure Postgres and Redis answer, migrate, build, seed,
// start every app (restarting any that crashes, with backoff), print the URLs, and stop them all
// on Ctrl-C.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { apps, withNativeMemoryDefaults } from './lib/apps.mjs';
import {
  ensureBackingServices,
  ensureDependencies,
  fail,
  localSecrets,
  platformEnv,
  root,
  run,
  say,
  SECRETS_FILE,
  startChild,
  waitForReady,
  warnIfRedisForgets,
} from './lib/platform.mjs';
import { supervise } from './lib/supervisor.mjs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) fail(`Node.js 20 or newer is needed (this is ${process.version}).`);

ensureDependencies();
// No secret has a default: the first start generates them (kept in SECRETS_FILE, reused after).
const secrets = localSecrets();
const env = withNativeMemoryDefaults(platformEnv(secrets.values));
// The storefront vouches to the gateway for each shopper's address (per-shopper login and rate
// limits instead of one shared budget); only the local storefront is a trusted proxy.
env.GATEWAY_TRUSTED_PROXIES ??= '127.0.0.1,::1';
await ensureBackingServices(env);
await warnIfRedisForgets(env.REDIS_URL);

say('Generating the Prisma client');
run('npm', ['run', '--silent', 'db:generate'], { env, what: 'prisma generate' });
say('Migrating the database');
run('npm', ['run', '--silent', 'db:migrate'], { env, what: 'database migration' });
say('Building the apps');
run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], { env, what: 'build' });
say('Seeding demo data');
run('npm', ['run', '--silent', 'db:seed'], { env, what: 'seeding' });

// Every app finds the others where they run: a port moved by its variable (SEARCH_PORT=4007) moves
// the address the others call (SEARCH_URL), unless that address is set itself.
for (const app of apps) env[`${app.name.toUpperCase()}_URL`] ??= `http://127.0.0.1:${Number(env[app.portVar] ?? app.port)}`;
// Analytics reads the gateway's circuit breakers from its internal metrics listener.
env.GATEWAY_METRICS_URL ??= `http://127.0.0.1:${Number(env.GATEWAY_METRICS_PORT ?? 9080)}`;

// Each app runs under a supervisor: a crash restarts it with backoff (scripts/lib/restart-policy.mjs)
// and one line says so; the rest of the platform keeps running.
const supervisors = [];
let stopping = false;
function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  say('Stopping…');
  const deadline = setTimeout(() => process.exit(code), 12_000);
  deadline.unref();
  Promise.all(supervisors.map((s) => s.stop('SIGTERM', 10_000))).then(() => process.exit(code));
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

for (const app of apps) {
  if (stopping) break; // Ctrl-C while starting
  if (!existsSync(join(root, app.entry))) fail(`${app.entry} is missing: the build did not produce it.`);
  const supervisor = supervise({
    name: app.name,
    start: () => startChild(app.name, process.execPath, [...(app.nodeFlags ?? []), '--enable-source-maps', app.entry], env),
    report: (line) => process.stderr.write(`\x1b[33m» ${line}\x1b[0m\n`),
  });
  supervisors.push(supervisor);
  const port = Number(env[app.portVar] ?? app.port);
  // A first start that never gets ready is a setup problem (port taken, bad config): stop and say so.
  if (!(await waitForReady(`http://127.0.0.1:${port}/health/ready`, 60))) {
    process.stderr.write(`${app.name} did not become ready on port ${port}.\n`);
    stopAll(1);
    break;
  }
}

if (!stopping) {
  const gateway = Number(env.GATEWAY_PORT ?? 8080);
  say('The platform is up:');
  for (const app of apps) {
    const port = Number(env[app.portVar] ?? app.port);
    process.stdout.write(`   ${app.name.padEnd(10)} http://127.0.0.1:${port}${app.public ? '   (public API)' : ''}\n`);
  }
  const admin = apps.find((a) => a.name === 'admin');
  if (admin) {
    process.stdout.write(
      `\n   The console: http://127.0.0.1:${Number(env[admin.portVar] ?? admin.port)}  (sign in as ${env.ADMIN_EMAIL ?? 'admin@example.com'}; password: ADMIN_PASSWORD in ${SECRETS_FILE})\n`,
    );
  }
  const adminEmail = env.ADMIN_EMAIL ?? 'admin@example.com';
  if (secrets.generated.includes('ADMIN_PASSWORD')) {
    process.stdout.write(`\n   Admin login (shown once; kept in ${SECRETS_FILE}):\n   ${adminEmail} / ${secrets.values.ADMIN_PASSWORD}\n`);
  }
  if ((await adminLogin(gateway, adminEmail, env.ADMIN_PASSWORD)) === 401) {
    // The gateway creates the admin only when there is none: one made by an earlier run on this
    // database (another clone, a test or bench run) keeps the password it was given then.
    process.stdout.write(
      `\n\x1b[33m   ${adminEmail} does not accept ADMIN_PASSWORD: the account was made earlier on this database (DATABASE_URL)\n` +
        `   with another password. To give it ADMIN_PASSWORD, start once with: ADMIN_PASSWORD_RESET=true npm start\x1b[0m\n`,
    );
  }
  process.stdout.write(
    `\n   try: curl -s 'http://127.0.0.1:${gateway}/api/products?limit=5'\n` +
      `        curl -s 'http://127.0.0.1:${gateway}/api/search?q=organc%20cotton'\n   Ctrl-C stops everything.\n\n`,
  );
}

/** The status of a login as the admin (undefined when the gateway could not be asked). */
async function adminLogin(gatewayPort, email, password) {
  if (!password) return undefined;
  try {
    const res = await fetch(`http://127.0.0.1:${gatewayPort}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
      signal: AbortSignal.timeout(5_000),
    });
    return res.status;
  } catch {
    return undefined;
  }
}
