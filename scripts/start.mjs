// `npm start`: install if needed, make sure Postgres and Redis answer, migrate, build, seed,
// start every app, print the URLs, and stop them all on Ctrl-C.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { apps } from './lib/apps.mjs';
import { ensureBackingServices, ensureDependencies, fail, platformEnv, root, run, say, startChild, waitForReady } from './lib/platform.mjs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) fail(`Node.js 20 or newer is needed (this is ${process.version}).`);

ensureDependencies();
const env = platformEnv();
// The storefront vouches to the gateway for each shopper's address (per-shopper login and rate
// limits instead of one shared budget). A fresh credential per run is enough: signatures live 60 s.
env.FORWARDED_CLIENT_SECRET ??= randomBytes(32).toString('base64url');
env.GATEWAY_TRUSTED_PROXIES ??= '127.0.0.1,::1';
await ensureBackingServices(env);

say('Generating the Prisma client');
run('npm', ['run', '--silent', 'db:generate'], { env, what: 'prisma generate' });
say('Migrating the database');
run('npm', ['run', '--silent', 'db:migrate'], { env, what: 'database migration' });
say('Building the apps');
run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], { env, what: 'build' });
say('Seeding demo data');
run('npm', ['run', '--silent', 'db:seed'], { env, what: 'seeding' });

const children = [];
let stopping = false;
function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  say('Stopping…');
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  const deadline = setTimeout(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    process.exit(code);
  }, 10_000);
  deadline.unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() => process.exit(code));
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

for (const app of apps) {
  if (!existsSync(join(root, app.entry))) fail(`${app.entry} is missing: the build did not produce it.`);
  const child = startChild(app.name, process.execPath, ['--enable-source-maps', app.entry], env);
  child.once('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${app.name} exited (${code ?? signal}); stopping the platform.\n`);
      stopAll(1);
    }
  });
  children.push(child);
  const port = Number(env[app.portVar] ?? app.port);
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
  process.stdout.write(`\n   try: curl -s 'http://127.0.0.1:${gateway}/api/products?limit=5'\n   Ctrl-C stops everything.\n\n`);
}
