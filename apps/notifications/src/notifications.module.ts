import { Module, type DynamicModule } from '@nestjs/common';
import { httpModule } from '@shop/service-kit';
import { NotificationAdmin } from './application/notification-admin.js';
import { PasswordResetMails } from './application/password-reset-mails.js';
import { Subscriptions } from './application/subscriptions.js';
import { Unsubscriptions } from './application/unsubscriptions.js';
import { AdminNotificationsController } from './http/admin-notifications.controller.js';
import { PasswordResetMailsController } from './http/password-reset-mails.controller.js';
import { SubscriptionsController } from './http/subscriptions.controller.js';
import { PUBLIC_URLS, type PublicUrls, UnsubscribeController } from './http/unsubscribe.controller.js';

export interface NotificationsModuleDeps {
  admin: NotificationAdmin;
  subscriptions: Subscriptions;
  unsubscriptions: Unsubscriptions;
  passwordResetMails: PasswordResetMails;
  publicUrls: PublicUrls;
}

/** The notifications HTTP surface; its collaborators come from the composition root (notifications-app.ts). */
@Module({})
export class NotificationsModule {
  static forRoot(deps: NotificationsModuleDeps): DynamicModule {
    return httpModule(
      NotificationsModule,
      // The unsubscribe route is more specific than the subscriptions controller's: registered first.
      [UnsubscribeController, SubscriptionsController, AdminNotificationsController, PasswordResetMailsController],
      [
        [NotificationAdmin, deps.admin],
        [Subscriptions, deps.subscriptions],
        [Unsubscriptions, deps.unsubscriptions],
        [PasswordResetMails, deps.passwordResetMails],
        [PUBLIC_URLS, deps.publicUrls],
      ],
    );
  }
}
