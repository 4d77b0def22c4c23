import type { BackInStockSubscription, Clock, FlashSaleReminder, MySubscriptions } from '@shop/contracts';
import { notFound } from '@shop/service-kit';
import type { FlashSaleDirectory } from '../adapters/flash-sales-client.js';
import type { SubscriptionRepository } from '../adapters/subscription.repository.js';

/** A shopper's "remind me" and "notify me" requests; every one is idempotent. */
export class Subscriptions {
  constructor(
    private readonly repository: SubscriptionRepository,
    private readonly sales: FlashSaleDirectory,
    private readonly clock: Clock,
  ) {}

  /** 404 for a sale pricing does not know. */
  async remindOfSale(customerId: string, flashSaleId: string): Promise<FlashSaleReminder> {
    if (!(await this.sales.exists(flashSaleId))) throw notFound(`flash sale ${flashSaleId} does not exist`);
    const createdAt = await this.repository.remindOfSale(flashSaleId, customerId, this.clock.now());
    return { flashSaleId, createdAt: createdAt.toISOString() };
  }

  forgetSaleReminder(customerId: string, flashSaleId: string): Promise<void> {
    return this.repository.forgetSaleReminder(flashSaleId, customerId);
  }

  async watchSku(customerId: string, sku: string): Promise<BackInStockSubscription> {
    const createdAt = await this.repository.watchSku(sku, customerId, this.clock.now());
    return { sku, createdAt: createdAt.toISOString() };
  }

  unwatchSku(customerId: string, sku: string): Promise<void> {
    return this.repository.unwatchSku(sku, customerId);
  }

  mine(customerId: string): Promise<MySubscriptions> {
    return this.repository.mine(customerId);
  }
}
