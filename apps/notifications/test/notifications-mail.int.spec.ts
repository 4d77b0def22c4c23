import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlashSaleStartedV1, OrderRefundedV1, OrderStatusChangedV1, StockChangedV1, StockRestockedV1, streamOf, type Notification, type OrderRefund } from '@shop/contracts';
import { createPrismaClient, type PrismaClient } from '@shop/persistence';
import { eventually, fetchJson, freePort, SmtpInbox, statusAfterRecovery, TcpProxy, testEnv, uniquePrefix, type BuiltService, type TestIdentity } from '@shop/testing';
import type { ParsedMail } from 'mailparser';
import { FLASH_SALE_MAILS_GROUP } from '../src/messaging/flash-sale-mails.consumer.js';
import { adminGet, KnownSales, sampleOrder, startTestCatalog, startTestGateway, startTestNotifications, TestPublisher, type TestProducts } from './notifications-harness.js';

/**
 * The notifications service against the real Postgres, Redis, the built gateway (accounts), the
 * built catalog (what a back-in-stock or sale SKU is called) and a real SMTP server in this process: what
 * arrives there is what a shopper would get.
 */
let catalog: TestProducts;
let gatewayProcess: BuiltService;
let gatewayAdmin: { email: string; password: string };
let smtp: SmtpInbox;
let service: Awaited<ReturnType<typeof startTestNotifications>>;
let publisher: TestPublisher;
let prisma: PrismaClient;
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
  catalog = await startTestCatalog();
  smtp = await new SmtpInbox(await freePort()).start();
  service = await startTestNotifications({ prefix, gatewayUrl: gatewayProcess.url, catalogUrl: catalog.url, smtpUrl: smtp.url, sales });
  publisher = new TestPublisher(prefix);
  prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl });
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  publisher?.close();
  await service?.close();
  await smtp?.stop();
  await catalog?.stop();
  await gatewayProcess?.stop();
});

/** A mail's raw header, as the mail server received it (`List-Unsubscribe: <…>`). */
function headerLine(mail: ParsedMail, name: string): string | undefined {
  return mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
}

async function mailTo(email: string, index = 0): Promise<ParsedMail> {
  return eventually(() => {
    const m = smtp.to(email)[index];
    if (!m) throw new Error(`no mail ${index + 1} to ${email} yet`);
    return m;
  });
}

async function watch(customerId: string, sku: string): Promise<void> {
  const res = await fetchJson(`${service.url}/api/notifications/back-in-stock`, { method: 'POST', json: { sku }, identity: customer(customerId) });
  expect(res.status, res.text).toBe(200);
}

async function watching(customerId: string): Promise<string[]> {
  const res = await fetchJson(`${service.url}/api/notifications/subscriptions`, { identity: customer(customerId) });
  expect(res.status).toBe(200);
  return (res.body.backInStock as Array<{ sku: string }>).map((w) => w.sku).sort();
}

/** Stock events as inventory publishes them: `available` now and the change that led there. */
const levels = (sku: string, available: number, delta: number) => ({ sku, onHand: available, reserved: 0, committed: 0, available, delta, kind: 'adjust' as const, reason: 'delivery' });

