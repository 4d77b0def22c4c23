import type { MySubscriptions } from '@shop/contracts';
import type { PrismaClient, Tx } from '@shop/persistence';

/** Sale reminders and back-in-stock subscriptions (notifications.flash_sale_reminder, back_in_stock_subscription). */
export class SubscriptionRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Idempotent: asking again keeps the first request (and re-arms one already used). */
  async remindOfSale(flashSaleId: string, customerId: string, now: Date): Promise<Date> {
    const row = await this.prisma.flashSaleReminder.upsert({
      where: { flashSaleId_customerId: { flashSaleId, customerId } },
      create: { flashSaleId, customerId, createdAt: now },
      update: { notifiedAt: null },
    });
    return row.createdAt;
  }

  async forgetSaleReminder(flashSaleId: string, customerId: string): Promise<void> {
    await this.prisma.flashSaleReminder.deleteMany({ where: { flashSaleId, customerId } });
  }

  async watchSku(sku: string, customerId: string, now: Date): Promise<Date> {
    const row = await this.prisma.backInStockSubscription.upsert({
      where: { sku_customerId: { sku, customerId } },
      create: { sku, customerId, createdAt: now },
      update: { notifiedAt: null },
    });
    return row.createdAt;
  }

  async unwatchSku(sku: string, customerId: string): Promise<void> {
    await this.prisma.backInStockSubscription.deleteMany({ where: { sku, customerId } });
  }

  /** Whether the customer's request for the SKU stands (waiting, or used by a mail and not stopped since). */
  /** The request stands: made, and not yet answered by its mail (a sent alert is done; asking again makes it stand again). */
  async watches(sku: string, customerId: string): Promise<boolean> {
    return (await this.prisma.backInStockSubscription.count({ where: { sku, customerId, notifiedAt: null } })) > 0;
  }

  async mine(customerId: string): Promise<MySubscriptions> {
    const [reminders, watches] = await Promise.all([
      this.prisma.flashSaleReminder.findMany({ where: { customerId, notifiedAt: null }, orderBy: { createdAt: 'asc' } }),
      this.prisma.backInStockSubscription.findMany({ where: { customerId, notifiedAt: null }, orderBy: { createdAt: 'asc' } }),
    ]);
    return {
      flashSaleReminders: reminders.map((r) => ({ flashSaleId: r.flashSaleId, createdAt: r.createdAt.toISOString() })),
      backInStock: watches.map((w) => ({ sku: w.sku, createdAt: w.createdAt.toISOString() })),
    };
  }

  /** Customers still waiting for this sale's start (not yet reminded). */
  async saleWaiters(flashSaleId: string): Promise<string[]> {
    const rows = await this.prisma.flashSaleReminder.findMany({ where: { flashSaleId, notifiedAt: null }, select: { customerId: true } });
    return rows.map((r) => r.customerId);
  }

  async skuWaiters(sku: string): Promise<string[]> {
    const rows = await this.prisma.backInStockSubscription.findMany({ where: { sku, notifiedAt: null }, select: { customerId: true } });
    return rows.map((r) => r.customerId);
  }

  /** Uses the reminders up; answers the customers whose reminder this call used (the others were used already). */
  async useSaleReminders(tx: Tx, flashSaleId: string, customerIds: readonly string[], now: Date): Promise<Set<string>> {
    return useUp(tx, 'flash_sale_reminder', 'flash_sale_id', flashSaleId, customerIds, now);
  }

  async useSkuSubscriptions(tx: Tx, sku: string, customerIds: readonly string[], now: Date): Promise<Set<string>> {
    return useUp(tx, 'back_in_stock_subscription', 'sku', sku, customerIds, now);
  }
}

/** One UPDATE … RETURNING: the rows this transaction used, never one a concurrent one used first. */
async function useUp(tx: Tx, table: 'flash_sale_reminder' | 'back_in_stock_subscription', keyColumn: 'flash_sale_id' | 'sku', key: string, customerIds: readonly string[], now: Date): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const keyCast = keyColumn === 'flash_sale_id' ? '::uuid' : '';
  const rows = await tx.$queryRawUnsafe<Array<{ customer_id: string }>>(
    `UPDATE notifications.${table} SET notified_at = $1
      WHERE ${keyColumn} = $2${keyCast} AND customer_id = ANY($3::uuid[]) AND notified_at IS NULL
      RETURNING customer_id::text`,
    now,
    key,
    [...customerIds],
  );
  return new Set(rows.map((r) => r.customer_id));
}
