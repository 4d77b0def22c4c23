import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlashSaleStartedV1, OrderRefundedV1, OrderStatusChangedV1, StockChangedV1, StockRestockedV1, type Notification, type OrderRefund } from '@shop/contracts';
import { eventually, fetchJson, freePort, SmtpInbox, uniquePrefix, type BuiltService, type TestIdentity } from '@shop/testing';
import { adminGet, KnownSales, sampleOrder, startTestGateway, startTestNotifications, TestPublisher } from './notifications-harness.js';

/**
 * The notifications service against the real Postgres, Redis, the built gateway (accounts) and a
 * real SMTP server in this process: what arrives there is what a shopper would get.
 */
let gatewayProcess: BuiltService;
let gatewayAdmin: { email: string; password: string };
let smtp: SmtpInbox;
let service: Awaited<ReturnType<typeof startTestNotifications>>;
let publisher: TestPublisher;
const sales = new KnownSales();

async function gatewayCall(path: string, init: { method?: string; json?: unknown; token?: string } = {}) {
  return fetchJson(`${gatewayProcess.url}${path}`, {
    method: init.method ?? (init.json ? 'POST' : 'GET'),
    ...(init.json ? { json: init.json } : {}),
    headers: init.token ? { authorization: `Bearer ${init.token}` } : {},
  });
}

async function registerShopper(): Promise<{ id: string; email: string; token: string }> {
  const email = `shopper-${randomUUID().slice(0, 8)}@example.com`;
  const res = await gatewayCall('/api/auth/register', { json: { email, password: 'correct horse battery' } });
  expect(res.status).toBe(201);
  return { id: res.body.user.id, email, token: res.body.accessToken };
}

async function adminToken(): Promise<string> {
  const res = await gatewayCall('/api/auth/login', { json: gatewayAdmin });
  expect(res.status).toBe(200);
  return res.body.accessToken as string;
}

async function notificationsOf(eventId: string): Promise<Notification[]> {
  const res = await adminGet(service.url, '/api/admin/notifications?limit=100');
  expect(res.status).toBe(200);
  return (res.body.items as Notification[]).filter((n) => n.eventId === eventId);
}

const customer = (id: string): TestIdentity => ({ userId: id, role: 'customer' });

beforeAll(async () => {
  const prefix = uniquePrefix();
  ({ gateway: gatewayProcess, admin: gatewayAdmin } = await startTestGateway(uniquePrefix()));
  smtp = await new SmtpInbox(await freePort()).start();
  service = await startTestNotifications({ prefix, gatewayUrl: gatewayProcess.url, smtpUrl: smtp.url, sales });
  publisher = new TestPublisher(prefix);
}, 120_000);

afterAll(async () => {
  publisher?.close();
  await service?.close();
  await smtp?.stop();
  await gatewayProcess?.stop();
});

