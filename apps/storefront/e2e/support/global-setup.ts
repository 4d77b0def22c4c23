import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './browser';

const storefrontDir = join(import.meta.dirname, '..', '..');
const root = join(storefrontDir, '..', '..');
const START_TIMEOUT_MS = 240_000;

/**
 * Starts the platform (e2e/support/platform.ts) and tells the tests where the storefront is;
 * the returned function stops it and drops its database.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // Against a shop that is already running (e.g. `npm start`): STOREFRONT_E2E_URL, GATEWAY_E2E_URL (and ORDERS_E2E_URL),
  // plus its ADMIN_PASSWORD (from .env.local-secrets).
  if (process.env.STOREFRONT_E2E_URL && process.env.GATEWAY_E2E_URL) return async () => undefined;
  // No secret has a default: this run's platform gets its own (workers inherit them, for the admin login).
  for (const name of ['JWT_SECRET', 'IDENTITY_SIGNING_SECRET', 'SERVICE_CREDENTIAL_SECRET', 'PRICING_QUOTE_SECRET', 'ADMIN_PASSWORD']) {
    process.env[name] ||= randomBytes(32).toString('base64url');
  }
  process.env.GATEWAY_METRICS_PORT ||= '0'; // the e2e gateway's internal metrics listener: any free port
  if (!existsSync(chromiumPath())) {
    throw new Error(`No Chromium at ${chromiumPath()}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  const resultsDir = join(storefrontDir, 'test-results');
  mkdirSync(resultsDir, { recursive: true });
  const logFile = createWriteStream(join(resultsDir, 'platform.log'));

  const child = spawn(process.execPath, ['--conditions=@shop/source', '--import', 'tsx', join(import.meta.dirname, 'platform.ts')], {
    cwd: root,
    env: process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr.pipe(logFile);

  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`the platform did not start within ${START_TIMEOUT_MS / 1000} s; see test-results/platform.log`)), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /^PLATFORM_READY (.+)$/m.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve(JSON.parse(match[1]!) as Record<string, string>);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the platform exited (${code}) before it was ready; see apps/storefront/test-results/platform.log`));
    });
  });

  process.env.STOREFRONT_E2E_URL = urls.storefront;
  process.env.GATEWAY_E2E_URL = urls.gateway;
  process.env.ORDERS_E2E_URL = urls.orders ?? '';

  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    logFile.end();
  };
}
