import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmlFileTransport } from './mail-transport.js';

/** The message nodemailer really builds (written as .eml, as `npm start` does): its header lines. */
describe('the MIME message of a mail', () => {
  let dir: string;
  let transport: EmlFileTransport;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'notifications-mail-'));
    transport = new EmlFileTransport(dir, 'Shop <no-reply@shop.test>');
  });
  afterAll(async () => {
    transport.close();
    await rm(dir, { recursive: true, force: true });
  });

  const headerLines = async (id: string) => (await readFile(join(dir, `${id}.eml`), 'utf8')).split('\n\n', 1)[0]!.replace(/\n[ \t]+/g, ' ').split('\n');

  it('carries RFC 8058 one-click unsubscribe headers on a marketing mail, the URL whole', async () => {
    const url = `https://api.shop.test/api/notifications/unsubscribe?token=bis.6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b.TRAIL-RUNNER-EU-42.${'m'.repeat(43)}`;
    await transport.send({ id: 'marketing-1', to: 'ada@example.com', subject: 'Back', text: 'x', html: '<p>x</p>', listUnsubscribeUrl: url });
    const lines = await headerLines('marketing-1');
    expect(lines).toContain(`List-Unsubscribe: <${url}>`);
    expect(lines).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('has no unsubscribe header on other mails', async () => {
    await transport.send({ id: 'order-1', to: 'ada@example.com', subject: 'Order', text: 'x', html: '<p>x</p>', listUnsubscribeUrl: null });
    const lines = await headerLines('order-1');
    expect(lines.some((l) => l.toLowerCase().startsWith('list-unsubscribe'))).toBe(false);
    expect(lines).toContain('Subject: Order');
  });
});
