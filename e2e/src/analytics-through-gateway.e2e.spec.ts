import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardSnapshot } from '@shop/contracts';
import { eventually, SseClient } from '@shop/testing';
import { ADDRESS, call, CheckoutPlatform, PAYMENTS_TEST_ENV } from './checkout-platform.js';
import { AppProcess, freePort } from './platform-processes.js';

const ADMIN_PASSWORD = `e2e-admin-${Math.random().toString(36).slice(2)}`;
const ADMIN_EMAIL = `admin-${Math.random().toString(36).slice(2)}@example.com`;

/**
 * The live dashboard's backend through the built gateway, on the real checkout platform: only
 * an admin reads it; the server-sent events stream passes the gateway unbuffered, so a real
 * checkout placed through the gateway moves the counters on an already open stream; closing the
 * stream at the client ends it at the analytics service behind the gateway.
 */
describe('analytics through the gateway', () => {
  const platform = new CheckoutPlatform();
  let analytics: AppProcess;
  let gateway: AppProcess;
  let admin: string;
  let customer: string;
  let sku: string;

  /** Waits for what `probe` answers (undefined: not yet), within the test's own deadline. */
  const until = <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> =>
    eventually(async () => {
      const value = await probe();
      if (value === undefined) throw new Error(`still waiting for ${what}`);
      return value;
    }, 100);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /** A real checkout through the gateway, as the storefront places one; answers once the order settled. */
  async function checkoutThroughGateway(): Promise<void> {
    const cart = await call(`${gateway.url}/api/carts`, { method: 'POST', headers: bearer(customer) });
    expect(cart.status, cart.text).toBe(201);
    const added = await until(async () => {
      const res = await call(`${gateway.url}/api/carts/${cart.body.id}/items`, { method: 'POST', headers: bearer(customer), json: { sku, quantity: 1 } });
      return res.status === 200 ? res : undefined;
    }, 'the item in the cart');
    expect(added.status).toBe(200);
    const accepted = await call(`${gateway.url}/api/checkout`, {
      method: 'POST',
      headers: { ...bearer(customer), 'idempotency-key': randomUUID() },
      json: { cartId: cart.body.id, shippingAddress: ADDRESS, payment: { method: 'card', token: 'tok_approve' } },
    });
    expect(accepted.status, accepted.text).toBe(202);
    await until(async () => {
      const order = await call(`${gateway.url}/api/orders/${accepted.body.orderId}`, { headers: bearer(customer) });
      return order.body?.status === 'CONFIRMED' ? true : undefined;
    }, 'the order to be confirmed');
  }

  beforeAll(async () => {
    await platform.start();
    const [analyticsPort, gatewayPort, gatewayMetricsPort] = [await freePort(), await freePort(), await freePort()];
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    analytics = new AppProcess('analytics', analyticsPort, {
      REDIS_PREFIX: platform.prefix,
      ANALYTICS_PORT: String(analyticsPort),
      ...platform.upstreamUrls(),
      SEARCH_URL: `http://127.0.0.1:${await freePort()}`,
      GATEWAY_URL: gatewayUrl,
      GATEWAY_METRICS_URL: `http://127.0.0.1:${gatewayMetricsPort}`,
      ANALYTICS_POLL_MS: '500',
    });
    await analytics.start();
    gateway = new AppProcess('gateway', gatewayPort, {
      REDIS_PREFIX: platform.prefix,
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_METRICS_PORT: String(gatewayMetricsPort),
      ...platform.upstreamUrls(),
      ANALYTICS_URL: analytics.url,
      INVENTORY_PARTITIONS: PAYMENTS_TEST_ENV.INVENTORY_PARTITIONS!,
      RATE_LIMIT_ENABLED: 'false',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
    });
    await gateway.start();
    admin = await until(async () => {
      const login = await call(`${gateway.url}/api/auth/login`, { method: 'POST', json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
      return login.status === 200 ? (login.body.accessToken as string) : undefined;
    }, 'the seeded admin to log in');
    const reg = await call(`${gateway.url}/api/auth/register`, { method: 'POST', json: { email: `analytics-${randomUUID()}@example.com`, password: 'correct horse battery' } });
    expect(reg.status, reg.text).toBe(201);
    customer = reg.body.accessToken;
    [sku] = (await platform.product([2500], 50)) as [string];
  }, 240_000);

  afterAll(async () => {
    await gateway?.kill('SIGTERM');
    await analytics?.kill('SIGTERM');
    await platform.stop();
  });

  it('answers 401 without a token and 403 to a customer on every analytics route', async () => {
    for (const path of ['/api/admin/analytics/dashboard', '/api/admin/analytics/stream', `/api/admin/analytics/sales/${randomUUID()}`]) {
      const anonymous = await call(`${gateway.url}${path}`);
      const asCustomer = await call(`${gateway.url}${path}`, { headers: bearer(customer) });
      expect([path, anonymous.status, asCustomer.status]).toEqual([path, 401, 403]);
    }
  });

  it('gives an admin the dashboard: the platform services up, the gateway breakers closed', async () => {
    const snapshot = await until(async () => {
      const res = await call(`${gateway.url}/api/admin/analytics/dashboard?window=1h`, { headers: bearer(admin) });
      const s = DashboardSnapshot.parse(res.body);
      const up = s.services.filter((x) => x.status === 'up').map((x) => x.name);
      return ['catalog', 'inventory', 'orders', 'payments', 'pricing', 'cart', 'gateway'].every((n) => up.includes(n)) && s.breakers.length > 0 ? s : undefined;
    }, 'every platform service up on the dashboard');
    expect(snapshot.services.find((s) => s.name === 'search')?.status).toBe('down');
    expect(snapshot.breakers.every((b) => b.state === 'closed')).toBe(true);
  });

  it('streams through the gateway unbuffered: a checkout moves the counters on the open stream; closing it ends it behind the gateway', async () => {
    const stream = await SseClient.open(`${gateway.url}/api/admin/analytics/stream?window=1h`, bearer(admin));
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toContain('text/event-stream');
      const first = await stream.next<DashboardSnapshot>('snapshot');
      await checkoutThroughGateway();
      const eur = (s: DashboardSnapshot) => s.revenue.total.find((m) => m.currency === 'EUR')?.amount ?? 0;
      // The figures come from different streams (orders' and inventory's events), in no promised
      // order between them: the order can be paid on the dashboard before its reservation shows.
      const moved = await stream.next<DashboardSnapshot>(
        'snapshot',
        (s) => s.funnel.paid >= first.data.funnel.paid + 1 && s.funnel.held >= first.data.funnel.held + 1,
        { after: first.index + 1, timeoutMs: 60_000 },
      );
      expect(moved.data.orders.total).toBeGreaterThanOrEqual(first.data.orders.total + 1);
      expect(moved.data.funnel.held).toBeGreaterThanOrEqual(first.data.funnel.held + 1);
      expect(eur(moved.data)).toBeGreaterThanOrEqual(eur(first.data) + 2500);
      expect(stream.ended).toBe(false);
    } finally {
      stream.close();
    }
    await until(async () => {
      const metrics = await fetch(`${analytics.url}/metrics`).then((r) => r.text());
      return /^analytics_live_streams({[^}]*})? 0$/m.test(metrics) ? true : undefined;
    }, 'the analytics service to see the stream closed');
  }, 180_000);
});
