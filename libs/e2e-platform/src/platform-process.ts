/**
 * The whole platform for the browser journeys (storefront, admin console), as `npm start` runs it but isolated:
 * a fresh database (the shared test setup: created, migrated, dropped afterwards) seeded by
 * scripts/db-seed.ts (demo catalog and demo stock, before inventory loads its partitions), a
 * Redis key prefix of its own, and every app of scripts/lib/apps.mjs (catalog, orders, cart,
 * inventory, pricing, search, payments, gateway, storefront, admin) on free ports, started in that order. Every app must
 * be built: the journeys run the whole purchase, so a missing one fails the run at once.
 *
 * Runs as its own process (`node --conditions=@shop/source --import tsx`), started by the
 * Playwright global setup. It prints `PLATFORM_READY {json of urls}` once everything answers
 * /health/ready, and stops everything and drops the database on SIGTERM, SIGINT or when its
 * stdin closes (the test runner died).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '@shop/testing';
// Test infrastructure: the same per-run database setup as every vitest run.
// eslint-disable-next-line @nx/enforce-module-boundaries
import setupTestEnvironment from '../../../scripts/test-env/global-setup.js';

interface AppEntry {
  name: string;
  entry: string;
  portVar: string;
  port: number;
  nodeFlags?: string[];
}

const root = join(import.meta.dirname, '..', '..', '..');
/** The journeys buy through every one of them (the purchase needs inventory and payments too) and run the console. */
const REQUIRED = ['catalog', 'orders', 'cart', 'inventory', 'pricing', 'search', 'payments', 'gateway', 'storefront', 'admin'];
const READY_TIMEOUT_MS = 90_000;

function log(message: string): void {
  process.stderr.write(`[platform] ${message}\n`);
}

async function waitReady(name: string, url: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited before it was ready:\n${output.join('').slice(-4000)}`);
    try {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output.join('').slice(-4000)}`);
}

/**
 * Pricing learns the seeded products by reading the catalog when it starts (the seed ran before
 * it, so there were no events to follow); its readiness does not wait for that. The journeys
 * quote and buy seeded SKUs, so the platform is ready only when pricing prices every one of them.
 */