describe('order mails', () => {
  it('mails the order confirmation to the order’s address: subject, recipient, lines and totals; listed as sent', async () => {
    const order = sampleOrder({ email: 'Guest.Buyer@Example.com', customerId: randomUUID() });
    const event = await publisher.publish(OrderStatusChangedV1, { from: 'AWAITING_PAYMENT', to: 'CONFIRMED', reason: null, actor: 'checkout', order });

    const mail = await eventually(() => {
      const [m] = smtp.to('guest.buyer@example.com');
      if (!m) throw new Error('not yet');
      return m;
    });
    expect(mail.subject).toBe(`Test Shop: Order ${order.number} confirmed`);
    expect(mail.text).toContain('2 × Launch Tee (TEE-M)');
    expect(mail.text).toContain('1 × Mug (MUG-1)');
    expect(mail.text).toContain('Total: €64.89');
    expect(mail.html).toContain('Launch Tee');
    expect(mail.text).not.toContain('Unsubscribe');

    const [row] = await eventually(async () => {
      const rows = await notificationsOf(event.eventId);
      if (rows[0]?.status !== 'sent') throw new Error('not sent yet');
      return rows;
    });
    expect(row).toMatchObject({ recipient: 'guest.buyer@example.com', template: 'order-confirmed', status: 'sent', attempts: 1, lastError: null });
    expect(row!.sentAt).not.toBeNull();
  });

  it('sends one mail for an event delivered twice', async () => {
    const order = sampleOrder({ email: `twice-${randomUUID().slice(0, 6)}@example.com` });
    const event = await publisher.publish(OrderStatusChangedV1, { from: 'CONFIRMED', to: 'FULFILLED', reason: null, actor: 'admin:x', order });
    await publisher.again(event);
    // A third event after both: once its mail is in, both deliveries of the first were handled.
    const marker = await publisher.publish(OrderStatusChangedV1, { from: 'CONFIRMED', to: 'FULFILLED', reason: null, actor: 'admin:x', order: { ...order, number: 'SO-999999' } });
    await eventually(async () => {
      if ((await notificationsOf(marker.eventId))[0]?.status !== 'sent') throw new Error('marker not sent yet');
    });
    await eventually(async () => {
      if ((await notificationsOf(event.eventId))[0]?.status !== 'sent') throw new Error('not sent yet');
    });
    expect(smtp.to(order.email!).filter((m) => m.subject === `Test Shop: Order ${order.number} has shipped`)).toHaveLength(1);
    expect(await notificationsOf(event.eventId)).toHaveLength(1);
  });

  it('says why an order was cancelled, in words, and uses the account’s address when the order has none', async () => {
    const shopper = await registerShopper();
    const order = sampleOrder({ customerId: shopper.id, email: null });
    await publisher.publish(OrderStatusChangedV1, { from: 'AWAITING_PAYMENT', to: 'CANCELLED', reason: 'PAYMENT_DECLINED', actor: 'checkout', order });
    const mail = await eventually(() => {
      const [m] = smtp.to(shopper.email);
      if (!m) throw new Error('not yet');
      return m;
    });
    expect(mail.subject).toBe(`Test Shop: Order ${order.number} cancelled`);
    expect(mail.text).toContain('was cancelled: the payment was declined.');
  });

  it('mails each refund with its amount and lines, a partial one and then the last', async () => {
    const order = sampleOrder({ email: `refund-${randomUUID()}@example.com` });
    await publisher.publish(OrderRefundedV1, { refund: sampleRefund(2500, [{ sku: 'TEE-M', quantity: 1 }]), final: false, order });
    await publisher.publish(OrderRefundedV1, { refund: sampleRefund(3989, []), final: true, order });
    const mails = await eventually(() => {
      const got = smtp.to(order.email!);
      if (got.length < 2) throw new Error('not yet');
      return got;
    });
    const texts = mails.map((m) => m.text ?? '');
    expect(mails.every((m) => m.subject === `Test Shop: Refund issued for order ${order.number}`)).toBe(true);
    expect(texts.find((t) => t.includes('We refunded €25.00'))).toContain('Refunded: 1 × Launch Tee.');
    expect(texts.find((t) => t.includes('We refunded €39.89'))).toContain('The order is now refunded in full.');
  });

  it('mails nobody whose account is disabled, and records why', async () => {
    const shopper = await registerShopper();
    const disabled = await gatewayCall(`/api/admin/users/${shopper.id}/disable`, { method: 'POST', token: await adminToken() });
    expect(disabled.status).toBe(200);
    const order = sampleOrder({ customerId: shopper.id, email: shopper.email });
    const event = await publisher.publish(OrderRefundedV1, { refund: sampleRefund(order.total, []), final: true, order });
    const [row] = await eventually(async () => {
      const rows = await notificationsOf(event.eventId);
      if (rows.length === 0) throw new Error('not handled yet');
      return rows;
    });
    expect(row).toMatchObject({ status: 'skipped', skipReason: 'the account is disabled', recipient: shopper.email, attempts: 0 });
    expect(smtp.to(shopper.email)).toHaveLength(0);
  });

  it('records a skip when neither the order nor an account gives an address', async () => {
    const order = sampleOrder({ customerId: randomUUID(), email: null });
    const event = await publisher.publish(OrderStatusChangedV1, { from: 'AWAITING_PAYMENT', to: 'CONFIRMED', reason: null, actor: 'checkout', order });
    const [row] = await eventually(async () => {
      const rows = await notificationsOf(event.eventId);
      if (rows.length === 0) throw new Error('not handled yet');
      return rows;
    });
    expect(row).toMatchObject({ status: 'skipped', recipient: '', skipReason: 'the account no longer exists and the event has no email' });
    const skipped = await adminGet(service.url, '/api/admin/notifications?status=skipped&template=order-confirmed');
    expect((skipped.body.items as Notification[]).map((n) => n.id)).toContain(row!.id);
  });
});

