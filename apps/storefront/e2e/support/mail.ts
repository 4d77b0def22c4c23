import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * The mails the platform sent. Without SMTP_URL the notifications service writes each one as
 * `<MAIL_DIR>/<notification id>.eml` (MIME, as nodemailer builds it); the e2e platform starts it
 * in the workspace root with this process's environment, so MAIL_DIR (default `tmp/mail`) is
 * resolved from the root here too. The directory is shared with `npm start` and earlier runs:
 * a mail is found by its recipient (journeys use unique addresses) and its time.
 */
const root = join(import.meta.dirname, '..', '..', '..', '..');

export function mailDir(): string {
  return resolve(root, process.env.MAIL_DIR || 'tmp/mail');
}

export interface ReceivedMail {
  file: string;
  to: string;
  subject: string;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/html part, decoded ('' when none). */
  html: string;
  /** The message's header fields by lower-case name, unfolded, as written (`list-unsubscribe`: `<https://…>`). */
  headers: Record<string, string>;
}

/**
 * Waits for a mail to `to` written at or after `since` (ms) whose subject matches; the first
 * one found when several match. Fails after `timeoutMs` naming what the directory held.
 */
export async function waitForMail(to: string, options: { since: number; subject?: RegExp; timeoutMs?: number }): Promise<ReceivedMail> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const seen = new Set<string>();
  for (;;) {
    for (const mail of await mailsSince(options.since, seen)) {
      if (mail.to.toLowerCase().includes(to.toLowerCase()) && (!options.subject || options.subject.test(mail.subject))) return mail;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to}${options.subject ? ` with a subject like ${String(options.subject)}` : ''} in ${mailDir()} after ${options.timeoutMs ?? 30_000} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every mail to `to` written at or after `since`, as it is now (no waiting). */
export async function mailsTo(to: string, since: number): Promise<ReceivedMail[]> {
  return (await mailsSince(since, new Set())).filter((m) => m.to.toLowerCase().includes(to.toLowerCase()));
}

/** The .eml files written at or after `since` that are not in `seen` yet (each file is read once: renamed into place whole). */
async function mailsSince(since: number, seen: Set<string>): Promise<ReceivedMail[]> {
  const dir = mailDir();
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: ReceivedMail[] = [];
  for (const name of names) {
    if (!name.endsWith('.eml') || seen.has(name)) continue;
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    // A millisecond of slack: file times and Date.now() round differently.
    if (!info || info.mtimeMs < since - 1_000) continue;
    seen.add(name);
    out.push(parseMail(file, await readFile(file, 'utf8')));
  }
  return out;
}

/** A MIME message as nodemailer writes it: headers, then one part or a (nested) multipart body. */
export function parseMail(file: string, raw: string): ReceivedMail {
  const { headers, body } = splitMessage(raw.replace(/\r\n/g, '\n'));
  const parts = leafParts(headers, body);
  return {
    file,
    to: headers['to'] ?? '',
    subject: decodeWords(headers['subject'] ?? ''),
    text: parts.find((p) => p.type === 'text/plain')?.content ?? '',
    html: parts.find((p) => p.type === 'text/html')?.content ?? '',
    headers,
  };
}

function splitMessage(raw: string): { headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\n\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end + 2);
  const headers: Record<string, string> = {};
  // Folded header lines continue with whitespace.
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function leafParts(headers: Record<string, string>, body: string): { type: string; content: string }[] {
  const contentType = headers['content-type'] ?? 'text/plain';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return [];
    const sections = body.split(`--${boundary}`).slice(1);
    return sections
      .filter((section) => !section.startsWith('--'))
      .flatMap((section) => {
        const part = splitMessage(section.replace(/^\n/, ''));
        return leafParts(part.headers, part.body);
      });
  }
  return [{ type, content: decode(body, (headers['content-transfer-encoding'] ?? '7bit').toLowerCase()) }];
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`) of a header; adjacent words join without the space between them. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_word, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decode(text.replace(/_/g, ' '), 'quoted-printable'),
    );
}

function decode(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const text = body.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
