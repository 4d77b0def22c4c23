import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './browser';

const root = join(import.meta.dirname, '..', '..', '..');
// Ten apps, one after another, each waiting for the previous to be ready; a busy shared machine is slow.
// E2E_PLATFORM_START_TIMEOUT_MS raises it further.
const START_TIMEOUT_MS = Number(process.env.E2E_PLATFORM_START_TIMEOUT_MS) || 480_000;

/**
 * Starts the platform (platform-process.ts, its own process) for a Playwright run and tells the
 * tests where every app is: `<APP>_E2E_URL` (STOREFRONT_E2E_URL, ADMIN_E2E_URL, GATEWAY_E2E_URL,
 * ORDERS_E2E_URL, ...) and where its events are (E2E_REDIS_URL, E2E_REDIS_PREFIX). Its log goes to `<resultsDir>/platform.log`. The returned function stops it
 * and drops its database. A Playwright global setup is one line:
 * `export default () => startPlatform(join(import.meta.dirname, '..', '..', 'test-results'))`.
 */
export async function startPlatform(resultsDir: string): Promise<() => Promise<void>> {
  // Against a platform that is already running (e.g. `npm start`): GATEWAY_E2E_URL and the app's
  // own URL (STOREFRONT_E2E_URL / ADMIN_E2E_URL, ORDERS_E2E_URL), plus its ADMIN_PASSWORD (from .env.local-secrets).
  if (process.env.GATEWAY_E2E_URL && (process.env.STOREFRONT_E2E_URL || process.env.ADMIN_E2E_URL)) return async () => undefined;
  // No secret has a default: this run's platform gets its own (workers inherit them, for the admin login).
  for (const name of ['JWT_SECRET', 'IDENTITY_SIGNING_SECRET', 'SERVICE_CREDENTIAL_SECRET', 'PRICING_QUOTE_SECRET', 'ADMIN_PASSWORD']) {
    process.env[name] ||= randomBytes(32).toString('base64url');
  }
  process.env.GATEWAY_METRICS_PORT ||= '0'; // the e2e gateway's internal metrics listener: any free port
  if (!existsSync(chromiumPath())) {
    throw new Error(`No Chromium at ${chromiumPath()}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  mkdirSync(resultsDir, { recursive: true });
  const logPath = join(resultsDir, 'platform.log');
  const logFile = createWriteStream(logPath);

  const child = spawn(process.execPath, ['--conditions=@shop/source', '--import', 'tsx', join(import.meta.dirname, 'platform-process.ts')], {
    cwd: root,
    env: process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr.pipe(logFile);

  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`the platform did not start within ${START_TIMEOUT_MS / 1000} s; see ${logPath}`)), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /^PLATFORM_READY (.+)$/m.exec(buffered);
      const stores = /^PLATFORM_STORES (.+)$/m.exec(buffered);
      if (match && stores) {
        const { redisUrl, redisPrefix } = JSON.parse(stores[1]!) as { redisUrl?: string; redisPrefix?: string };
        if (redisUrl) process.env.E2E_REDIS_URL = redisUrl;
        if (redisPrefix !== undefined) process.env.E2E_REDIS_PREFIX = redisPrefix;
        clearTimeout(timer);
        resolve(JSON.parse(match[1]!) as Record<string, string>);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the platform exited (${code}) before it was ready; see ${logPath}`));
    });
  });

  for (const [name, url] of Object.entries(urls)) process.env[`${name.toUpperCase()}_E2E_URL`] = url;

  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    logFile.end();
  };
}
