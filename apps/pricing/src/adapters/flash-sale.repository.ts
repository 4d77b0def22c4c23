import type { EventEnvelope } from '@shop/contracts';
import { appendToOutbox } from '@shop/messaging';
import { withTransaction, type Prisma, type PrismaClient, type Tx } from '@shop/persistence';
import type { FlashSalePrice, FlashSalePrices } from '../application/price-inputs.js';
import type { FlashSaleStore, NewFlashSale, SaleChange, SaleStop, SkuSales, StopEvents } from '../application/flash-sale-store.js';
import { PRICING_SOURCE } from '../application/pricing-source.js';
import type { FlashSaleRecord, SaleTerms } from '../domain/flash-sale.js';

type Row = Prisma.FlashSaleGetPayload<object>;

/** First key of this table's advisory locks (the second is a hash of the SKU). */
const SKU_LOCK = 0x666c7368; // 'flsh'
/** Another first key for the limit reconciler: it holds its lock across an HTTP call, writers must not wait for it. */
const SKU_SYNC_LOCK = 0x666c7379; // 'flsy'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Flash sales in `pricing.flash_sale`; each change writes its event to the outbox in the same transaction. */
export class FlashSaleRepository implements FlashSaleStore, FlashSalePrices {
  constructor(private readonly prisma: PrismaClient) {}

  async insert(sale: NewFlashSale, event: (sale: FlashSaleRecord) => EventEnvelope) {
    return withTransaction(this.prisma, async (tx) => {
      await lockSku(tx, sale.sku);
      const other = await overlapping(tx, sale.sku, sale, null);
      if (other) return { kind: 'overlap' as const, otherId: other };
      const row = await tx.flashSale.create({
        data: {
          id: sale.id,
          sku: sale.sku,
          ...termsData(sale),
          createdAt: sale.at,
          updatedAt: sale.at,
        },
      });
      const record = toRecord(row);
      await appendToOutbox(tx, event(record), PRICING_SOURCE);
      return { kind: 'created' as const, sale: record };
    });
  }

  async update(id: string, expectedVersion: number, terms: SaleTerms, at: Date, event: (sale: FlashSaleRecord) => EventEnvelope): Promise<SaleChange> {
    if (!UUID.test(id)) return { kind: 'not_found' };
    return withTransaction(this.prisma, async (tx) => {
      await lockSku(tx, terms.sku);
      const other = await overlapping(tx, terms.sku, terms, id);
      if (other) return { kind: 'overlap', otherId: other };
      return this.changeScheduled(tx, id, expectedVersion, at, { ...termsData(terms) }, event);
    });
  }

  async cancel(id: string, expectedVersion: number, at: Date, event: (sale: FlashSaleRecord) => EventEnvelope): Promise<SaleChange> {
    if (!UUID.test(id)) return { kind: 'not_found' };
    return withTransaction(this.prisma, (tx) => this.changeScheduled(tx, id, expectedVersion, at, { cancelledAt: at }, event));
  }

  async stop(id: string, at: Date, by: string, events: StopEvents): Promise<SaleStop> {
    if (!UUID.test(id)) return { kind: 'not_found' };
    return withTransaction(this.prisma, async (tx) => {
      // The row lock orders two stops (and a stop and a change) of the same sale: the second reads it stopped.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM pricing.flash_sale WHERE id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) return { kind: 'not_found' };
      const before = toRecord(await tx.flashSale.findUniqueOrThrow({ where: { id } }));
      if (before.stoppedAt) return { kind: 'already_stopped', sale: before };
      if (before.cancelledAt || before.endedAt || at.getTime() < before.startsAt.getTime() || at.getTime() >= before.endsAt.getTime()) {
        return { kind: 'not_live', sale: before };
      }
      if (!before.startedAt) {
        // The sweep had not emitted the start yet: it comes first, so consumers see started, then ended.
        const started = toRecord(await tx.flashSale.update({ where: { id }, data: { startedAt: before.startsAt } }));
        await appendToOutbox(tx, events.started(started), PRICING_SOURCE);
      }
      const stopped = toRecord(
        await tx.flashSale.update({
          where: { id },
          data: { endsAt: at, endedAt: at, stoppedAt: at, stoppedBy: by, plannedEndsAt: before.endsAt, updatedAt: at },
        }),
      );
      await appendToOutbox(tx, events.ended(stopped), PRICING_SOURCE);
      return { kind: 'stopped', sale: stopped };
    });
  }

