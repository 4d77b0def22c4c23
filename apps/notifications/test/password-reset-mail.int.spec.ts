import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_RESET_MAIL_PATH, type Notification } from '@shop/contracts';
import { createPrismaClient, type PrismaClient } from '@shop/persistence';
import { serviceCredentialHeaders } from '@shop/service-kit';
import { eventually, fetchJson, freePort, SmtpInbox, testEnv, uniquePrefix, type BuiltService } from '@shop/testing';
import { BODY_NOT_KEPT, NotificationRepository } from '../src/adapters/notification.repository.js';
import { adminGet, startTestGateway, startTestNotifications } from './notifications-harness.js';

/**
 * "Forgot my password" the whole way: the built gateway (identity) asks this service to mail the
 * link, a real SMTP server receives it, and the link's token sets the new password.
 */
let gatewayProcess: BuiltService;
let smtp: SmtpInbox;
let service: Awaited<ReturnType<typeof startTestNotifications>>;
let prisma: PrismaClient;

beforeAll(async () => {
  const notificationsPort = await freePort();
  ({ gateway: gatewayProcess } = await startTestGateway(uniquePrefix(), { NOTIFICATIONS_URL: `http://127.0.0.1:${notificationsPort}` }));
  smtp = await new SmtpInbox(await freePort()).start();
  service = await startTestNotifications({ prefix: uniquePrefix(), gatewayUrl: gatewayProcess.url, smtpUrl: smtp.url, env: { NOTIFICATIONS_PORT: String(notificationsPort) } });
  prisma = createPrismaClient({ databaseUrl: testEnv().databaseUrl });
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await service?.close();
  await smtp?.stop();
  await gatewayProcess?.stop();
});

const gateway = (path: string, json: unknown) => fetchJson(`${gatewayProcess.url}${path}`, { method: 'POST', json });

async function resetNotificationsTo(email: string): Promise<Notification[]> {
  const res = await adminGet(service.url, '/api/admin/notifications?template=password-reset&limit=100');
  expect(res.status).toBe(200);
  return (res.body.items as Notification[]).filter((n) => n.recipient === email);
}

describe('password reset mail', () => {
  it('mails a working one-use link; the stored copy loses its body once sent', async () => {
    const email = `forgetful-${randomUUID().slice(0, 8)}@example.com`;
    expect((await gateway('/api/auth/register', { email, password: 'correct horse battery' })).status).toBe(201);
    expect((await gateway('/api/auth/password-reset', { email })).status).toBe(202);

    const mail = await eventually(() => {
      const [m] = smtp.to(email);
      if (!m) throw new Error('not yet');
      return m;
    });
    expect(mail.subject).toBe('Test Shop: Reset your password');
    const link = /http:\/\/shop\.test\/account\/reset-password\?token=[A-Za-z0-9_%-]+/.exec(mail.text ?? '')?.[0];
    expect(link).toBeDefined();
    const token = new URL(link!).searchParams.get('token')!;

    expect((await gateway('/api/auth/password-reset/confirm', { token, password: 'a brand new secret' })).status).toBe(204);
    expect((await gateway('/api/auth/login', { email, password: 'a brand new secret' })).status).toBe(200);
    expect((await gateway('/api/auth/password-reset/confirm', { token, password: 'another new secret' })).status).toBe(400);

    const [row] = await eventually(async () => {
      const rows = await resetNotificationsTo(email);
      if (rows[0]?.status !== 'sent') throw new Error('not sent yet');
      return rows;
    });
    const stored = await new NotificationRepository(prisma).outgoing(row!.id);
    expect(stored?.textBody).toBe(BODY_NOT_KEPT);
    expect(stored?.htmlBody).not.toContain(token);
  });

  it('takes the request from the gateway only, and writes one mail per reset id', async () => {
    const email = `forgetful-${randomUUID().slice(0, 8)}@example.com`;
    expect((await gateway('/api/auth/register', { email, password: 'correct horse battery' })).status).toBe(201);
    const login = await gateway('/api/auth/login', { email, password: 'correct horse battery' });
    const body = { resetId: randomUUID(), userId: login.body.user.id, email, token: 'x'.repeat(43), expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    const post = (headers: Record<string, string>) => fetchJson(`${service.url}${PASSWORD_RESET_MAIL_PATH}`, { method: 'POST', json: body, headers });

    expect((await post({})).status).toBe(401);
    expect((await post(serviceCredentialHeaders('payments'))).status).toBe(403);
    expect((await resetNotificationsTo(email)).length).toBe(0);

    expect((await post(serviceCredentialHeaders('gateway'))).status).toBe(202);
    expect((await post(serviceCredentialHeaders('gateway'))).status).toBe(202);
    await eventually(() => {
      if (smtp.to(email).length === 0) throw new Error('not yet');
    });
    expect(await resetNotificationsTo(email)).toHaveLength(1);
    expect(smtp.to(email)).toHaveLength(1);
  });
});
