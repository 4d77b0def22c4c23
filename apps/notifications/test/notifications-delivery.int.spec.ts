import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderStatusChangedV1, type Notification } from '@shop/contracts';
import { eventually, fetchJson, freePort, SmtpInbox, uniquePrefix, type BuiltService } from '@shop/testing';
import { ADMIN, adminGet, sampleOrder, startTestGateway, startTestNotifications, TestPublisher } from './notifications-harness.js';

/**
 * Delivery when the mail server is away: retried with backoff until it is back; dead-lettered
 * (status failed, listed for admins) after the configured attempts, and sent by an admin's retry.
 * Without SMTP_URL, mails are written as .eml files.
 */
let gatewayProcess: BuiltService;
const started: Array<{ close(): Promise<void> }> = [];
const servers: SmtpInbox[] = [];
const publishers: TestPublisher[] = [];

beforeAll(async () => {
  ({ gateway: gatewayProcess } = await startTestGateway(uniquePrefix()));
}, 120_000);

afterAll(async () => {
  for (const p of publishers) p.close();
  for (const s of started) await s.close();
  for (const s of servers) await s.stop();
  await gatewayProcess?.stop();
});

async function serviceWith(options: { smtpUrl?: string; env?: Record<string, string> }) {
  const prefix = uniquePrefix();
  const service = await startTestNotifications({ prefix, gatewayUrl: gatewayProcess.url, ...options });
  started.push(service);
  const publisher = new TestPublisher(prefix);
  publishers.push(publisher);
  return { service, publisher };
}

async function rowOf(base: string, eventId: string, accept: (n: Notification) => boolean): Promise<Notification> {
  return eventually(async () => {
    const res = await adminGet(base, '/api/admin/notifications?limit=100');
    const row = (res.body.items as Notification[]).find((n) => n.eventId === eventId);
    if (!row || !accept(row)) throw new Error(`not yet: ${JSON.stringify(row)}`);
    return row;
  });
}

describe('delivery', () => {
  it('retries while the mail server is down and sends once it is back', async () => {
    const smtp = new SmtpInbox(await freePort());
    servers.push(smtp);
    const { service, publisher } = await serviceWith({ smtpUrl: smtp.url, env: { NOTIFICATIONS_MAX_ATTEMPTS: '10', NOTIFICATIONS_BACKOFF_MS: '200' } });
    const order = sampleOrder({ email: 'retry@example.com' });
    const event = await publisher.publish(OrderStatusChangedV1, { from: 'AWAITING_PAYMENT', to: 'CONFIRMED', reason: null, actor: 'checkout', order });

    const failedOnce = await rowOf(service.url, event.eventId, (n) => n.attempts >= 1);
    expect(failedOnce.status).toBe('pending');
    expect(failedOnce.lastError).toMatch(/ECONNREFUSED|connect/i);

    await smtp.start();
    const sent = await rowOf(service.url, event.eventId, (n) => n.status === 'sent');
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(sent.lastError).toBeNull();
    expect(smtp.to('retry@example.com').map((m) => m.subject)).toEqual([`Test Shop: Order ${order.number} confirmed`]);
  });

  it('dead-letters a mail after the configured attempts, lists it as failed, and sends it on an admin retry', async () => {
    const smtp = new SmtpInbox(await freePort());
    servers.push(smtp);
    const { service, publisher } = await serviceWith({ smtpUrl: smtp.url, env: { NOTIFICATIONS_MAX_ATTEMPTS: '2', NOTIFICATIONS_BACKOFF_MS: '50' } });
    const order = sampleOrder({ email: 'deadletter@example.com' });
    const event = await publisher.publish(OrderStatusChangedV1, { from: 'CONFIRMED', to: 'FULFILLED', reason: null, actor: 'admin:x', order });

    const failed = await rowOf(service.url, event.eventId, (n) => n.status === 'failed');
    expect(failed.attempts).toBe(2);
    expect(failed.lastError).toBeTruthy();
    const listed = await adminGet(service.url, '/api/admin/notifications?status=failed');
    expect((listed.body.items as Notification[]).map((n) => n.id)).toContain(failed.id);

    // Only failed mails can be retried; only admins may.
    expect((await fetchJson(`${service.url}/api/admin/notifications/${failed.id}/retry`, { method: 'POST', identity: { userId: ADMIN.userId, role: 'customer' } })).status).toBe(403);
    await smtp.start();
    const retried = await fetchJson(`${service.url}/api/admin/notifications/${failed.id}/retry`, { method: 'POST', identity: ADMIN });
    expect(retried.status).toBe(200);
    const sent = await rowOf(service.url, event.eventId, (n) => n.status === 'sent');
    expect(sent.attempts).toBe(3);
    expect(smtp.to('deadletter@example.com')).toHaveLength(1);
    const again = await fetchJson(`${service.url}/api/admin/notifications/${failed.id}/retry`, { method: 'POST', identity: ADMIN });
    expect(again.status).toBe(409);
  });

  it('refuses bad admin queries by field', async () => {
    const { service } = await serviceWith({ smtpUrl: 'smtp://127.0.0.1:9' });
    const res = await adminGet(service.url, '/api/admin/notifications?status=lost');
    expect(res.status).toBe(400);
    expect(res.text).toContain('status');
    expect((await fetchJson(`${service.url}/api/admin/notifications`)).status).toBe(401);
  });

  it('writes .eml files when no SMTP server is configured', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'notifications-mail-'));
    try {
      const { service, publisher } = await serviceWith({ env: { MAIL_DIR: dir } });
      const order = sampleOrder({ email: 'files@example.com' });
      const event = await publisher.publish(OrderStatusChangedV1, { from: 'AWAITING_PAYMENT', to: 'CONFIRMED', reason: null, actor: 'checkout', order });
      const row = await rowOf(service.url, event.eventId, (n) => n.status === 'sent');
      expect(await readdir(dir)).toEqual([`${row.id}.eml`]);
      const eml = await readFile(join(dir, `${row.id}.eml`), 'utf8');
      expect(eml).toContain('To: files@example.com');
      expect(eml).toContain(`Subject: Test Shop: Order ${order.number} confirmed`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