/** The API address in a mail's List-Unsubscribe header, as a path on the service (the gateway forwards it as is). */
function oneClickPath(mail: ParsedMail): string {
  const url = /^List-Unsubscribe: <(\S+)>$/.exec(headerLine(mail, 'List-Unsubscribe') ?? '')?.[1];
  expect(url, 'a List-Unsubscribe header').toBeDefined();
  const parsed = new URL(url!);
  return parsed.pathname + parsed.search;
}

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
    // Where it goes, and the way back to it: the customer's order page.
    expect(mail.text).toContain('Shipping to: Ada Lovelace, 1 Main St, N1 1AA London, GB');
    expect(mail.text).toContain(`http://shop.test/account/orders/${order.id}`);
    expect(mail.html).toContain(`href="http://shop.test/account/orders/${order.id}"`);

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
    const shipped = smtp.to(order.email!).filter((m) => m.subject === `Test Shop: Order ${order.number} has shipped`);
    expect(shipped).toHaveLength(1);
    expect(shipped[0]!.text).toContain('Shipping to: Ada Lovelace');
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
    expect(mail.text).toContain('You have not been charged for it.');
  });

  it('tells the shopper of a paid order cancelled by the shop what goes back, never that nothing was charged', async () => {
    const order = sampleOrder({ email: `cancel-paid-${randomUUID()}@example.com` });
    await publisher.publish(OrderStatusChangedV1, { from: 'CONFIRMED', to: 'CANCELLED', reason: 'Customer asked by phone', actor: 'admin:x', order });
    const mail = await eventually(() => {
      const [m] = smtp.to(order.email!);
      if (!m) throw new Error('not yet');
      return m;
    });
    expect(mail.text).toContain("The €64.89 you paid is being refunded to the card you paid with");
    expect(mail.text).not.toContain('not been charged');
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

/** The token of a mail's unsubscribe link (the List-Unsubscribe address carries the same one as the body's link). */
function tokenOf(mail: ParsedMail): string {
  return new URL(oneClickPath(mail), 'http://x').searchParams.get('token')!;
}

/** A sale the shopper asked to be reminded of goes live: the reminder mail, whose link stops every marketing mail to the address. */
async function saleLiveMail(shopper: { id: string; email: string }): Promise<ParsedMail> {
  const [sku] = (await catalog.product({ title: 'Reminder Cap', sizes: ['One'] })).skus as [string];
  const flashSaleId = await remind(shopper.id);
  const before = smtp.to(shopper.email).length;
  await publisher.publish(FlashSaleStartedV1, { flashSaleId, sku, salePrice: { amount: 1250, currency: 'EUR' }, units: 20, perCustomerLimit: 2, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() });
  return mailTo(shopper.email, before);
}

/** A sale pricing knows, and the shopper's "remind me when it starts" for it (on `on`, this service by default). */
async function remind(customerId: string, on: string = service.url): Promise<string> {
  const flashSaleId = randomUUID();
  sales.ids.add(flashSaleId);
  const res = await fetchJson(`${on}/api/notifications/flash-sale-reminders`, { method: 'POST', json: { flashSaleId }, identity: customer(customerId) });
  expect(res.status, res.text).toBe(200);
  return flashSaleId;
}

async function remindersOf(customerId: string, on: string = service.url): Promise<string[]> {
  const res = await fetchJson(`${on}/api/notifications/subscriptions`, { identity: customer(customerId) });
  expect(res.status).toBe(200);
  return (res.body.flashSaleReminders as Array<{ flashSaleId: string }>).map((r) => r.flashSaleId);
}

/** A sale of `sku` starting now, at €12.50, ending on 7 Dec 2030 at 11:16 UTC. */
const saleOf = (flashSaleId: string, sku: string) => ({
  flashSaleId,
  sku,
  salePrice: { amount: 1250, currency: 'EUR' },
  units: 20,
  perCustomerLimit: 2,
  startsAt: new Date().toISOString(),
  endsAt: '2030-12-07T11:16:00.000Z',
});

/** A back-in-stock request comes true: the mail, whose link stops that one request. */
async function backInStockMail(shopper: { id: string; email: string }, title: string): Promise<{ mail: ParsedMail; sku: string }> {
  const [sku] = (await catalog.product({ title, sizes: ['One'] })).skus as [string];
  await watch(shopper.id, sku);
  const before = smtp.to(shopper.email).length;
  await publisher.publish(StockChangedV1, levels(sku, 1, 1));
  return { mail: await mailTo(shopper.email, before), sku };
}

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

    const tee = await catalog.product({ title: 'Pocket Tee', sizes: ['XXL'] });
    const sale = saleOf(saleId, tee.skus[0]!);
    const started = await publisher.publish(FlashSaleStartedV1, sale);
    const mail = await eventually(() => {
      const [m] = smtp.to(shopper.email);
      if (!m) throw new Error('not yet');
      return m;
    });
    // Named as the catalog names the product and variant, not by its SKU; the end in words, in UTC.
    expect(mail.subject).toBe(`Test Shop: The sale is live: ${tee.title} — XXL at €12.50`);
    expect(mail.text).toContain(`The flash sale you asked about has started: ${tee.title} — XXL at €12.50, while units last (until 7 Dec 2030, 11:16 UTC).`);
    expect(mail.text).toContain(`Go to the sale: http://shop.test/sales/${saleId}`);
    expect(mail.html).toContain(`<a href="http://shop.test/sales/${saleId}">Go to the sale</a>`);
    expect(mail.text).not.toContain(tee.skus[0]!);
    expect(mail.text).not.toContain('2030-12-07T');
    // The body's link goes to the storefront's page; the header names the API address a mail client POSTs to.
    const link = /Unsubscribe from these emails: (\S+)/.exec(mail.text ?? '')?.[1];
    expect(link).toMatch(/^http:\/\/shop\.test\/unsubscribe\?token=/);
    const token = new URL(link!).searchParams.get('token')!;

    // The reminder was used: the same sale starting again (a redelivery with a new id) mails nobody.
    const again = await publisher.publish(FlashSaleStartedV1, sale);
    await publisher.publish(FlashSaleStartedV1, { ...sale, flashSaleId: randomUUID() });
    await eventually(async () => {
      const rows = await adminGet(service.url, '/api/admin/notifications?template=flash-sale-live&limit=100');
      if (!(rows.body.items as Notification[]).some((n) => n.eventId === started.eventId && n.status === 'sent')) throw new Error('not sent');
    });

    expect(headerLine(mail, 'List-Unsubscribe')).toBe(`List-Unsubscribe: <http://shop.test/api/notifications/unsubscribe?token=${encodeURIComponent(token)}>`);
    expect(headerLine(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // Following the API's address (through the gateway's path, here straight to the service) only
    // leads to the storefront's page, and reading what the link stops changes nothing either: a
    // mail scanner's GET unsubscribes nobody. The page's button POSTs to the API address.
    const path = oneClickPath(mail);
    const followed = await fetchJson(`${service.url}${path}`, { redirect: 'manual' });
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toBe(link);
    expect(followed.headers.get('cache-control')).toBe('no-store');
    const details = await fetchJson(`${service.url}/api/notifications/unsubscribe/address?token=${encodeURIComponent(token)}`);
    expect(details.status).toBe(200);
    expect(details.headers.get('cache-control')).toBe('no-store');
    expect(details.body).toEqual({ maskedEmail: `s***@example.com`, unsubscribed: false });
    expect(details.text).not.toContain(shopper.email);
    const stillSubscribed = randomUUID();
    sales.ids.add(stillSubscribed);
    await fetchJson(`${service.url}/api/notifications/flash-sale-reminders`, { method: 'POST', json: { flashSaleId: stillSubscribed }, identity: customer(shopper.id) });
    const afterGet = await publisher.publish(FlashSaleStartedV1, { ...sale, flashSaleId: stillSubscribed });
    expect((await eventually(async () => {
      const rows = await notificationsOf(afterGet.eventId);
      if (rows[0]?.status !== 'sent') throw new Error('not sent yet');
      return rows;
    }))[0]?.recipient).toBe(shopper.email);

    // The storefront page's button (a POST with no body), then the page reads the address as unsubscribed.
    const unsubscribed = await fetchJson(`${service.url}${path}`, { method: 'POST' });
    expect(unsubscribed.status).toBe(200);
    expect(unsubscribed.body).toEqual({ scope: 'marketing' });
    expect((await fetchJson(`${service.url}/api/notifications/unsubscribe/address?token=${encodeURIComponent(token)}`)).body).toEqual({ maskedEmail: 's***@example.com', unsubscribed: true });
    expect((await fetchJson(`${service.url}/api/notifications/unsubscribe?token=forged.token-value`, { method: 'POST' })).status).toBe(400);

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
    expect(smtp.to(shopper.email)).toHaveLength(2);
  });

  it('reminds nobody of a sale whose product is no longer on sale (or unknown), and leaves the reminders unused', async () => {
    const shopper = await registerShopper();
    const cap = await catalog.product({ title: 'Withdrawn Cap', sizes: ['One'] });
    const draftedSale = await remind(shopper.id);
    const unknownSale = await remind(shopper.id);
    await catalog.setStatus(cap.id, 'archived'); // taken off sale after the shopper asked
    const drafted = await publisher.publish(FlashSaleStartedV1, saleOf(draftedSale, cap.skus[0]!));
    const unknown = await publisher.publish(FlashSaleStartedV1, saleOf(unknownSale, `NO-SUCH-${randomUUID().slice(0, 8).toUpperCase()}`));
    // A later sale on the same stream is mailed: the two before it were handled, in order.
    const marker = await registerShopper();
    const [markerSku] = (await catalog.product({ title: 'Marker Sock', sizes: ['One'] })).skus as [string];
    await publisher.publish(FlashSaleStartedV1, saleOf(await remind(marker.id), markerSku));
    await mailTo(marker.email);
    expect(await notificationsOf(drafted.eventId)).toHaveLength(0);
    expect(await notificationsOf(unknown.eventId)).toHaveLength(0);
    expect(smtp.to(shopper.email)).toHaveLength(0);
    expect((await remindersOf(shopper.id)).sort()).toEqual([draftedSale, unknownSale].sort());
  });

  it('retries a sale’s reminders while the catalog cannot be asked, and mails them by name once it answers', async () => {
    const catalogUrl = new URL(catalog.url);
    const relay = new TcpProxy(catalogUrl.hostname, Number(catalogUrl.port));
    const relayPort = await relay.start();
    const prefix = uniquePrefix();
    const cutOff = await startTestNotifications({ prefix, gatewayUrl: gatewayProcess.url, catalogUrl: `http://127.0.0.1:${relayPort}`, smtpUrl: smtp.url, sales });
    const cutOffPublisher = new TestPublisher(prefix);
    try {
      const shopper = await registerShopper();
      const boot = await catalog.product({ title: 'Outage Sandal', sizes: ['40'] });
      const saleId = await remind(shopper.id, cutOff.url);
      await relay.cut();
      const started = await cutOffPublisher.publish(FlashSaleStartedV1, saleOf(saleId, boot.skus[0]!));
      // A sale nobody waits for (handled without the catalog): once it is acknowledged, the one
      // before it was handled too (in order), and it stays pending: the handler threw rather than
      // mail a SKU or drop the reminder.
      await cutOffPublisher.publish(FlashSaleStartedV1, saleOf(randomUUID(), boot.skus[0]!));
      const progress = () => cutOffPublisher.group(streamOf(FlashSaleStartedV1.type), FLASH_SALE_MAILS_GROUP);
      await eventually(async () => {
        const now = await progress();
        if (now?.lag !== 0 || now.pending !== 1) throw new Error(`not handled yet: ${JSON.stringify(now)}`);
      });
      expect(await notificationsOf(started.eventId)).toHaveLength(0);
      expect(await remindersOf(shopper.id, cutOff.url)).toEqual([saleId]);

      await relay.restore();
      const mail = await mailTo(shopper.email); // the pending event is retried once it has been idle a while
      expect(mail.subject).toBe(`Test Shop: The sale is live: ${boot.title} — 40 at €12.50`);
      expect(await remindersOf(shopper.id, cutOff.url)).toEqual([]);
      await eventually(async () => {
        if ((await progress())?.pending !== 0) throw new Error('not acknowledged yet');
      });
    } finally {
      cutOffPublisher.close();
      await cutOff.close();
      await relay.cut();
    }
  }, 90_000);

  it('tells back-in-stock subscribers once, when available stock goes from none to some', async () => {
    const shopper = await registerShopper();
    const [sku, otherSku] = (await catalog.product({ title: 'Once Mug', sizes: ['S', 'L'] })).skus;
    await watch(shopper.id, sku!);
    expect((await fetchJson(`${service.url}/api/notifications/back-in-stock`, { method: 'POST', json: { sku: '' }, identity: customer(shopper.id) })).status).toBe(400);
    expect((await fetchJson(`${service.url}/api/notifications/back-in-stock`, { method: 'POST', json: { sku } })).status).toBe(401);

    const notBack = await publisher.publish(StockChangedV1, levels(sku!, 10, 5)); // was 5: it was never sold out
    const back = await publisher.publish(StockChangedV1, levels(sku!, 5, 5));
    const mail = await mailTo(shopper.email);
    expect(mail.subject).toMatch(/^Test Shop: Once Mug \S+ — S is back in stock$/);
    const later = await publisher.publish(StockChangedV1, levels(sku!, 3, 3));
    // A marker after it: another shopper's SKU coming back. Events are handled in stream order.
    const other = await registerShopper();
    await watch(other.id, otherSku!);
    await publisher.publish(StockChangedV1, levels(otherSku!, 1, 1));
    await mailTo(other.email);
    expect(await notificationsOf(back.eventId)).toMatchObject([{ template: 'back-in-stock', recipient: shopper.email }]);
    expect(await notificationsOf(notBack.eventId)).toHaveLength(0);
    expect(await notificationsOf(later.eventId)).toHaveLength(0);
    expect(smtp.to(shopper.email)).toHaveLength(1);
  });

  it('tells back-in-stock subscribers when a refund puts units of a sold-out SKU back', async () => {
    const shopper = await registerShopper();
    const [sku] = (await catalog.product({ title: 'Refund Tee', sizes: ['M'] })).skus;
    await watch(shopper.id, sku!);
    const restock = (availableBefore: number, quantity: number) => ({
      sku: sku!, onHand: 10, reserved: 0, committed: 10 - availableBefore - quantity, available: availableBefore + quantity, quantity, key: randomUUID(), reason: 'refund', availableBefore,
    });
    const notBack = await publisher.publish(StockRestockedV1, restock(4, 1)); // it had stock already
    const back = await publisher.publish(StockRestockedV1, restock(0, 2));
    expect((await mailTo(shopper.email)).subject).toMatch(/^Test Shop: Refund Tee \S+ — M is back in stock$/);
    expect(await notificationsOf(back.eventId)).toMatchObject([{ template: 'back-in-stock', recipient: shopper.email }]);
    expect(await notificationsOf(notBack.eventId)).toHaveLength(0);
  });
});

