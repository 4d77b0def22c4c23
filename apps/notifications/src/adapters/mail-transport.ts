import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface Mail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Marketing mails: the address a one-click unsubscribe POSTs to. */
  listUnsubscribeUrl?: string | null;
}

/**
 * The message nodemailer builds for a mail. A marketing mail says how to leave it in its headers
 * (RFC 2369 `List-Unsubscribe`) and that one POST does it (RFC 8058 `List-Unsubscribe-Post`), so
 * a mail client can offer "Unsubscribe" and never needs a GET, which mail scanners follow.
 */
export function messageOf(mail: Mail, from: string) {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.id}@notifications.flashshop>`,
    ...(mail.listUnsubscribeUrl
      ? {
          headers: {
            // Prepared: written as given, never re-encoded or folded inside the URL.
            'List-Unsubscribe': { prepared: true, value: `<${mail.listUnsubscribeUrl}>` },
            'List-Unsubscribe-Post': { prepared: true, value: 'List-Unsubscribe=One-Click' },
          },
        }
      : {}),
  };
}

/** Hands a mail to the mail server (or, in development, to a file). Throws when it cannot. */
export interface MailTransport {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** Production: a real SMTP server (`SMTP_URL`). A refused or unreachable server throws, and the job retries. */
export class SmtpTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // Short timeouts: a mail server that hangs must fail the attempt, not hold the worker.
    this.transporter = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as never);
  }

  async send(mail: Mail): Promise<void> {
    await this.transporter.sendMail(messageOf(mail, this.from));
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * Development (no `SMTP_URL`): nodemailer builds the same MIME message and it is written to
 * `<dir>/<notification id>.eml` (open it in any mail client). Written under a temporary name and
 * renamed, so a reader never sees half a file and a retry overwrites the same one.
 */
export class EmlFileTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {
    this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: Mail): Promise<void> {
    const info = (await this.transporter.sendMail(messageOf(mail, this.from))) as { message: Buffer };
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${mail.id}.eml`);
    await writeFile(`${file}.tmp`, info.message);
    await rename(`${file}.tmp`, file);
  }

  close(): void {
    this.transporter.close();
  }
}
