import type { BackInStockSubscription, Clock, FlashSaleReminder, MySubscriptions } from '@shop/contracts';
import { notFound } from '@shop/service-kit';
import type { FlashSaleDirectory } from '../adapters/flash-sales-client.js';
import type { ProductDirectory } from '../adapters/product-directory.js';
import type { SubscriptionRepository } from '../adapters/subscription.repository.js';
import { isForSale } from '../domain/alerted-product.js';

/** A shopper's "remind me" and "notify me" requests; every one is idempotent. */
export class Subscriptions {
  constructor(
    private readonly repository: SubscriptionRepository,
    private readonly sales: FlashSaleDirectory,
    private readonly products: ProductDirectory,
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

  /**
   * 404 naming `sku` for a SKU the catalog does not sell (unknown, draft, archived): nothing would
   * ever mail it, so nothing is stored. When the catalog cannot be asked the lookup throws
   * UpstreamUnavailableError (503): the shopper is told to retry rather than told "done".
   */
  async watchSku(customerId: string, sku: string): Promise<BackInStockSubscription> {
    const variant = await this.products.variant(sku);
    if (!variant || !isForSale(variant)) throw notFound(`no product for sale has SKU ${sku}`, [{ field: 'sku', reason: 'is not the SKU of a product on sale' }]);
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
