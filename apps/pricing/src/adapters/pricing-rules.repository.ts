import {
  PriceChangedV1,
  PromotionBenefit,
  PromotionTarget,
  type CreatePriceListBody,
  type CreatePromotionBody,
  type CreateScheduledPriceBody,
  type PriceList,
  type PriceListEntriesQuery,
  type PriceListEntryPage,
  type Promotion,
  type ScheduledPrice,
  type UpdatePriceListBody,
  type UpdatePromotionBody,
} from '@shop/contracts';
import { appendToOutbox, createEvent } from '@shop/messaging';
import type { Prisma, PrismaClient } from '@shop/persistence';
import type { PricingAdminStore, TwinCheck } from '../application/pricing-admin-store.js';
import type { PricingRulesSource, SkuRules } from '../application/pricing-rules.js';
import { PRICING_SOURCE } from '../application/pricing-source.js';
import type { PromotionRule } from '../domain/promotion-engine.js';

type PriceListRow = Prisma.PriceListGetPayload<{ include: { _count: { select: { entries: true } } } }>;
type PromotionRow = Prisma.PromotionGetPayload<object>;
type ScheduledRow = Prisma.ScheduledPriceGetPayload<object>;

const withCount = { _count: { select: { entries: true } } } as const;
const date = (iso: string | null | undefined) => (iso === undefined ? undefined : iso === null ? null : new Date(iso));
const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Stacking order (as the engine runs them), capped: an admin's list, and what a twin is looked for in. */
const PROMOTION_ORDER = { orderBy: [{ priority: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }], take: 5000 } satisfies Prisma.PromotionFindManyArgs;

/** SKUs named per `pricing.price.changed.v1` (a price list's change names all its entries' SKUs). */
const SKUS_PER_PRICE_EVENT = 1000;

/**
 * Appends `pricing.price.changed.v1` for `skus` to the outbox in the caller's transaction: what
 * they cost for some shopper may have changed (search re-reads their prices). Nothing for no SKUs.
 */
async function announcePriceChange(tx: Prisma.TransactionClient, aggregateId: string, skus: readonly string[], reason: string, at: Date): Promise<void> {
  const unique = [...new Set(skus)];
  for (let i = 0; i < unique.length; i += SKUS_PER_PRICE_EVENT) {
    const event = createEvent(PriceChangedV1, {
      aggregateId,
      version: 1,
      payload: { skus: unique.slice(i, i + SKUS_PER_PRICE_EVENT), reason },
      source: PRICING_SOURCE,
      occurredAt: at,
    });
    await appendToOutbox(tx, event, PRICING_SOURCE);
  }
}

async function entrySkus(tx: Prisma.TransactionClient, priceListId: string): Promise<string[]> {
  return (await tx.priceListEntry.findMany({ where: { priceListId }, select: { sku: true } })).map((e) => e.sku);
}

