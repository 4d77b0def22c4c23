import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '@shop/testing';
import { call, CheckoutPlatform } from './checkout-platform.js';
import { AppProcess, freePort } from './platform-processes.js';

const root = join(import.meta.dirname, '..', '..');
const ADMIN_EMAIL = `admin-${Math.random().toString(36).slice(2)}@example.com`;
const ADMIN_PASSWORD = `e2e-admin-${randomBytes(12).toString('base64url')}`;
const FORWARDED_CLIENT_SECRET = randomBytes(32).toString('base64url');

/**
 * A short smoke of `npm run loadtest -- --scenario flash-sale` against the built platform
 * (catalog, inventory, pricing, cart, orders, payments behind the gateway, nothing stubbed):
 * a few seconds at a low rate, then the invariants the command checks must all hold. Speed is
 * not judged here (the machine is shared); only errors beyond a generous share fail it.
 */
describe('npm run loadtest -- --scenario flash-sale (smoke)', () => {
  const platform = new CheckoutPlatform();
  let gateway: AppProcess;
  const out = mkdtempSync(join(tmpdir(), 'loadtest-'));

  beforeAll(async () => {
    await platform.start();
    const port = await freePort();
    gateway = new AppProcess('gateway', port, {
      REDIS_PREFIX: platform.prefix,
      GATEWAY_PORT: String(port),
      GATEWAY_METRICS_PORT: '0',
      ...platform.upstreamUrls(),
      INVENTORY_PARTITIONS: '8',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      // The load test vouches for each virtual buyer's address, as the storefront does for shoppers.
      FORWARDED_CLIENT_SECRET,
      GATEWAY_TRUSTED_PROXIES: '127.0.0.1,::1',
    });
    await gateway.start();
    const deadline = Date.now() + 60_000;
    while ((await call(`${gateway.url}/api/auth/login`, { method: 'POST', json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })).status !== 200) {
      if (Date.now() > deadline) throw new Error('the seeded admin cannot log in');
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 180_000);

  afterAll(async () => {
    await gateway?.kill('SIGTERM');
    await platform.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('sells exactly min(units, demand), nobody above the limit, every confirmed order paid once, and says PASS', async () => {
    const args = [
      '--conditions=@shop/source', '--import', 'tsx', 'scripts/loadtest/main.ts',
      '--scenario', 'flash-sale', '--target', gateway.url,
      '--rate', '2', '--duration', '6', '--units', '5', '--limit', '2', '--hold-ttl', '5',
      '--timeout', '15000', '--threshold', 'error_rate<0.05',
      // The platform here undoes a checkout whose request died while preparing after 20 s (SAGA_ABANDON_MS).
      '--settle-seconds', '60',
      '--database-url', testEnv().databaseUrl, '--out', out,
      '--metrics', `inventory=${platform.inventory.url}/metrics`, '--metrics', `payments=${platform.payments.url}/metrics`,
    ];
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ADMIN_EMAIL, ADMIN_PASSWORD, FORWARDED_CLIENT_SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const invariants = Object.fromEntries((report.invariants as Array<{ name: string; holds: boolean; detail: string }>).map((i) => [i.name, i]));
    for (const name of [
      'no oversell',
      'sold = min(units, demand within limits)',
      'buyers told "confirmed" got exactly their units, and no declined card or abandoned hold bought',
      'no customer above the limit',
      'every confirmed order paid exactly once',
      'declined and abandoned checkouts released their stock',
      'no hold past its TTL',
      'every checkout settled',
      'outbox drained',
      'every dead letter explained',
    ]) {
      expect(invariants[name], `${name} missing\n${output}`).toBeDefined();
      expect(invariants[name].holds, `${name}: ${invariants[name].detail}\n${output}`).toBe(true);
    }
    // Buyers arrived, and the sale sold what the paying demand asked for.
    expect(report.facts.buyers).toBeGreaterThan(5);
    expect(report.facts.unitsCommittedToBuyers).toBe(report.facts.expectedUnitsSold);
    expect(report.summary.funnel.held).toBeGreaterThan(0);
    expect(report.verdict, output).toBe('PASS');
    expect(code, output).toBe(0);
    expect(output).toContain('PASS  flash-sale');
    // The page and its chart were written beside the figures.
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('Offered vs achieved rate');
  }, 300_000);
});
