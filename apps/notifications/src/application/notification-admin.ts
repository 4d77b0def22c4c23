import type { AdminListNotificationsQuery, Clock, Notification, NotificationPage } from '@shop/contracts';
import { Failed, FailureCode } from '@shop/contracts';
import { conflict, notFound } from '@shop/service-kit';
import { InvalidNotificationCursorError, type NotificationRepository } from '../adapters/notification.repository.js';

/** What admins see of the notifications and the one thing they may do: retry a dead-lettered mail. */
export class NotificationAdmin {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly queue: { requeue(id: string): Promise<void> },
    private readonly clock: Clock,
  ) {}

  async list(query: AdminListNotificationsQuery): Promise<NotificationPage> {
    try {
      return await this.notifications.list(query);
    } catch (err) {
      if (err instanceof InvalidNotificationCursorError) throw Failed.of(FailureCode.INVALID_CURSOR, err.message);
      throw err;
    }
  }

  /** A failed mail gets a fresh job with every attempt again; 409 when it is not failed. */
  async retry(id: string): Promise<Notification> {
    const current = await this.notifications.get(id);
    if (!current) throw notFound(`notification ${id} does not exist`);
    if (!(await this.notifications.requeueFailed(id, this.clock.now()))) {
      throw conflict(FailureCode.CONFLICT, `notification ${id} is ${current.status}; only failed notifications can be retried`);
    }
    await this.queue.requeue(id);
    return (await this.notifications.get(id))!;
  }
}
