import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, SmtpInbox } from '@shop/testing';
import { ADDRESS, call, CheckoutPlatform, PAYMENTS_TEST_ENV } from './checkout-platform.js';
import { AppProcess, freePort } from './platform-processes.js';

const ADMIN_PASSWORD = `e2e-admin-${Math.random().toString(36).slice(2)}`;
const ADMIN_EMAIL = `admin-${Math.random().toString(36).slice(2)}@example.com`;

/**
 * Notifications on the real checkout platform behind the built gateway, sending to a real SMTP
 * server in this process: a shopper's checkout through the gateway ends in a confirmation mail
 * with the order's lines, which admins see in GET /api/admin/notifications; an admin's partial
 * refund of it is mailed with its amount and line; a sale reminder is
 * refused for an unknown sale (pricing is asked) and accepted for a real one.
 */
describe('notifications through the gateway', () => {
  const platform = new CheckoutPlatform();
  let smtp: SmtpInbox;
  let notifications: AppProcess;
  let gateway: AppProcess;
  let admin: string;
  let customer: string;
  let customerEmail: string;
  let sku: string;
  let confirmed: { id: string; number: string } | undefined;

  const until = <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> =>
    eventually(async () => {
      const value = await probe();
      if (value === undefined) throw new Error(`still waiting for ${what}`);
      return value;
    }, 100);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    await platform.start();
    smtp = await new SmtpInbox(await freePort()).start();
    const [notificationsPort, gatewayPort] = [await freePort(), await freePort()];
    notifications = new AppProcess('notifications', notificationsPort, {
      REDIS_PREFIX: platform.prefix,
      NOTIFICATIONS_PORT: String(notificationsPort),
      GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`,
      PRICING_URL: platform.pricing.url,
      // A sale reminder names the product as the catalog has it.
      CATALOG_URL: platform.catalog.url,
      SMTP_URL: smtp.url,
      SHOP_NAME: 'E2E Shop',
    });
    await notifications.start();
    gateway = new AppProcess('gateway', gatewayPort, {
      REDIS_PREFIX: platform.prefix,
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_METRICS_PORT: String(await freePort()),
      ...platform.upstreamUrls(),
      NOTIFICATIONS_URL: notifications.url,
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
    customerEmail = `notified-${randomUUID().slice(0, 8)}@example.com`;
    const reg = await call(`${gateway.url}/api/auth/register`, { method: 'POST', json: { email: customerEmail, password: 'correct horse battery' } });
    expect(reg.status, reg.text).toBe(201);
    customer = reg.body.accessToken;
    [sku] = (await platform.product([2500], 50)) as [string];
  }, 240_000);

  afterAll(async () => {
    await gateway?.kill('SIGTERM');
    await notifications?.kill('SIGTERM');
    await smtp?.stop();
    await platform.stop();
  });

  it('mails the confirmation of a real checkout and lists it for admins only', async () => {
    const cart = await call(`${gateway.url}/api/carts`, { method: 'POST', headers: bearer(customer) });
    expect(cart.status, cart.text).toBe(201);
    await until(async () => {
      const res = await call(`${gateway.url}/api/carts/${cart.body.id}/items`, { method: 'POST', headers: bearer(customer), json: { sku, quantity: 2 } });
      return res.status === 200 ? res : undefined;
    }, 'the item in the cart');
    // As a client does: an answer lost to a timeout is asked again with the same Idempotency-Key.
    const key = randomUUID();
    const accepted = await until(async () => {
      const res = await call(`${gateway.url}/api/checkout`, {
        method: 'POST',
        headers: { ...bearer(customer), 'idempotency-key': key },
        json: { cartId: cart.body.id, shippingAddress: ADDRESS, payment: { method: 'card', token: 'tok_approve' } },
      });
      if (res.status === 503 || res.status === 504) return undefined;
      return res;
    }, 'the checkout to be accepted');
    expect(accepted.status, accepted.text).toBe(202);
    const order = await until(async () => {
      const res = await call(`${gateway.url}/api/orders/${accepted.body.orderId}`, { headers: bearer(customer) });
      return res.body?.status === 'CONFIRMED' ? res.body : undefined;
    }, 'the order to be confirmed');

    const mail = await until(async () => smtp.to(customerEmail)[0], 'the confirmation mail');
    expect(mail.subject).toBe(`E2E Shop: Order ${order.number} confirmed`);
    expect(mail.text).toContain(`2 × `);
    expect(mail.text).toContain(`(${sku})`);
    expect(mail.text).toContain('€50.00');

    const listed = await until(async () => {
      const res = await call(`${gateway.url}/api/admin/notifications?template=order-confirmed&status=sent&limit=100`, { headers: bearer(admin) });
      return (res.body.items as Array<{ recipient: string; status: string; attempts: number }>).find((n) => n.recipient === customerEmail);
    }, 'the mail in the admin list');
    expect(listed).toMatchObject({ status: 'sent', attempts: 1 });
    confirmed = { id: order.id, number: order.number };
    expect((await call(`${gateway.url}/api/admin/notifications`)).status).toBe(401);
    expect((await call(`${gateway.url}/api/admin/notifications`, { headers: bearer(customer) })).status).toBe(403);
  });

  it("mails an admin's partial refund of that order with its amount and line, and lists it", async () => {
    expect(confirmed, 'the confirmation test ran first').toBeDefined();
    const refund = await call(`${gateway.url}/api/admin/orders/${confirmed!.id}/refunds`, {
      method: 'POST',
      headers: { ...bearer(admin), 'idempotency-key': randomUUID() },
      json: { lines: [{ sku, quantity: 1 }], reason: 'One arrived torn' },
    });
    expect(refund.status, refund.text).toBe(200);
    const mail = await until(async () => smtp.to(customerEmail).find((m) => m.subject?.includes('Refund issued')), 'the refund mail');
    expect(mail.subject).toBe(`E2E Shop: Refund issued for order ${confirmed!.number}`);
    expect(mail.text).toContain('We refunded €25.00');
    expect(mail.text).toContain('(One arrived torn)');
    expect(mail.text).toContain('Refunded: 1 × ');
    const listed = await until(async () => {
      const res = await call(`${gateway.url}/api/admin/notifications?template=order-refunded&limit=100`, { headers: bearer(admin) });
      return (res.body.items as Array<{ recipient: string; status: string }>).find((n) => n.recipient === customerEmail && n.status === 'sent');
    }, 'the refund mail in the admin list');
    expect(listed).toBeDefined();
  }, 60_000);

  it('takes a sale reminder for a sale pricing knows (404 for one it does not) and mails it when the sale goes live', async () => {
    const unknown = await call(`${gateway.url}/api/notifications/flash-sale-reminders`, { method: 'POST', headers: bearer(customer), json: { flashSaleId: randomUUID() } });
    expect(unknown.status, unknown.text).toBe(404);
    expect((await call(`${gateway.url}/api/notifications/flash-sale-reminders`, { method: 'POST', json: { flashSaleId: randomUUID() } })).status).toBe(401);

    // Starts soon: pricing's sweep fires `pricing.flash-sale.started.v1` at that instant.
    const startsAt = new Date(Date.now() + 10_000);
    const sale = await platform.pricingAdmin('/api/admin/flash-sales', {
      method: 'POST',
      json: { sku, salePrice: { amount: 1000, currency: 'EUR' }, units: 5, perCustomerLimit: 1, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString() },
    });
    expect(sale.status, sale.text).toBe(201);
    const reminded = await call(`${gateway.url}/api/notifications/flash-sale-reminders`, { method: 'POST', headers: bearer(customer), json: { flashSaleId: sale.body.id } });
    expect(reminded.status, reminded.text).toBe(200);
    const mine = await call(`${gateway.url}/api/notifications/subscriptions`, { headers: bearer(customer) });
    expect(mine.body.flashSaleReminders.map((r: { flashSaleId: string }) => r.flashSaleId)).toEqual([sale.body.id]);

    const live = await until(async () => smtp.to(customerEmail).find((m) => m.subject?.includes('The sale is live')), 'the sale reminder mail');
    // The product and its variant (platform.product makes "Checkout Tee <tag>", size S0), not the SKU; the end in words, in UTC.
    expect(live.subject).toMatch(/^E2E Shop: The sale is live: Checkout Tee \S+ — S0 at €10\.00$/);
    expect(live.text).toMatch(/has started: Checkout Tee \S+ — S0 at €10\.00, while units last \(until \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC\)\./);
    expect(live.subject).not.toContain(sku);
    expect(live.text).toMatch(new RegExp(`Go to the sale: http://\\S+/sales/${sale.body.id}\\s`));
    // The body's link opens the storefront's unsubscribe page; mail clients POST to the gateway's address (List-Unsubscribe).
    const token = /Unsubscribe from these emails: http:\/\/[^/\s]+\/unsubscribe\?token=(\S+)/.exec(live.text ?? '')?.[1];
    expect(token, 'the storefront unsubscribe link').toBeDefined();
    const header = live.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    expect(header).toMatch(/^List-Unsubscribe: <http:\/\/\S+>$/);
    expect(header).toContain(`/api/notifications/unsubscribe?token=${token}>`);
    const listed = await until(async () => {
      const res = await call(`${gateway.url}/api/admin/notifications?template=flash-sale-live&limit=100`, { headers: bearer(admin) });
      return (res.body.items as Array<{ recipient: string; status: string }>).find((n) => n.recipient === customerEmail && n.status === 'sent');
    }, 'the reminder in the admin list');
    expect(listed).toBeDefined();
  }, 60_000);
});
