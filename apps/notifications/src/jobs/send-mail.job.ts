import type { Job } from 'bullmq';
import type { Clock } from '@shop/contracts';
import { createQueue, createWorker, type ManagedQueue, type ManagedWorker } from '@shop/messaging';
import type { Logger } from '@shop/observability';
import type { MailTransport } from '../adapters/mail-transport.js';
import type { NotificationRepository } from '../adapters/notification.repository.js';
import type { SendQueue } from '../application/notification-intake.js';
import { isLastAttempt, keepsBodyAfterSending } from '../domain/notification-rules.js';

export const SEND_MAIL_QUEUE = 'notifications-send-mail';

export interface SendMailJob {
  notificationId: string;
}

export interface SendMailOptions {
  redisUrl: string;
  prefix: string;
  maxAttempts: number;
  backoffMs: number;
  concurrency?: number;
}

/** The send queue: one job per notification (jobId = its id), retried with exponential backoff. */
export class SendMailQueue implements SendQueue {
  private readonly managed: ManagedQueue<SendMailJob>;

  constructor(
    private readonly options: SendMailOptions,
    logger: Logger,
  ) {
    this.managed = createQueue<SendMailJob>(SEND_MAIL_QUEUE, {
      redisUrl: options.redisUrl,
      prefix: options.prefix,
      onError: (err) => logger.debug({ err: err.message }, 'send queue: redis error'),
    });
  }

  async enqueue(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.managed.queue.addBulk(
      ids.map((id) => ({
        name: 'send',
        data: { notificationId: id },
        opts: {
          jobId: id,
          attempts: this.options.maxAttempts,
          backoff: { type: 'exponential', delay: this.options.backoffMs },
          removeOnComplete: { count: 1000 },
          // Kept, so re-queuing a dead-lettered id is a no-op until an admin retries it.
          removeOnFail: { count: 10_000 },
        },
      })),
    );
  }

  /** An admin's retry of a dead-lettered mail: the failed job goes, a fresh one with all attempts comes. */
  async requeue(id: string): Promise<void> {
    await this.managed.queue.remove(id);
    await this.enqueue([id]);
  }

  close(): Promise<void> {
    return this.managed.close();
  }
}

/**
 * Sends one notification per job. A mail already sent (or no longer pending) is not sent again;
 * a transport failure records the attempt and throws so BullMQ retries it, and the last attempt
 * dead-letters it (status failed, listed for admins). The mail server may have accepted a mail
 * whose "sent" mark then failed to commit: that one is sent again (at least once at SMTP).
 */
export class SendMailWorker {
  private readonly managed: ManagedWorker<SendMailJob, void>;

  constructor(
    private readonly deps: { notifications: NotificationRepository; transport: MailTransport; clock: Clock; logger: Logger },
    options: SendMailOptions,
  ) {
    this.managed = createWorker<SendMailJob, void>(SEND_MAIL_QUEUE, (job) => this.process(job), {
      redisUrl: options.redisUrl,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 4,
      onError: (err) => deps.logger.debug({ err: err.message }, 'send worker: redis error'),
    });
  }

  private async process(job: Job<SendMailJob>): Promise<void> {
    const { notifications, transport, clock, logger } = this.deps;
    const mail = await notifications.outgoing(job.data.notificationId);
    if (!mail || mail.status !== 'pending') return;
    try {
      await transport.send({ id: mail.id, to: mail.recipient, subject: mail.subject, text: mail.textBody, html: mail.htmlBody, listUnsubscribeUrl: mail.listUnsubscribeUrl });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = isLastAttempt(job.attemptsMade + 1, job.opts.attempts ?? 1);
      await notifications.markAttemptFailed(mail.id, message, final, clock.now());
      logger.warn({ notificationId: mail.id, attempt: job.attemptsMade + 1, final, err: message }, final ? 'mail dead-lettered' : 'mail not sent; retrying');
      throw err;
    }
    await notifications.markSent(mail.id, clock.now(), { dropBody: !keepsBodyAfterSending(mail.template) });
  }

  close(): Promise<void> {
    return this.managed.close();
  }
}

/**
 * Re-queues pending notifications whose job may never have been queued (Redis was away when the
 * event was handled). Queuing an id that has a job already is a no-op (same jobId).
 */
export class PendingSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: { notifications: NotificationRepository; queue: SendQueue; clock: Clock; logger: Logger },
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweepOnce()
        .then(() => undefined)
        .catch((err: unknown) => this.deps.logger.warn({ err: String(err) }, 'pending sweep failed; next round retries'))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async sweepOnce(): Promise<number> {
    const before = new Date(this.deps.clock.now().getTime() - this.intervalMs);
    const ids = await this.deps.notifications.stalePending(before, 500);
    await this.deps.queue.enqueue(ids);
    return ids.length;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