async function untilPricingKnowsTheCatalog(gatewayUrl: string): Promise<number> {
  const skus: string[] = [];
  let products = 0;
  let cursor: string | null = null;
  do {
    const page = (await (await fetch(`${gatewayUrl}/api/products?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json()) as {
      items: { variants: { sku: string }[] }[];
      nextCursor: string | null;
    };
    products += page.items.length;
    for (const product of page.items) for (const variant of product.variants) skus.push(variant.sku);
    cursor = page.nextCursor;
  } while (cursor);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let missing = skus;
  while (Date.now() < deadline) {
    const still: string[] = [];
    for (let i = 0; i < missing.length; i += 100) {
      const chunk = missing.slice(i, i + 100);
      const response = await fetch(`${gatewayUrl}/api/pricing/prices?skus=${chunk.map(encodeURIComponent).join(',')}`).catch(() => null);
      const known = new Set(response?.ok ? ((await response.json()) as { items: { sku: string }[] }).items.map((p) => p.sku) : []);
      still.push(...chunk.filter((sku) => !known.has(sku)));
    }
    if (still.length === 0) return products;
    missing = still;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`pricing does not price ${missing.length} of the ${skus.length} seeded SKUs after ${READY_TIMEOUT_MS / 1000} s (e.g. ${missing.slice(0, 3).join(', ')})`);
}

/**
 * Search indexes the catalog when it starts with an empty index (the seed ran before it, so there
 * were no events to follow), in the background; the journeys search the seeded products, so the
 * platform is ready only when a search without words finds every one of them.
 */
async function untilSearchKnowsTheCatalog(gatewayUrl: string, products: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let found = -1;
  while (Date.now() < deadline) {
    const response = await fetch(`${gatewayUrl}/api/search?limit=1`).catch(() => null);
    found = response?.ok ? ((await response.json()) as { total: number }).total : -1;
    if (found === products) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`search finds ${found} of the ${products} seeded products after ${READY_TIMEOUT_MS / 1000} s`);
}

async function main(): Promise<void> {
  const teardown = await setupTestEnvironment();
  const children: { name: string; child: ChildProcess }[] = [];
  let stopping: Promise<void> | undefined;

  const stop = (code: number) => {
    stopping ??= (async () => {
      for (const { child } of [...children].reverse()) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.all(
        children.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
              child.once('exit', () => {
                clearTimeout(kill);
                resolve();
              });
            }),
        ),
      );
      await teardown();
      log('stopped; test database dropped');
      process.exit(code);
    })();
    return stopping;
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  process.stdin.on('end', () => void stop(0));
  process.stdin.resume();

  try {
    // `npm run db:seed` itself (demo catalog, demo stock, whatever it seeds next) into the run's database.
    const seed = spawnSync(process.execPath, ['--conditions=@shop/source', '--import', 'tsx', join(root, 'scripts', 'db-seed.ts')], {
      cwd: root,
      env: process.env,
      encoding: 'utf8',
    });
    if (seed.status !== 0) throw new Error(`seeding failed (exit ${seed.status}):\n${seed.stdout}${seed.stderr}`);
    log(seed.stdout.trim());

    const { apps, withNativeMemoryDefaults } = (await import(pathToFileURL(join(root, 'scripts', 'lib', 'apps.mjs')).href)) as {
      apps: AppEntry[];
      withNativeMemoryDefaults: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
    };
    for (const name of REQUIRED) if (!apps.some((a) => a.name === name)) throw new Error(`scripts/lib/apps.mjs lists no ${name}`);
    const missing = apps.filter((app) => !existsSync(join(root, app.entry)));
    if (missing.length > 0) throw new Error(`${missing.map((a) => a.entry).join(', ')} missing: build first (npx nx run-many -t build)`);

    // Every app learns every other's address by the usual variables: CATALOG_PORT / CATALOG_URL, ...
    const env: NodeJS.ProcessEnv = withNativeMemoryDefaults({
      ...process.env,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
      // Rate limits on, as in production, but budgets the journeys (one browser, one address) never
      // reach; the failed-login throttle keeps its defaults (e2e/security.spec.ts tries them).
      // Holds are the exception: one per customer per 8 s, so e2e/flash-sale.spec.ts can make the
      // real gateway shed a hold (429 + Retry-After) and watch the waiting room let the shopper in.
      // Checkout's own reservations go service to service and are not counted here.
      RATE_LIMIT_DEFAULT: '100000/60',
      RATE_LIMIT_AUTH: '100000/60',
      RATE_LIMIT_ORDER_LOOKUP: '100000/60',
      RATE_LIMIT_RESERVATION: '1/8',
      RATE_LIMIT_CHECKOUT: '100000/60',
      RATE_LIMIT_GUEST_CART: '100000/3600',
      // As `npm start` does: the storefront and the console vouch for each user's address to the gateway.
      FORWARDED_CLIENT_SECRET: randomBytes(32).toString('base64url'),
      GATEWAY_TRUSTED_PROXIES: '127.0.0.1,::1',
    });
    // The gateway's metrics listener (read by analytics for the breakers) on a free port too.
    const metricsPort = await freePort();
    env.GATEWAY_METRICS_PORT = String(metricsPort);
    env.GATEWAY_METRICS_URL = `http://127.0.0.1:${metricsPort}`;
    const urls: Record<string, string> = {};
    for (const app of apps) {
      const port = await freePort();
      env[app.portVar] = String(port);
      urls[app.name] = `http://127.0.0.1:${port}`;
      env[`${app.name.toUpperCase()}_URL`] = urls[app.name];
    }
    // The gateway is the public API here: the unsubscribe links in mails (List-Unsubscribe) point at it.
    env.PUBLIC_API_URL = urls.gateway;

    for (const app of apps) {
      const output: string[] = [];
      const child = spawn(process.execPath, [...(app.nodeFlags ?? []), '--enable-source-maps', join(root, app.entry)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr?.on('data', (d: Buffer) => {
        output.push(d.toString());
        process.stderr.write(`[${app.name}] ${d.toString()}`);
      });
      child.once('exit', (code, signal) => {
        if (!stopping) log(`${app.name} exited (${code ?? signal})`);
      });
      children.push({ name: app.name, child });
      await waitReady(app.name, urls[app.name]!, child, output);
      log(`${app.name} ready on ${urls[app.name]}`);
    }
    const products = await untilPricingKnowsTheCatalog(urls.gateway!);
    log('pricing prices every seeded SKU');
    await untilSearchKnowsTheCatalog(urls.gateway!, products);
    log(`search finds every one of the ${products} seeded products`);
    // Where the platform's events are (a journey may put a poison event on a stream, as a broken producer would).
    process.stdout.write(`PLATFORM_STORES ${JSON.stringify({ redisUrl: process.env.REDIS_URL, redisPrefix: process.env.REDIS_PREFIX })}\n`);
    process.stdout.write(`PLATFORM_READY ${JSON.stringify(urls)}\n`);
  } catch (err) {
    log(`could not start: ${err instanceof Error ? err.message : String(err)}`);
    await stop(1);
  }
}

await main();