  /** The change applies only to a sale still scheduled at `at` and unchanged since it was read. */
  private async changeScheduled(
    tx: Tx,
    id: string,
    expectedVersion: number,
    at: Date,
    data: Prisma.FlashSaleUpdateManyMutationInput,
    event: (sale: FlashSaleRecord) => EventEnvelope,
  ): Promise<SaleChange> {
    const { count } = await tx.flashSale.updateMany({
      where: { id, version: expectedVersion, cancelledAt: null, startsAt: { gt: at } },
      data: { ...data, version: expectedVersion + 1, updatedAt: at },
    });
    if (count !== 1) return (await tx.flashSale.count({ where: { id } })) === 0 ? { kind: 'not_found' } : { kind: 'not_scheduled' };
    const record = toRecord(await tx.flashSale.findUniqueOrThrow({ where: { id } }));
    await appendToOutbox(tx, event(record), PRICING_SOURCE);
    return { kind: 'changed', sale: record };
  }

  async find(id: string): Promise<FlashSaleRecord | null> {
    if (!UUID.test(id)) return null;
    const row = await this.prisma.flashSale.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  async pendingOfSku(sku: string, at: Date): Promise<FlashSaleRecord[]> {
    const rows = await this.prisma.flashSale.findMany({ where: { sku, cancelledAt: null, endsAt: { gt: at } }, orderBy: { startsAt: 'asc' } });
    return rows.map(toRecord);
  }

  async listPage(limit: number, after: { startsAt: Date; id: string } | null): Promise<FlashSaleRecord[]> {
    // Keyset: the rows after the cursor in (starts_at desc, id asc) order; an index range scan at any depth.
    const where = after ? { OR: [{ startsAt: { lt: after.startsAt } }, { startsAt: after.startsAt, id: { gt: after.id } }] } : {};
    const rows = await this.prisma.flashSale.findMany({ where, orderBy: [{ startsAt: 'desc' }, { id: 'asc' }], take: limit });
    return rows.map(toRecord);
  }

  async listEndingAfter(since: Date, limit: number): Promise<FlashSaleRecord[]> {
    const rows = await this.prisma.flashSale.findMany({
      where: { cancelledAt: null, endsAt: { gt: since } },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map(toRecord);
  }

  async openOrUpcomingOfSkus(skus: readonly string[], at: Date): Promise<FlashSaleRecord[]> {
    if (skus.length === 0) return [];
    const rows = await this.prisma.flashSale.findMany({
      where: { sku: { in: [...skus] }, cancelledAt: null, endsAt: { gt: at } },
      orderBy: [{ sku: 'asc' }, { startsAt: 'asc' }],
    });
    return rows.map(toRecord);
  }

  /** FlashSalePrices (the quote's port): one query for all the quote's SKUs. */
  async forSkus(skus: readonly string[], at: Date): Promise<FlashSalePrice[]> {
    return (await this.openOrUpcomingOfSkus(skus, at)).map(toPrice);
  }

  /** PendingFlashSales (what the quote's cache holds): every sale not cancelled and not over at `at`. */
  async pendingAt(at: Date): Promise<FlashSalePrice[]> {
    const rows = await this.prisma.flashSale.findMany({ where: { cancelledAt: null, endsAt: { gt: at } }, orderBy: [{ sku: 'asc' }, { startsAt: 'asc' }] });
    return rows.map((row) => toPrice(toRecord(row)));
  }

  async recordLifeEvent(id: string, kind: 'started' | 'ended' | 'sold_out', at: Date, event: (sale: FlashSaleRecord) => EventEnvelope): Promise<boolean> {
    const column = kind === 'started' ? 'startedAt' : kind === 'ended' ? 'endedAt' : 'soldOutAt';
    return withTransaction(this.prisma, async (tx) => {
      // The conditional update is what makes the event once-only, whoever else sweeps at the same time.
      const { count } = await tx.flashSale.updateMany({ where: { id, cancelledAt: null, [column]: null }, data: { [column]: at } });
      if (count !== 1) return false;
      const record = toRecord(await tx.flashSale.findUniqueOrThrow({ where: { id } }));
      await appendToOutbox(tx, event(record), PRICING_SOURCE);
      return true;
    });
  }

  async recordFigures(id: string, unitsTaken: number, unitsRemaining: number): Promise<void> {
    await this.prisma.flashSale.updateMany({ where: { id }, data: { lastUnitsTaken: unitsTaken, lastUnitsRemaining: unitsRemaining } });
  }

  async dueForLifeEvents(at: Date): Promise<FlashSaleRecord[]> {
    const rows = await this.prisma.flashSale.findMany({
      where: { cancelledAt: null, OR: [{ startedAt: null, startsAt: { lte: at } }, { endedAt: null, endsAt: { lte: at } }] },
      orderBy: { startsAt: 'asc' },
      take: 500,
    });
    return rows.map(toRecord);
  }

  async skusToReconcile(at: Date): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ sku: string }[]>`
      SELECT DISTINCT sku FROM pricing.flash_sale
      WHERE (cancelled_at IS NULL AND ends_at > ${at} AND limit_applied_version IS DISTINCT FROM version)
         OR ((cancelled_at IS NOT NULL OR stopped_at IS NOT NULL) AND limit_applied_version IS NOT NULL)
      LIMIT 500`;
    return rows.map((r) => r.sku);
  }

  async openNotSoldOut(at: Date): Promise<FlashSaleRecord[]> {
    const rows = await this.prisma.flashSale.findMany({
      where: { cancelledAt: null, soldOutAt: null, startsAt: { lte: at }, endsAt: { gt: at } },
      take: 500,
    });
    return rows.map(toRecord);
  }

  async nextBoundaryAfter(at: Date): Promise<Date | null> {
    const rows = await this.prisma.$queryRaw<{ next: Date | null }[]>`
      SELECT LEAST(
        (SELECT min(starts_at) FROM pricing.flash_sale WHERE cancelled_at IS NULL AND starts_at > ${at}),
        (SELECT min(ends_at) FROM pricing.flash_sale WHERE cancelled_at IS NULL AND ends_at > ${at})
      ) AS next`;
    return rows[0]?.next ?? null;
  }

  async withSkuLock<T>(sku: string, fn: (sales: SkuSales) => Promise<T>): Promise<T> {
    // A transaction-scoped lock: it cannot outlive a crashed process. Waiting for it (not trying)
    // matters: a sweep that read the SKU's sales before a new one committed must not make the
    // request that created it skip its own reconcile. Long enough for the HTTP calls.
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SET LOCAL lock_timeout = '5s'`;
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SKU_SYNC_LOCK}::int4, hashtext(${sku}))`;
        const rows = await tx.flashSale.findMany({ where: { sku }, orderBy: { startsAt: 'asc' } });
        return fn({
          sales: rows.map(toRecord),
          markApplied: async (id, version) => {
            await tx.flashSale.updateMany({ where: { sku, id: { not: id }, limitAppliedVersion: { not: null } }, data: { limitAppliedVersion: null } });
            await tx.flashSale.updateMany({ where: { id }, data: { limitAppliedVersion: version } });
          },
          markRemoved: async (id) => {
            await tx.flashSale.updateMany({ where: { id }, data: { limitAppliedVersion: null } });
          },
        });
      },
      { timeout: 15_000, maxWait: 5_000 },
    );
  }
}

