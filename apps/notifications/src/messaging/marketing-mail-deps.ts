import type { Clock } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import type { ProductDirectory } from '../adapters/product-directory.js';
import type { SubscriptionRepository } from '../adapters/subscription.repository.js';
import type { NotificationIntake } from '../application/notification-intake.js';

/** What a consumer that mails shoppers about a product (back in stock, a sale that opened) works with. */
export interface MarketingMailDeps {
  intake: NotificationIntake;
  subscriptions: SubscriptionRepository;
  /** Names the product when the mail is written. */
  products: ProductDirectory;
  clock: Clock;
  logger: Logger;
  storefrontUrl: string;
}
