import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { AdminListNotificationsQuery, Id, type Notification, type NotificationPage } from '@shop/contracts';
import { CurrentCaller, type Caller, ZodParam, ZodQuery } from '@shop/service-kit';
import { NotificationAdmin } from '../application/notification-admin.js';

/** The notifications admins see; the gateway admits admins only, and so does CurrentCaller. */
@Controller('api/admin/notifications')
export class AdminNotificationsController {
  constructor(@Inject(NotificationAdmin) private readonly admin: NotificationAdmin) {}

  /** Newest first: recipient, template, status, attempts, last error, created and sent times. */
  @Get()
  list(@CurrentCaller('admin') _caller: Caller, @ZodQuery(AdminListNotificationsQuery) query: AdminListNotificationsQuery): Promise<NotificationPage> {
    return this.admin.list(query);
  }

  /** A dead-lettered (failed) mail is queued again with every attempt; 409 for any other status. */
  @Post(':id/retry')
  @HttpCode(200)
  retry(@CurrentCaller('admin') _caller: Caller, @ZodParam('id', Id) id: string): Promise<Notification> {
    return this.admin.retry(id);
  }
}