/** Serializes the overlap check and the write per SKU (two racing schedules of one SKU). */
async function lockSku(tx: Tx, sku: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SKU_LOCK}::int4, hashtext(${sku}))`;
}

async function overlapping(tx: Tx, sku: string, window: { startsAt: Date; endsAt: Date }, except: string | null): Promise<string | null> {
  const other = await tx.flashSale.findFirst({
    where: { sku, cancelledAt: null, startsAt: { lt: window.endsAt }, endsAt: { gt: window.startsAt }, ...(except ? { id: { not: except } } : {}) },
    select: { id: true },
  });
  return other?.id ?? null;
}

function termsData(terms: SaleTerms) {
  return {
    saleAmount: terms.salePrice.amount,
    currency: terms.salePrice.currency,
    units: terms.units,
    perCustomerLimit: terms.perCustomerLimit,
    startsAt: terms.startsAt,
    endsAt: terms.endsAt,
  };
}

function toRecord(row: Row): FlashSaleRecord {
  return {
    id: row.id,
    sku: row.sku,
    salePrice: { amount: row.saleAmount, currency: row.currency },
    units: row.units,
    perCustomerLimit: row.perCustomerLimit,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    version: row.version,
    cancelledAt: row.cancelledAt,
    limitAppliedVersion: row.limitAppliedVersion,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    soldOutAt: row.soldOutAt,
    stoppedAt: row.stoppedAt,
    stoppedBy: row.stoppedBy,
    plannedEndsAt: row.plannedEndsAt,
    lastUnitsTaken: row.lastUnitsTaken,
    lastUnitsRemaining: row.lastUnitsRemaining,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toPrice(sale: FlashSaleRecord): FlashSalePrice {
  return { flashSaleId: sale.id, sku: sale.sku, price: sale.salePrice, startsAt: sale.startsAt, endsAt: sale.endsAt };
}
