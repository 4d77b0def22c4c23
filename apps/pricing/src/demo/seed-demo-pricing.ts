import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@shop/persistence';

/**
 * Demo pricing for `npm start`: a welcome coupon and a flash sale that opens a couple of minutes
 * after the start, so a first-time user sees the countdown, the sale opening and the sale price
 * without scheduling anything. The sale is written as pricing's own row; the pricing service's
 * sweep then configures the inventory engine (allocation and per-customer limit) as it does for a
 * sale an admin schedules. Tooling: it reads the catalog's and inventory's tables to pick a SKU,
 * which the pricing service itself never does.
 */
export const DEMO_COUPON = 'WELCOME10';
const SALE_UNITS = 20;
const SALE_LIMIT_PER_CUSTOMER = 2;
const SALE_OPENS_AFTER_MS = 2 * 60_000;
const SALE_LASTS_MS = 2 * 60 * 60_000;

export interface DemoPricingResult {
  coupon: 'created' | 'kept';
  sale: { sku: string; startsAt: Date; created: boolean } | null;
}

export async function seedDemoPricing(prisma: PrismaClient, now = new Date()): Promise<DemoPricingResult> {
  const couponRows = await prisma.$executeRaw`
    INSERT INTO pricing.coupon (code, discount, usage_limit, per_customer_limit, active, used, held, created_at, updated_at)
    VALUES (${DEMO_COUPON}, ${JSON.stringify({ percentOff: 10 })}::jsonb, 1000, 1, true, 0, 0, ${now}, ${now})
    ON CONFLICT (code) DO NOTHING`;

  // A sale that has not ended yet is kept (a restart must not reschedule a live sale).
  const open = await prisma.$queryRaw<{ sku: string; starts_at: Date }[]>`
    SELECT sku, starts_at FROM pricing.flash_sale WHERE cancelled_at IS NULL AND ends_at > ${now} ORDER BY starts_at LIMIT 1`;
  if (open[0]) return { coupon: couponRows > 0 ? 'created' : 'kept', sale: { sku: open[0].sku, startsAt: open[0].starts_at, created: false } };

  // The first active, well-stocked SKU with no sale of its own: the same one on every machine.
  const candidates = await prisma.$queryRaw<{ sku: string; price_amount: number; currency: string }[]>`
    SELECT v.sku, v.price_amount, v.currency
      FROM catalog.variant v
      JOIN catalog.product p ON p.id = v.product_id
      JOIN inventory.stock s ON s.sku = v.sku
     WHERE p.status = 'active' AND s.on_hand - s.reserved - s.committed >= ${SALE_UNITS} AND v.price_amount >= 200
       AND NOT EXISTS (SELECT 1 FROM pricing.flash_sale f WHERE f.sku = v.sku AND f.ends_at > ${now})
     ORDER BY v.sku
     LIMIT 1`;
  const pick = candidates[0];
  if (!pick) return { coupon: couponRows > 0 ? 'created' : 'kept', sale: null };

  const startsAt = new Date(Math.ceil((now.getTime() + SALE_OPENS_AFTER_MS) / 1000) * 1000);
  const endsAt = new Date(startsAt.getTime() + SALE_LASTS_MS);
  const saleAmount = Math.floor(pick.price_amount / 2);
  await prisma.$executeRaw`
    INSERT INTO pricing.flash_sale (id, sku, sale_amount, currency, units, per_customer_limit, starts_at, ends_at, created_at, updated_at)
    VALUES (${randomUUID()}::uuid, ${pick.sku}, ${saleAmount}, ${pick.currency}, ${SALE_UNITS}, ${SALE_LIMIT_PER_CUSTOMER}, ${startsAt}, ${endsAt}, ${now}, ${now})`;
  return { coupon: couponRows > 0 ? 'created' : 'kept', sale: { sku: pick.sku, startsAt, created: true } };
}