describe('back-in-stock mails and their unsubscribe link', () => {
  it('names the product and the variant, links to its page with the variant chosen, and can be left in one click', async () => {
    const shopper = await registerShopper();
    const runner = await catalog.product({ title: 'Trail Runner', sizes: ['EU 42', 'EU 43'] });
    const sku = runner.skus[0]!;
    await watch(shopper.id, sku);
    await publisher.publish(StockChangedV1, levels(sku, 4, 4));
    const mail = await mailTo(shopper.email);

    const name = `${runner.title} — EU 42`;
    expect(mail.subject).toBe(`Test Shop: ${name} is back in stock`);
    expect(mail.text).toContain(`Good news: ${name} is back in stock.`);
    const productUrl = `http://shop.test/p/${runner.slug}?sku=${sku}`;
    expect(mail.text).toContain(`See it in the shop: ${productUrl}`);
    expect(mail.html).toContain(`href="${productUrl}"`);
    expect(mail.text).not.toContain('/search?q=');

    // The body's link goes to the storefront's page; the header names the API address a mail client POSTs to.
    const token = /Unsubscribe from this alert: http:\/\/shop\.test\/back-in-stock\/unsubscribe\?token=(\S+)/.exec(mail.text ?? '')?.[1];
    expect(token, 'the alert link in the body').toBeDefined();
    expect(decodeURIComponent(token!)).toMatch(new RegExp(`^bis\\.${shopper.id}\\.${sku}\\.`));
    expect(headerLine(mail, 'List-Unsubscribe')).toBe(`List-Unsubscribe: <http://shop.test/api/notifications/unsubscribe?token=${token}>`);
    expect(headerLine(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // A mail client's one-click: a form POST with no credential; the request is stopped.
    await watch(shopper.id, sku); // asked again after the mail: the request stands once more
    expect(await watching(shopper.id)).toEqual([sku]);
    const oneClick = await fetchJson(`${service.url}${oneClickPath(mail)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status, oneClick.text).toBe(200);
    expect(oneClick.body).toEqual({ scope: 'back-in-stock', sku });
    expect(await watching(shopper.id)).toEqual([]);
    // The next restock mails nobody; a mail client's retry (multipart this time) changes nothing more.
    const restock = await publisher.publish(StockChangedV1, levels(sku, 0, -4));
    const next = await publisher.publish(StockChangedV1, levels(sku, 2, 2));
    const boundary = 'one-click';
    const again = await fetchJson(`${service.url}${oneClickPath(mail)}`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(again.status).toBe(200);
    // Handled in stream order: a marker SKU's mail shows `next` was handled, and wrote nothing.
    const marker = await registerShopper();
    const [markerSku] = (await catalog.product({ title: 'Marker Cap', sizes: ['One'] })).skus;
    await watch(marker.id, markerSku!);
    await publisher.publish(StockChangedV1, levels(markerSku!, 1, 1));
    await mailTo(marker.email);
    expect(await notificationsOf(restock.eventId)).toHaveLength(0);
    expect(await notificationsOf(next.eventId)).toHaveLength(0);
    expect(smtp.to(shopper.email)).toHaveLength(1);
  });

  it('a GET of the link changes nothing: it leads to the storefront’s page, which reads what the alert is about', async () => {
    const shopper = await registerShopper();
    const boots = await catalog.product({ title: 'Rain Boot', sizes: ['38', '39'] });
    const [sku, otherSku] = boots.skus as [string, string];
    await watch(shopper.id, sku);
    await watch(shopper.id, otherSku);
    await publisher.publish(StockChangedV1, levels(sku, 3, 3));
    const mail = await mailTo(shopper.email);
    const path = oneClickPath(mail);
    const token = new URL(path, 'http://x').searchParams.get('token')!;
    // The alert was sent: nothing stands to stop (before, the page still offered to stop it).
    expect((await fetchJson(`${service.url}/api/notifications/unsubscribe/back-in-stock?token=${encodeURIComponent(token)}`)).body).toMatchObject({ sku, subscribed: false });
    // The shopper asked again since.
    await watch(shopper.id, sku);

    for (let i = 0; i < 2; i++) {
      const followed = await fetchJson(`${service.url}${path}`, { redirect: 'manual' });
      expect(followed.status).toBe(303);
      expect(followed.headers.get('location')).toBe(`http://shop.test/back-in-stock/unsubscribe?token=${encodeURIComponent(token)}`);
      expect(followed.headers.get('cache-control')).toBe('no-store');
      const head = await fetch(`${service.url}${path}`, { method: 'HEAD', redirect: 'manual' });
      expect(head.status).toBe(303);
    }
    const details = await fetchJson(`${service.url}/api/notifications/unsubscribe/back-in-stock?token=${encodeURIComponent(token)}`);
    expect(details.status).toBe(200);
    expect(details.body).toEqual({ sku, productName: `${boots.title} — 38`, productPath: `/p/${boots.slug}?sku=${sku}`, subscribed: true });
    expect(await watching(shopper.id)).toEqual([sku, otherSku].sort());

    // The storefront's button: a POST (JSON-less), then the page reads the request as stopped.
    const stopped = await fetchJson(`${service.url}${path}`, { method: 'POST' });
    expect(stopped.body).toEqual({ scope: 'back-in-stock', sku });
    expect(await watching(shopper.id)).toEqual([otherSku]);
    expect((await fetchJson(`${service.url}/api/notifications/unsubscribe/back-in-stock?token=${encodeURIComponent(token)}`)).body).toMatchObject({ sku, subscribed: false });
  });

  it('reaches only the request it was made for: another shopper’s, or another SKU, stays', async () => {
    const ada = await registerShopper();
    const eve = await registerShopper();
    const [sku, otherSku] = (await catalog.product({ title: 'Scoped Hat', sizes: ['S', 'M'] })).skus as [string, string];
    await watch(ada.id, sku);
    await publisher.publish(StockChangedV1, levels(sku, 1, 1));
    const path = oneClickPath(await mailTo(ada.email));
    const token = new URL(path, 'http://x').searchParams.get('token')!;
    await watch(ada.id, sku);
    await watch(ada.id, otherSku);
    await watch(eve.id, sku);

    expect((await fetchJson(`${service.url}${path}`, { method: 'POST' })).status).toBe(200);
    expect(await watching(ada.id)).toEqual([otherSku]);
    expect(await watching(eve.id)).toEqual([sku]);

    // Ada's signature does not open Eve's request, nor another SKU of Ada's.
    const mac = token.split('.')[3]!;
    for (const forged of [`bis.${eve.id}.${sku}.${mac}`, `bis.${ada.id}.${otherSku}.${mac}`]) {
      const res = await fetchJson(`${service.url}/api/notifications/unsubscribe?token=${encodeURIComponent(forged)}`, { method: 'POST' });
      expect(res.status, forged).toBe(400);
      expect(res.body.error.details).toEqual([{ field: 'token', reason: 'is not a valid unsubscribe link; use the whole link from the email' }]);
    }
    expect(await watching(ada.id)).toEqual([otherSku]);
    expect(await watching(eve.id)).toEqual([sku]);
    // A signed-in shopper is nobody special here: only the token counts.
    const asEve = await fetchJson(`${service.url}/api/notifications/unsubscribe?token=${encodeURIComponent(`bis.${eve.id}.${otherSku}.${mac}`)}`, { method: 'POST', identity: customer(eve.id) });
    expect(asEve.status).toBe(400);
    expect(await watching(eve.id)).toEqual([sku]);
  });

  it('answers a bad, cut-short or unknown token with 400 naming it, and changes nothing', async () => {
    const shopper = await registerShopper();
    const [sku] = (await catalog.product({ title: 'Bad Link Sock', sizes: ['One'] })).skus as [string];
    await watch(shopper.id, sku);
    await publisher.publish(StockChangedV1, levels(sku, 1, 1));
    const path = oneClickPath(await mailTo(shopper.email));
    const token = new URL(path, 'http://x').searchParams.get('token')!;
    await watch(shopper.id, sku);

    const base = `${service.url}/api/notifications/unsubscribe`;
    const refusals = [
      { url: `${base}?token=${encodeURIComponent(token.slice(0, -3))}`, reason: 'is not a valid unsubscribe link; use the whole link from the email' },
      { url: `${base}?token=bis.${randomUUID()}.${sku}.${'A'.repeat(43)}`, reason: 'is not a valid unsubscribe link; use the whole link from the email' },
      { url: `${base}?token=short`, reason: expect.stringContaining('at least 10') },
      { url: base, reason: expect.any(String) },
    ];
    for (const { url, reason } of refusals) {
      for (const method of ['GET', 'POST']) {
        const res = await fetchJson(url, { method, redirect: 'manual' });
        expect(res.status, `${method} ${url}`).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'token', reason }] });
      }
    }
    const details = await fetchJson(`${base}/back-in-stock?token=${encodeURIComponent(token.slice(0, -3))}`);
    expect(details.status).toBe(400);
    // A sale reminder's link is not one of an alert.
    const addressLink = await fetchJson(`${base}/back-in-stock?token=${encodeURIComponent(`${Buffer.from(shopper.email).toString('base64url')}.forged`)}`);
    expect(addressLink.status).toBe(400);
    // A multipart form is for the unsubscribe address only: elsewhere 415, as before.
    const form = await fetchJson(`${service.url}/api/notifications/back-in-stock`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: `--b\r\nContent-Disposition: form-data; name="sku"\r\n\r\n${sku}\r\n--b--\r\n`,
      identity: customer(shopper.id),
    });
    expect(form.status).toBe(415);
    expect(await watching(shopper.id)).toEqual([sku]);
  });

  it('mails nobody about a product that is no longer for sale, and keeps the requests for when it is again', async () => {
    const shopper = await registerShopper();
    const jacket = await catalog.product({ title: 'Seasonal Jacket', sizes: ['M'] });
    const sku = jacket.skus[0]!;
    await watch(shopper.id, sku);
    await catalog.setStatus(jacket.id, 'draft'); // taken off sale after the shopper asked
    // A request stored before requests were checked against the catalog: a SKU it does not know.
    const unknownSku = `NO-SUCH-${randomUUID().slice(0, 8).toUpperCase()}`;
    await prisma.backInStockSubscription.create({ data: { sku: unknownSku, customerId: shopper.id, createdAt: new Date() } });
    const drafted = await publisher.publish(StockChangedV1, levels(sku, 5, 5));
    const unknown = await publisher.publish(StockChangedV1, levels(unknownSku, 5, 5));
    const marker = await registerShopper();
    const [markerSku] = (await catalog.product({ title: 'Marker Scarf', sizes: ['One'] })).skus;
    await watch(marker.id, markerSku!);
    await publisher.publish(StockChangedV1, levels(markerSku!, 1, 1));
    await mailTo(marker.email);
    expect(await notificationsOf(drafted.eventId)).toHaveLength(0);
    expect(await notificationsOf(unknown.eventId)).toHaveLength(0);
    expect(smtp.to(shopper.email)).toHaveLength(0);
    expect(await watching(shopper.id)).toEqual([sku, unknownSku].sort());

    // On sale again and back again: now it is mailed.
    await catalog.publish(jacket.id);
    await publisher.publish(StockChangedV1, levels(sku, 0, -5));
    await publisher.publish(StockChangedV1, levels(sku, 2, 2));
    expect((await mailTo(shopper.email)).subject).toBe(`Test Shop: ${jacket.title} — M is back in stock`);
  });
});