/** Promotion writes that look for twins run one at a time: else two could both find none. */
async function lockPromotionWrites(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('pricing.promotion-writes'))`;
}

/** Price lists, their entries, scheduled prices and promotions in the `pricing` schema. */
export class PricingRulesRepository implements PricingRulesSource, PricingAdminStore {
  constructor(private readonly prisma: PrismaClient) {}

  // --- what quotes read

  async skuRules(skus: readonly string[], at: Date): Promise<Map<string, SkuRules>> {
    const list = [...skus];
    const [entries, scheduled] = await Promise.all([
      this.prisma.priceListEntry.findMany({ where: { sku: { in: list }, priceList: { OR: [{ endsAt: null }, { endsAt: { gt: at } }] } }, include: { priceList: true } }),
      this.prisma.scheduledPrice.findMany({ where: { sku: { in: list }, endsAt: { gt: at } } }),
    ]);
    const out = new Map<string, SkuRules>();
    const of = (sku: string) => {
      let rules = out.get(sku);
      if (!rules) out.set(sku, (rules = { priceLists: [], scheduled: [] }));
      return rules;
    };
    for (const e of entries) {
      const l = e.priceList;
      of(e.sku).priceLists.push({
        priceListId: l.id,
        priority: l.priority,
        customerGroup: l.customerGroup,
        currency: l.currency,
        amount: e.amount,
        startsAt: l.startsAt,
        endsAt: l.endsAt,
        createdAt: l.createdAt,
      });
    }
    for (const s of scheduled) of(s.sku).scheduled.push({ id: s.id, amount: s.amount, currency: s.currency, startsAt: s.startsAt, endsAt: s.endsAt, createdAt: s.createdAt });
    return out;
  }

  async livePromotions(at: Date): Promise<PromotionRule[]> {
    const rows = await this.prisma.promotion.findMany({ where: { active: true, OR: [{ endsAt: null }, { endsAt: { gt: at } }] } });
    return rows.map((row) => {
      const p = toPromotion(row);
      return {
        ...p,
        minSubtotal: p.minSubtotal,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        createdAt: row.createdAt,
      };
    });
  }

  // --- price lists

  async createPriceList(id: string, body: CreatePriceListBody, at: Date): Promise<PriceList> {
    const row = await this.prisma.priceList.create({
      data: {
        id,
        name: body.name,
        currency: body.currency,
        customerGroup: body.customerGroup ?? null,
        priority: body.priority,
        startsAt: date(body.startsAt) ?? null,
        endsAt: date(body.endsAt) ?? null,
        createdAt: at,
      },
      include: withCount,
    });
    return toPriceList(row);
  }

  async priceLists(limit: number, after: { createdAt: Date; id: string } | null): Promise<PriceList[]> {
    const where = after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {};
    const rows = await this.prisma.priceList.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: withCount, take: limit });
    return rows.map(toPriceList);
  }

  async priceList(id: string): Promise<PriceList | null> {
    const row = await this.prisma.priceList.findUnique({ where: { id }, include: withCount });
    return row ? toPriceList(row) : null;
  }

  async updatePriceList(id: string, body: UpdatePriceListBody, at: Date): Promise<PriceList | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.priceList.updateMany({
        where: { id },
        data: { name: body.name, customerGroup: body.customerGroup, priority: body.priority, startsAt: date(body.startsAt), endsAt: date(body.endsAt) },
      });
      if (count === 0) return null;
      // A new name prices nothing differently; a window, priority or group may.
      const repriced = [body.customerGroup, body.priority, body.startsAt, body.endsAt].some((v) => v !== undefined);
      if (repriced) await announcePriceChange(tx, id, await entrySkus(tx, id), 'price list changed', at);
      return toPriceList(await tx.priceList.findUniqueOrThrow({ where: { id }, include: withCount }));
    });
  }

  async deletePriceList(id: string, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const skus = await entrySkus(tx, id);
      const { count } = await tx.priceList.deleteMany({ where: { id } });
      if (count > 0) await announcePriceChange(tx, id, skus, 'price list deleted', at);
      return count > 0;
    });
  }

  async putEntries(id: string, entries: ReadonlyArray<{ sku: string; amount: number }>, at: Date): Promise<{ written: number; entryCount: number } | null> {
    return this.prisma.$transaction(async (tx) => {
      // The list row is locked so a concurrent delete cannot leave entries behind.
      const lists = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM pricing.price_list WHERE id = ${id}::uuid FOR UPDATE`;
      if (lists.length === 0) return null;
      const written = await tx.$executeRaw`
        INSERT INTO pricing.price_list_entry (price_list_id, sku, amount)
        SELECT ${id}::uuid, e.sku, e.amount FROM unnest(${entries.map((e) => e.sku)}::text[], ${entries.map((e) => e.amount)}::int[]) AS e(sku, amount)
        ON CONFLICT (price_list_id, sku) DO UPDATE SET amount = EXCLUDED.amount`;
      const entryCount = await tx.priceListEntry.count({ where: { priceListId: id } });
      await announcePriceChange(tx, id, entries.map((e) => e.sku), 'price list entries written', at);
      return { written, entryCount };
    });
  }

  async entries(id: string, query: PriceListEntriesQuery): Promise<PriceListEntryPage | null> {
    if (!(await this.prisma.priceList.findUnique({ where: { id }, select: { id: true } }))) return null;
    const rows = await this.prisma.priceListEntry.findMany({
      where: { priceListId: id, ...(query.cursor ? { sku: { gt: query.cursor } } : {}) },
      orderBy: { sku: 'asc' },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return { items: page.map((r) => ({ sku: r.sku, amount: r.amount })), nextCursor: rows.length > query.limit ? page[page.length - 1]!.sku : null };
  }

  async deleteEntry(id: string, sku: string, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.priceListEntry.deleteMany({ where: { priceListId: id, sku } });
      if (count > 0) await announcePriceChange(tx, id, [sku], 'price list entry deleted', at);
      return count > 0;
    });
  }

  // --- scheduled prices

  async createScheduledPrice(id: string, body: CreateScheduledPriceBody, at: Date): Promise<ScheduledPrice> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.scheduledPrice.create({
        data: { id, sku: body.sku, amount: body.price.amount, currency: body.price.currency, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt), createdAt: at },
      });
      await announcePriceChange(tx, id, [body.sku], 'scheduled price created', at);
      return toScheduled(row);
    });
  }

  async scheduledPrices(filter: { sku?: string; endingAfter: Date }): Promise<ScheduledPrice[]> {
    const rows = await this.prisma.scheduledPrice.findMany({
      where: { endsAt: { gt: filter.endingAfter }, ...(filter.sku ? { sku: filter.sku } : {}) },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: 1000,
    });
    return rows.map(toScheduled);
  }

  async scheduledPrice(id: string): Promise<ScheduledPrice | null> {
    const row = await this.prisma.scheduledPrice.findUnique({ where: { id } });
    return row ? toScheduled(row) : null;
  }

  async deleteScheduledPrice(id: string, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const deleted = await tx.$queryRaw<{ sku: string }[]>`DELETE FROM pricing.scheduled_price WHERE id = ${id}::uuid RETURNING sku`;
      if (deleted.length > 0) await announcePriceChange(tx, id, [deleted[0]!.sku], 'scheduled price deleted', at);
      return deleted.length > 0;
    });
  }

  // --- promotions

  async createPromotion(id: string, body: CreatePromotionBody, at: Date, twin: TwinCheck): Promise<{ created: Promotion } | { twin: Promotion }> {
    return this.prisma.$transaction(async (tx) => {
      await lockPromotionWrites(tx);
      const found = twin((await tx.promotion.findMany(PROMOTION_ORDER)).map(toPromotion));
      if (found) return { twin: found };
      const row = await tx.promotion.create({
        data: {
          id,
          name: body.name,
          target: body.target as Prisma.InputJsonValue,
          benefit: body.benefit as Prisma.InputJsonValue,
          minSubtotalAmount: body.minSubtotal?.amount ?? null,
          minSubtotalCurrency: body.minSubtotal?.currency ?? null,
          startsAt: date(body.startsAt) ?? null,
          endsAt: date(body.endsAt) ?? null,
          priority: body.priority,
          exclusive: body.exclusive,
          active: body.active,
          createdAt: at,
          updatedAt: at,
        },
      });
      return { created: toPromotion(row) };
    });
  }

  async promotions(): Promise<Promotion[]> {
    const rows = await this.prisma.promotion.findMany(PROMOTION_ORDER);
    return rows.map(toPromotion);
  }

  async promotion(id: string): Promise<Promotion | null> {
    const row = await this.prisma.promotion.findUnique({ where: { id } });
    return row ? toPromotion(row) : null;
  }

  async updatePromotion(
    id: string,
    body: UpdatePromotionBody,
    at: Date,
    twin: (updated: Promotion, promotions: readonly Promotion[]) => Promotion | undefined,
  ): Promise<{ updated: Promotion } | { twin: Promotion } | null> {
    return this.prisma.$transaction(async (tx) => {
      await lockPromotionWrites(tx);
      const promotions = (await tx.promotion.findMany(PROMOTION_ORDER)).map(toPromotion);
      const current = promotions.find((p) => p.id === id);
      if (!current) return null;
      const updated: Promotion = {
        ...current,
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.startsAt === undefined ? {} : { startsAt: body.startsAt === null ? null : new Date(body.startsAt).toISOString() }),
        ...(body.endsAt === undefined ? {} : { endsAt: body.endsAt === null ? null : new Date(body.endsAt).toISOString() }),
        ...(body.priority === undefined ? {} : { priority: body.priority }),
        ...(body.exclusive === undefined ? {} : { exclusive: body.exclusive }),
        ...(body.active === undefined ? {} : { active: body.active }),
      };
      const found = twin(updated, promotions);
      if (found) return { twin: found };
      const row = await tx.promotion.update({
        where: { id },
        data: { name: body.name, startsAt: date(body.startsAt), endsAt: date(body.endsAt), priority: body.priority, exclusive: body.exclusive, active: body.active, updatedAt: at },
      });
      return { updated: toPromotion(row) };
    });
  }

  async deletePromotion(id: string): Promise<boolean> {
    const { count } = await this.prisma.promotion.deleteMany({ where: { id } });
    return count > 0;
  }
}

function toPriceList(row: PriceListRow): PriceList {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    customerGroup: row.customerGroup,
    priority: row.priority,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    entryCount: row._count.entries,
    createdAt: row.createdAt.toISOString(),
  };
}

function toScheduled(row: ScheduledRow): ScheduledPrice {
  return {
    id: row.id,
    sku: row.sku,
    price: { amount: row.amount, currency: row.currency },
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

function toPromotion(row: PromotionRow): Promotion {
  return {
    id: row.id,
    name: row.name,
    // Written from the same contracts; parsed so a hand-edited row cannot reach the engine malformed.
    target: PromotionTarget.parse(row.target),
    benefit: PromotionBenefit.parse(row.benefit),
    minSubtotal: row.minSubtotalAmount !== null && row.minSubtotalCurrency !== null ? { amount: row.minSubtotalAmount, currency: row.minSubtotalCurrency } : null,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    priority: row.priority,
    exclusive: row.exclusive,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}
