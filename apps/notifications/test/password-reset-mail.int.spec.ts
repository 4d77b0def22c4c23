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
let gatewayAdmin: { email: string; password: string };
let smtp: SmtpInbox;
let service: Awaited<ReturnType<typeof startTestNotifications>>;
let prisma: PrismaClient;

beforeAll(async () => {
  const notificationsPort = await freePort();
  ({ gateway: gatewayProcess, admin: gatewayAdmin } = await startTestGateway(uniquePrefix(), { NOTIFICATIONS_URL: `http://127.0.0.1:${notificationsPort}` }));
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

async function mailTo(email: string) {
  return eventually(() => {
    const [m] = smtp.to(email);
    if (!m) throw new Error('not yet');
    return m;
  });
}

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
    expect(mail.text).toContain('Someone, hopefully you, asked to reset the password of your account.');
    expect(mail.text).toContain('If you did not ask, ignore this email: your password stays as it is.');
    expect(mail.text).not.toContain('customer support');
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

  it('says the shop sent the link when an admin did, with the expiry in the words every mail uses', async () => {
    const email = `supported-${randomUUID().slice(0, 8)}@example.com`;
    const registered = await gateway('/api/auth/register', { email, password: 'correct horse battery' });
    expect(registered.status).toBe(201);
    const admin = await gateway('/api/auth/login', gatewayAdmin);
    const sent = await fetchJson(`${gatewayProcess.url}/api/admin/users/${registered.body.user.id}/password-reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.body.accessToken}` },
    });
    expect(sent.status, sent.text).toBe(202);

    const mail = await mailTo(email);
    expect(mail.subject).toBe('Test Shop: Reset your password');
    expect(mail.text).toContain("Test Shop's customer support sent you this link to choose a new password for your account.");
    expect(mail.text).toContain('If you did not contact us about your account, let us know: your password stays as it is until this link is used.');
    expect(mail.text).not.toContain('hopefully you');
    expect(mail.text).not.toContain('If you did not ask');
    expect(mail.text).toMatch(/Choose a new password: http:\/\/shop\.test\/account\/reset-password\?token=[A-Za-z0-9_%-]+/);
    // "7 Dec 2026, 10:30 UTC": the day without a leading zero, as the sale mail prints its end.
    const expires = new Date(sent.body.expiresAt as string);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const hhmm = `${String(expires.getUTCHours()).padStart(2, '0')}:${String(expires.getUTCMinutes()).padStart(2, '0')}`;
    expect(mail.text).toContain(`The link works once, until ${expires.getUTCDate()} ${months[expires.getUTCMonth()]} ${expires.getUTCFullYear()}, ${hhmm} UTC.`);
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
    // A caller older than `requestedBy` is the customer's own "forgot my password".
    expect(smtp.to(email)[0]!.text).toContain('Someone, hopefully you, asked to reset the password of your account.');
  });

  it('refuses an unknown requester with 400 naming the field, and writes nothing', async () => {
    const email = `forgetful-${randomUUID().slice(0, 8)}@example.com`;
    expect((await gateway('/api/auth/register', { email, password: 'correct horse battery' })).status).toBe(201);
    const login = await gateway('/api/auth/login', { email, password: 'correct horse battery' });
    const body = { resetId: randomUUID(), userId: login.body.user.id, email, token: 'y'.repeat(43), expiresAt: new Date(Date.now() + 3_600_000).toISOString(), requestedBy: 'admin' };
    const res = await fetchJson(`${service.url}${PASSWORD_RESET_MAIL_PATH}`, { method: 'POST', json: body, headers: serviceCredentialHeaders('gateway') });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ field: 'requestedBy' }));
    expect(await resetNotificationsTo(email)).toHaveLength(0);
  });
});