describe('sale reminders and back in stock', () => {
  it('reminds each subscriber once when the sale goes live, with an unsubscribe link that works', async () => {
    const shopper = await registerShopper();
    const saleId = randomUUID();
    expect((await fetchJson(`${service.url}/api/notifications/flash-sale-reminders`, { method: 'POST', json: { flashSaleId: saleId }, identity: customer(shopper.id) })).status).toBe(404);
    sales.ids.add(saleId);
    for (let i = 0; i < 2; i++) {
      const res = await fetchJson(`${service.url}/api/notifications/flash-sale-reminders`, { method: 'POST', json: { flashSaleId: saleId }, identity: customer(shopper.id) });
      expect(res.status).toBe(200);
      expect(res.body.flashSaleId).toBe(saleId);
    }
    const mine = await fetchJson(`${service.url}/api/notifications/subscriptions`, { identity: customer(shopper.id) });
    expect(mine.body.flashSaleReminders.map((r: { flashSaleId: string }) => r.flashSaleId)).toEqual([saleId]);

    const sale = { flashSaleId: saleId, sku: 'TEE-M', salePrice: { amount: 1250, currency: 'EUR' }, units: 20, perCustomerLimit: 2, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() };
    const started = await publisher.publish(FlashSaleStartedV1, sale);
    const mail = await eventually(() => {
      const [m] = smtp.to(shopper.email);
      if (!m) throw new Error('not yet');
      return m;
    });
    expect(mail.subject).toBe('Test Shop: The sale is live: TEE-M at €12.50');
    expect(mail.text).toContain(`http://shop.test/sales/${saleId}`);
    const link = /Unsubscribe from these emails: (\S+)/.exec(mail.text ?? '')?.[1];
    expect(link).toMatch(/^http:\/\/shop\.test\/api\/notifications\/unsubscribe\?token=/);

    // The reminder was used: the same sale starting again (a redelivery with a new id) mails nobody.
    const again = await publisher.publish(FlashSaleStartedV1, sale);
    await publisher.publish(FlashSaleStartedV1, { ...sale, flashSaleId: randomUUID() });
    await eventually(async () => {
      const rows = await adminGet(service.url, '/api/admin/notifications?template=flash-sale-live&limit=100');
      if (!(rows.body.items as Notification[]).some((n) => n.eventId === started.eventId && n.status === 'sent')) throw new Error('not sent');
    });

    // Following the link (through the gateway's path, here straight to the service) unsubscribes the address.
    const path = new URL(link!).pathname + new URL(link!).search;
    const unsubscribed = await fetchJson(`${service.url}${path}`);
    expect(unsubscribed.status).toBe(200);
    expect(unsubscribed.text).toContain('You are unsubscribed');
    expect((await fetchJson(`${service.url}/api/notifications/unsubscribe?token=forged.token-value`)).status).toBe(400);

    const nextSale = randomUUID();
    sales.ids.add(nextSale);
    await fetchJson(`${service.url}/api/notifications/flash-sale-reminders`, { method: 'POST', json: { flashSaleId: nextSale }, identity: customer(shopper.id) });
    const next = await publisher.publish(FlashSaleStartedV1, { ...sale, flashSaleId: nextSale });
    const [row] = await eventually(async () => {
      const rows = await notificationsOf(next.eventId);
      if (rows.length === 0) throw new Error('not handled yet');
      return rows;
    });
    expect(row).toMatchObject({ status: 'skipped', skipReason: 'the recipient unsubscribed from marketing emails' });
    // Handled in stream order: `next` is, so `again` was too, and it wrote nothing.
    expect(await notificationsOf(again.eventId)).toHaveLength(0);
    expect(smtp.to(shopper.email)).toHaveLength(1);
  });

  it('tells back-in-stock subscribers once, when available stock goes from none to some', async () => {
    const shopper = await registerShopper();
    const sku = `BIS-${randomUUID().slice(0, 8).toUpperCase()}`;
    expect((await fetchJson(`${service.url}/api/notifications/back-in-stock`, { method: 'POST', json: { sku }, identity: customer(shopper.id) })).status).toBe(200);
    expect((await fetchJson(`${service.url}/api/notifications/back-in-stock`, { method: 'POST', json: { sku: '' }, identity: customer(shopper.id) })).status).toBe(400);
    expect((await fetchJson(`${service.url}/api/notifications/back-in-stock`, { method: 'POST', json: { sku } })).status).toBe(401);

    const levels = (available: number, delta: number) => ({ sku, onHand: available, reserved: 0, committed: 0, available, delta, kind: 'adjust' as const, reason: 'delivery' });
    const notBack = await publisher.publish(StockChangedV1, levels(10, 5)); // was 5: it was never sold out
    const back = await publisher.publish(StockChangedV1, levels(5, 5));
    const mail = await eventually(() => {
      const [m] = smtp.to(shopper.email);
      if (!m) throw new Error('not yet');
      return m;
    });
    expect(mail.subject).toBe(`Test Shop: ${sku} is back in stock`);
    const later = await publisher.publish(StockChangedV1, levels(3, 3));
    // A marker after it: another shopper's SKU coming back. Events are handled in stream order.
    const other = await registerShopper();
    const otherSku = `${sku}-B`;
    await fetchJson(`${service.url}/api/notifications/back-in-stock`, { method: 'POST', json: { sku: otherSku }, identity: customer(other.id) });
    await publisher.publish(StockChangedV1, { ...levels(1, 1), sku: otherSku });
    await eventually(() => {
      if (smtp.to(other.email).length === 0) throw new Error('marker not mailed yet');
    });
    expect(await notificationsOf(back.eventId)).toMatchObject([{ template: 'back-in-stock', recipient: shopper.email }]);
    expect(await notificationsOf(notBack.eventId)).toHaveLength(0);
    expect(await notificationsOf(later.eventId)).toHaveLength(0);
    expect(smtp.to(shopper.email)).toHaveLength(1);
  });

  it('tells back-in-stock subscribers when a refund puts units of a sold-out SKU back', async () => {
    const shopper = await registerShopper();
    const sku = `RST-${randomUUID().slice(0, 8).toUpperCase()}`;
    expect((await fetchJson(`${service.url}/api/notifications/back-in-stock`, { method: 'POST', json: { sku }, identity: customer(shopper.id) })).status).toBe(200);
    const restock = (availableBefore: number, quantity: number) => ({
      sku, onHand: 10, reserved: 0, committed: 10 - availableBefore - quantity, available: availableBefore + quantity, quantity, key: randomUUID(), reason: 'refund', availableBefore,
    });
    const notBack = await publisher.publish(StockRestockedV1, restock(4, 1)); // it had stock already
    const back = await publisher.publish(StockRestockedV1, restock(0, 2));
    await eventually(() => {
      if (smtp.to(shopper.email).length === 0) throw new Error('not yet');
    });
    expect(smtp.to(shopper.email)[0]?.subject).toBe(`Test Shop: ${sku} is back in stock`);
    expect(await notificationsOf(back.eventId)).toMatchObject([{ template: 'back-in-stock', recipient: shopper.email }]);
    expect(await notificationsOf(notBack.eventId)).toHaveLength(0);
  });
});

function sampleRefund(amount: number, lines: OrderRefund['lines']): OrderRefund {
  return { id: randomUUID(), amount, lines, reason: 'damaged', actor: 'admin:x', at: new Date().toISOString() };
}
