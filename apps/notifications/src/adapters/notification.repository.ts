import { newestFirstCursor, type Notification, type NotificationStatus, type NotificationTemplate } from '@shop/contracts';
import type { PrismaClient, Tx } from '@shop/persistence';

/** A notification about to be written: rendered, with its recipient decided. */
export interface NewNotification {
  id: string;
  eventId: string;
  recipient: string;
  template: NotificationTemplate;
  status: 'pending' | 'skipped';
  subject: string;
  textBody: string;
  htmlBody: string;
  customerId: string | null;
  skipReason: string | null;
  /** Marketing mails: where a one-click unsubscribe POSTs (the List-Unsubscribe header). */
  listUnsubscribeUrl: string | null;
}

/** What the send job needs of a row. */
export interface OutgoingMail {
  id: string;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  listUnsubscribeUrl: string | null;
  status: string;
  attempts: number;
  template: string;
}

export class InvalidNotificationCursorError extends Error {}

const cursors = newestFirstCursor('notifications');

type Row = {
  id: string;
  eventId: string;
  recipient: string;
  template: string;
  status: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  skipReason: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

const listColumns = { id: true, eventId: true, recipient: true, template: true, status: true, subject: true, attempts: true, lastError: true, skipReason: true, createdAt: true, sentAt: true } as const;

function toNotification(row: Row): Notification {
  return {
    id: row.id,
    eventId: row.eventId,
    recipient: row.recipient,
    template: row.template as NotificationTemplate,
    subject: row.subject,
    status: row.status as NotificationStatus,
    attempts: row.attempts,
    lastError: row.lastError,
    skipReason: row.skipReason,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/** The notification rows (notifications.notification). */
/** What a sent mail whose body is not kept shows instead. */
export const BODY_NOT_KEPT = '(not kept after sending: it held a one-use sign-in link)';

export class NotificationRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Writes the rows that do not exist yet (the unique key is event, recipient, template) and
   * answers the ids of the pending ones written now: those, and only those, get a send job.
   */
  async insertNew(tx: Tx, rows: readonly NewNotification[], now: Date): Promise<string[]> {
    if (rows.length === 0) return [];
    const existing = await tx.notification.findMany({
      where: { OR: rows.map((r) => ({ eventId: r.eventId, recipient: r.recipient, template: r.template })) },
      select: { eventId: true, recipient: true, template: true },
    });
    const seen = new Set(existing.map((r) => `${r.eventId}|${r.recipient}|${r.template}`));
    const fresh = rows.filter((r) => !seen.has(`${r.eventId}|${r.recipient}|${r.template}`));
    await tx.notification.createMany({ data: fresh.map((r) => ({ ...r, createdAt: now, updatedAt: now })), skipDuplicates: true });
    return fresh.filter((r) => r.status === 'pending').map((r) => r.id);
  }

  async outgoing(id: string): Promise<OutgoingMail | null> {
    return this.prisma.notification.findUnique({
      where: { id },
      select: { id: true, recipient: true, subject: true, textBody: true, htmlBody: true, listUnsubscribeUrl: true, status: true, attempts: true, template: true },
    });
  }

  /** `dropBody`: the stored subject stays, the bodies are replaced by a note (see keepsBodyAfterSending). */
  async markSent(id: string, now: Date, options: { dropBody?: boolean } = {}): Promise<void> {
    await this.prisma.notification.updateMany({
      where: { id, status: 'pending' },
      data: {
        status: 'sent',
        sentAt: now,
        updatedAt: now,
        attempts: { increment: 1 },
        lastError: null,
        ...(options.dropBody ? { textBody: BODY_NOT_KEPT, htmlBody: `<p>${BODY_NOT_KEPT}</p>` } : {}),
      },
    });
  }

  /** One failed attempt; `final` dead-letters it (status failed). */
  async markAttemptFailed(id: string, error: string, final: boolean, now: Date): Promise<void> {
    await this.prisma.notification.updateMany({
      where: { id, status: 'pending' },
      data: { attempts: { increment: 1 }, lastError: error.slice(0, 1000), updatedAt: now, ...(final ? { status: 'failed' } : {}) },
    });
  }

  /** A failed mail back to pending (admin retry); false when it is not failed. */
  async requeueFailed(id: string, now: Date): Promise<boolean> {
    const { count } = await this.prisma.notification.updateMany({ where: { id, status: 'failed' }, data: { status: 'pending', updatedAt: now } });
    return count === 1;
  }

  async get(id: string): Promise<Notification | null> {
    const row = await this.prisma.notification.findUnique({ where: { id }, select: listColumns });
    return row ? toNotification(row) : null;
  }

  /** Pending rows last touched before `before` (their job may never have been queued). */
  async stalePending(before: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.notification.findMany({
      where: { status: 'pending', updatedAt: { lt: before } },
      orderBy: { createdAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async list(filter: { status?: NotificationStatus; template?: NotificationTemplate; limit: number; cursor?: string }): Promise<{ items: Notification[]; nextCursor: string | null }> {
    let after;
    if (filter.cursor) {
      after = cursors.decode(filter.cursor);
      if (!after) throw new InvalidNotificationCursorError('cursor does not belong to this listing');
    }
    const rows = await this.prisma.notification.findMany({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.template ? { template: filter.template } : {}),
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: filter.limit + 1,
      select: listColumns,
    });
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      items: page.map(toNotification),
      nextCursor: rows.length > filter.limit && last ? cursors.encode({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  async optedOut(emails: readonly string[]): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const rows = await this.prisma.marketingOptOut.findMany({ where: { email: { in: [...emails] } }, select: { email: true } });
    return new Set(rows.map((r) => r.email));
  }

  async optOut(email: string, now: Date): Promise<void> {
    await this.prisma.marketingOptOut.createMany({ data: [{ email, createdAt: now }], skipDuplicates: true });
  }
}