describe('a sale reminder’s unsubscribe link (every marketing mail to the address)', () => {
  it('answers a GET of the API address with 303 to the storefront page of the link’s kind, for every kind, and changes nothing', async () => {
    const shopper = await registerShopper();
    const sale = await saleLiveMail(shopper);
    const alert = await backInStockMail(shopper, 'Redirect Beanie');
    await watch(shopper.id, alert.sku); // asked again: the alert's link has a request to stop
    const pages = [
      { mail: sale, page: 'http://shop.test/unsubscribe' },
      { mail: alert.mail, page: 'http://shop.test/back-in-stock/unsubscribe' },
    ];
    for (const { mail, page } of pages) {
      const token = tokenOf(mail);
      for (const method of ['GET', 'HEAD']) {
        const followed = await fetch(`${service.url}${oneClickPath(mail)}`, { method, redirect: 'manual' });
        expect(followed.status, `${method} ${page}`).toBe(303);
        expect(followed.headers.get('location')).toBe(`${page}?token=${encodeURIComponent(token)}`);
        expect(followed.headers.get('cache-control')).toBe('no-store');
      }
      // The body's link is that very page.
      expect(mail.text).toContain(`${page}?token=${encodeURIComponent(token)}`);
    }
    expect((await fetchJson(`${service.url}/api/notifications/unsubscribe/address?token=${encodeURIComponent(tokenOf(sale))}`)).body).toEqual({ maskedEmail: 's***@example.com', unsubscribed: false });
    expect(await watching(shopper.id)).toEqual([alert.sku]);

    // Each details route reads its own kind of link only.
    const wrongKind = [
      { url: `/api/notifications/unsubscribe/address?token=${encodeURIComponent(tokenOf(alert.mail))}`, reason: 'is the link of a back-in-stock alert, not of an address' },
      { url: `/api/notifications/unsubscribe/back-in-stock?token=${encodeURIComponent(tokenOf(sale))}`, reason: 'is not the link of a back-in-stock email' },
    ];
    for (const { url, reason } of wrongKind) {
      const res = await fetchJson(`${service.url}${url}`);
      expect(res.status, url).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'token', reason }] });
    }
  });

  it('tells anyone with the link the masked address only, and nothing at all without a valid token (signed in or not)', async () => {
    const shopper = await registerShopper();
    const other = await registerShopper();
    const token = tokenOf(await saleLiveMail(shopper));
    const [payload, mac] = token.split('.') as [string, string];
    const base = `${service.url}/api/notifications/unsubscribe/address`;

    // Public: no identity needed, and the answer holds no more of the address than its owner needs to recognise it.
    const found = await fetchJson(`${base}?token=${encodeURIComponent(token)}`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ maskedEmail: 's***@example.com', unsubscribed: false });
    expect(found.text).not.toContain(shopper.email.split('@')[0]);

    const invalid = 'is not a valid unsubscribe link; use the whole link from the email';
    const refusals = [
      { token: token.slice(0, -3), reason: invalid },
      // The mail's address with a made-up signature, and another address with this mail's signature.
      { token: `${payload}.${'A'.repeat(43)}`, reason: invalid },
      { token: `${Buffer.from(other.email).toString('base64url')}.${mac}`, reason: invalid },
      { token: 'short', reason: expect.stringContaining('at least 10') },
      { token: undefined, reason: expect.any(String) },
    ];
    for (const { token: given, reason } of refusals) {
      const url = given === undefined ? base : `${base}?token=${encodeURIComponent(given)}`;
      for (const identity of [undefined, customer(shopper.id), customer(other.id)]) {
        const res = await fetchJson(url, identity ? { identity } : {});
        expect(res.status, `${url} as ${identity?.userId ?? 'anyone'}`).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'token', reason }] });
        for (const email of [shopper.email, other.email]) {
          expect(res.text).not.toContain(email);
          expect(res.text).not.toContain(email.split('@')[0]);
        }
        expect(res.text).not.toContain('***');
      }
    }
  });

  it('answers a bad or altered token with 400 naming it and unsubscribes nobody; the real link then does, once and for good', async () => {
    const shopper = await registerShopper();
    const token = tokenOf(await saleLiveMail(shopper));
    const [payload] = token.split('.') as [string, string];
    const details = async () => (await fetchJson(`${service.url}/api/notifications/unsubscribe/address?token=${encodeURIComponent(token)}`)).body;

    for (const bad of [token.slice(0, -1), `${payload}.${'B'.repeat(43)}`, `${payload}x.${token.split('.')[1]}`]) {
      for (const method of ['GET', 'POST']) {
        const res = await fetchJson(`${service.url}/api/notifications/unsubscribe?token=${encodeURIComponent(bad)}`, { method, redirect: 'manual' });
        expect(res.status, `${method} ${bad}`).toBe(400);
        expect(res.body.error.details).toEqual([{ field: 'token', reason: 'is not a valid unsubscribe link; use the whole link from the email' }]);
      }
    }
    expect(await details()).toEqual({ maskedEmail: 's***@example.com', unsubscribed: false });
    // Still subscribed: the next sale reminder is sent.
    expect((await saleLiveMail(shopper)).subject).toMatch(/The sale is live/);

    // A mail client's one-click (urlencoded, then multipart on a retry): unsubscribed, and saying so again is harmless.
    const oneClick = `${service.url}/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
    const first = await fetchJson(oneClick, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ scope: 'marketing' });
    const again = await fetchJson(oneClick, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n',
    });
    expect(again.status).toBe(200);
    expect(await details()).toEqual({ maskedEmail: 's***@example.com', unsubscribed: true });
  });
});

describe('back-in-stock requests', () => {
  it('refuses a SKU the shop does not sell (unknown, draft, archived) with 404 naming it, and stores nothing', async () => {
    const shopper = await registerShopper();
    const draft = await catalog.product({ title: 'Draft Parka', sizes: ['M'], status: 'draft' });
    const retired = await catalog.product({ title: 'Retired Vest', sizes: ['M'] });
    await catalog.setStatus(retired.id, 'archived');
    const onSale = await catalog.product({ title: 'Known Glove', sizes: ['M'] });
    for (const sku of [`NO-SUCH-${randomUUID().slice(0, 8).toUpperCase()}`, draft.skus[0]!, retired.skus[0]!]) {
      const res = await fetchJson(`${service.url}/api/notifications/back-in-stock`, { method: 'POST', json: { sku }, identity: customer(shopper.id) });
      expect(res.status, sku).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', details: [{ field: 'sku', reason: 'is not the SKU of a product on sale' }] });
    }
    expect(await watching(shopper.id)).toEqual([]);
    await watch(shopper.id, onSale.skus[0]!);
    expect(await watching(shopper.id)).toEqual([onSale.skus[0]!]);
  });

  it('answers 503 while the catalog cannot be asked, stores nothing, and takes the request once it answers again', async () => {
    const catalogUrl = new URL(catalog.url);
    const relay = new TcpProxy(catalogUrl.hostname, Number(catalogUrl.port));
    const relayPort = await relay.start();
    const cutOff = await startTestNotifications({ prefix: uniquePrefix(), gatewayUrl: gatewayProcess.url, catalogUrl: `http://127.0.0.1:${relayPort}` });
    try {
      const shopper = await registerShopper();
      const [sku] = (await catalog.product({ title: 'Outage Boot', sizes: ['42'] })).skus as [string];
      const ask = () => fetchJson(`${cutOff.url}/api/notifications/back-in-stock`, { method: 'POST', json: { sku }, identity: customer(shopper.id) });
      await relay.cut();
      const refused = await ask();
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
      expect(refused.text).not.toContain('127.0.0.1');
      expect(await watching(shopper.id)).toEqual([]);

      await relay.restore();
      expect(await statusAfterRecovery(ask)).toBe(200);
      expect(await watching(shopper.id)).toEqual([sku]);
    } finally {
      await cutOff.close();
      await relay.cut();
    }
  });
});

function sampleRefund(amount: number, lines: OrderRefund['lines']): OrderRefund {
  return { id: randomUUID(), amount, lines, reason: 'damaged', actor: 'admin:x', at: new Date().toISOString() };
}
