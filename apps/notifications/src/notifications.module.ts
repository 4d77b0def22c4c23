import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@shop/contracts';
import { httpModule } from '@shop/service-kit';
import { NotificationRepository } from './adapters/notification.repository.js';
import { NotificationAdmin } from './application/notification-admin.js';
import { PasswordResetMails } from './application/password-reset-mails.js';
import { Subscriptions } from './application/subscriptions.js';
import { UnsubscribeTokens } from './domain/unsubscribe-token.js';
import { AdminNotificationsController } from './http/admin-notifications.controller.js';
import { PasswordResetMailsController } from './http/password-reset-mails.controller.js';
import { SubscriptionsController } from './http/subscriptions.controller.js';
import { CLOCK, SHOP_NAME, UnsubscribeController } from './http/unsubscribe.controller.js';

export interface NotificationsModuleDeps {
  admin: NotificationAdmin;
  subscriptions: Subscriptions;
  passwordResetMails: PasswordResetMails;
  notifications: NotificationRepository;
  tokens: UnsubscribeTokens;
  clock: Clock;
  shopName: string;
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
        [PasswordResetMails, deps.passwordResetMails],
        [NotificationRepository, deps.notifications],
        [UnsubscribeTokens, deps.tokens],
        [CLOCK, deps.clock],
        [SHOP_NAME, deps.shopName],
      ],
    );
  }
}
