import { randomUUID } from 'node:crypto';
import {
  Failed,
  FailureCode,
  FlashSaleCancelledV1,
  FlashSaleEndedV1,
  FlashSaleScheduledV1,
  FlashSaleSoldOutV1,
  FlashSaleStartedV1,
  type Clock,
  newestFirstCursor,
  type AdminFlashSalePage,
  type AdminFlashSalesQuery,
  type CreateFlashSaleBody,
  type EventEnvelope,
  type FieldIssue,
  type FlashSale,
  type FlashSaleAnswer,
  type FlashSaleList,
  type PublicFlashSale,
  type UpdateFlashSaleBody,
} from '@shop/contracts';
import { createEvent, type EventTypeDefinition } from '@shop/messaging';
import type { Logger } from '@shop/observability';
import { notFound, validationFailed } from '@shop/service-kit';
import {
  comparePublicSales,
  dueLifeEvents,
  eventVersion,
  flashSaleStatus,
  limitIsOf,
  limitToRemove,
  saleTermsIssues,
  saleToApply,
  stopDecision,
  unitsOf,
  windowPhase,
  type EngineLimit,
  type FlashSaleRecord,
  type SaleTerms,
} from '../domain/flash-sale.js';
import type { FlashSaleStore } from './flash-sale-store.js';
import type { InventorySales, LiveFigures, SaleFigures } from './inventory-sales.js';
import type { ProductPriceRecord, ProductPrices } from './price-inputs.js';
import { PRICING_SOURCE } from './pricing-source.js';
import { ShownSales } from './shown-sales.js';

export interface FlashSaleServiceDeps {
  store: FlashSaleStore;
  inventory: InventorySales;
  figures: SaleFigures & { forget(sku: string): void };
  products: ProductPrices;
  clock: Clock;
  logger: Logger;
  /**
   * Called after a sale was scheduled, changed or cancelled, once committed: the sweeper re-reads
   * the next start or end, and the quotes' cache of sale prices is told (awaited, so the answer
   * to the write comes after it).
   */
  onSalesChanged?: () => void | Promise<void>;
}

/** How far back the public list shows ended sales. */
const ENDED_SHOWN_MS = 24 * 60 * 60 * 1000;
const LIST_LIMIT = 200;
/** The admin list's cursor: the start and id of a page's last sale (the listing's sort key). */
const ADMIN_CURSOR = newestFirstCursor('admin-flash-sales');

/**
 * Flash sales: scheduling (which configures the inventory engine's sale limit of the SKU), the
 * admin and public views with the engine's live figures, and the sweep that emits the life
 * events at their instants and repairs the engine's limit when a call to it failed.
 */
export class FlashSaleService {
  /** The public sale page's sale and product, reused for a second (every waiting buyer polls it). */
  private readonly shown: ShownSales<{ sale: FlashSaleRecord; product: ShownProduct }>;

  constructor(private readonly d: FlashSaleServiceDeps) {
    this.shown = new ShownSales(d.clock, async (id) => {
      const sale = await d.store.find(id);
      if (!sale || sale.cancelledAt) return null;
      const product = (await d.products.bySkus([sale.sku])).get(sale.sku);
      return product ? { sale, product } : null;
    });
  }

  // --- admin -------------------------------------------------------------------------------

  async create(body: CreateFlashSaleBody): Promise<FlashSale> {
    const now = this.d.clock.now();
    const terms: SaleTerms = { ...body, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) };
    const product = await this.checkTerms(terms, now, null);
    const result = await this.d.store.insert({ ...terms, id: randomUUID(), at: now }, (sale) => this.event(FlashSaleScheduledV1, sale, now));
    if (result.kind === 'overlap') throw overlap(result.otherId);
    await this.reconcileNow(terms.sku);
    return this.adminView((await this.d.store.find(result.sale.id)) ?? result.sale, product, await this.liveOrNull(terms.sku));
  }

  /** Changes a scheduled sale (the engine's limit follows); 409 FLASH_SALE_NOT_SCHEDULED once it started or was cancelled. */
  async update(id: string, body: UpdateFlashSaleBody): Promise<FlashSale> {
    const now = this.d.clock.now();
    const sale = await this.scheduledSale(id, now);
    const terms: SaleTerms = {
      sku: sale.sku,
      salePrice: body.salePrice ?? sale.salePrice,
      units: body.units ?? sale.units,
      perCustomerLimit: body.perCustomerLimit ?? sale.perCustomerLimit,
      startsAt: body.startsAt ? new Date(body.startsAt) : sale.startsAt,
      endsAt: body.endsAt ? new Date(body.endsAt) : sale.endsAt,
    };
    const product = await this.checkTerms(terms, now, sale.id);
    const change = await this.d.store.update(id, sale.version, terms, now, (s) => this.event(FlashSaleScheduledV1, s, now));
    const changed = this.changed(id, change);
    await this.reconcileNow(sale.sku);
    return this.adminView(changed, product, await this.liveOrNull(sale.sku));
  }

  /** Cancels a scheduled sale; the engine's limit is removed. */
  async cancel(id: string): Promise<FlashSale> {
    const now = this.d.clock.now();
    const sale = await this.scheduledSale(id, now);
    const change = await this.d.store.cancel(id, sale.version, now, (s) => this.event(FlashSaleCancelledV1, s, now));
    const changed = this.changed(id, change);
    await this.reconcileNow(sale.sku);
    const products = await this.d.products.bySkus([sale.sku]);
    return this.adminView(changed, products.get(sale.sku) ?? null, null);
  }

  /**
   * The merchant's emergency stop of an open sale (live or sold out): it ends now (its ended event
   * once, through the outbox), the sale price is no longer quoted, and the engine's limit is
   * removed. Stopping a stopped sale answers it unchanged; any other status is 409
   * FLASH_SALE_NOT_LIVE (a scheduled sale is cancelled instead).
   */
  async stop(id: string, by: string): Promise<FlashSale> {
    const now = this.d.clock.now();
    const sale = await this.d.store.find(id);
    if (!sale) throw notFound(`no flash sale ${id}`);
    const decision = stopDecision(sale, now);
    if (decision.kind === 'not_live') throw notLive(id, decision.status);
    if (decision.kind === 'stop') await this.keepFinalFigures(sale);
    const result = await this.d.store.stop(id, now, by, {
      started: (s) => this.event(FlashSaleStartedV1, s, s.startsAt),
      ended: (s) => this.event(FlashSaleEndedV1, s, now),
    });
    if (result.kind === 'not_found') throw notFound(`no flash sale ${id}`);
    if (result.kind === 'not_live') throw notLive(id, flashSaleStatus(result.sale, now, null));
    // Also after an earlier stop: its limit removal may have failed then (the sweep retries too).
    await this.reconcileNow(sale.sku);
    const stopped = (await this.d.store.find(id)) ?? result.sale;
    const products = await this.d.products.bySkus([sale.sku]);
    return this.adminView(stopped, products.get(sale.sku) ?? null, null);
  }

  async adminGet(id: string): Promise<FlashSale> {
    const sale = await this.d.store.find(id);
    if (!sale) throw notFound(`no flash sale ${id}`);
    const products = await this.d.products.bySkus([sale.sku]);
    return this.adminView(sale, products.get(sale.sku) ?? null, await this.liveOrNull(sale.sku));
  }

  /** One keyset page of every sale, latest start first; 400 INVALID_CURSOR for a cursor not of this listing. */
  async adminList(query: AdminFlashSalesQuery): Promise<AdminFlashSalePage> {
    let after: { startsAt: Date; id: string } | null = null;
    if (query.cursor) {
      const decoded = ADMIN_CURSOR.decode(query.cursor);
      if (!decoded) throw Failed.of(FailureCode.INVALID_CURSOR, 'cursor is not one of this listing', { field: 'cursor', reason: 'not a cursor of this listing' });
      after = { startsAt: decoded.createdAt, id: decoded.id };
    }
    const rows = await this.d.store.listPage(query.limit + 1, after);
    const sales = rows.slice(0, query.limit);
    const [products, figures] = await Promise.all([this.d.products.bySkus(sales.map((s) => s.sku)), this.figuresOf(sales)]);
    const last = sales.at(-1);
    return {
      items: sales.map((s) => this.adminView(s, products.get(s.sku) ?? null, figures.get(s.sku) ?? null)),
      nextCursor: rows.length > query.limit && last ? ADMIN_CURSOR.encode({ createdAt: last.startsAt, id: last.id }) : null,
    };
  }

  // --- public --------------------------------------------------------------------------------

  /** Open and upcoming sales first, then those that ended in the last day; cancelled ones never. */
  async publicList(): Promise<FlashSaleList> {
    const now = this.d.clock.now();
    const sales = await this.d.store.listEndingAfter(new Date(now.getTime() - ENDED_SHOWN_MS), LIST_LIMIT);
    const [products, figures] = await Promise.all([this.d.products.bySkus(sales.map((s) => s.sku)), this.figuresOf(sales)]);
    const items = sales
      .flatMap((s) => {
        const product = products.get(s.sku);
        // A sale of a product pricing no longer knows has nothing to show a shopper.
        return product ? [this.publicView(s, product, figures.get(s.sku) ?? null, now)] : [];
      })
      .sort((a, b) => comparePublicSales(asWindow(a), asWindow(b)));
    return { serverTime: now.toISOString(), items };
  }

  async publicGet(id: string): Promise<FlashSaleAnswer> {
    const now = this.d.clock.now();
    const shown = await this.shown.get(id);
    // A cancelled sale, or one of a product pricing no longer knows, has nothing to show.
    if (!shown) throw notFound(`no flash sale ${id}`);
    const { sale, product } = shown;
    const figures = windowPhase(sale, now) === 'after' ? null : await this.liveOrNull(sale.sku);
    return { ...this.publicView(sale, product, figures, now), serverTime: now.toISOString() };
  }

  // --- the sweep -----------------------------------------------------------------------------

  /**
   * One pass: life events due now (each recorded once, whoever else sweeps), sell-outs seen in
   * the engine's figures, then every SKU whose engine limit is not what its sales want.
   */
  async sweep(): Promise<void> {
    const now = this.d.clock.now();
    for (const sale of await this.d.store.dueForLifeEvents(now)) {
      for (const kind of dueLifeEvents(sale, now)) {
        if (kind === 'ended') await this.keepFinalFigures(sale);
        const at = kind === 'started' ? sale.startsAt : sale.endsAt;
        const definition = kind === 'started' ? FlashSaleStartedV1 : FlashSaleEndedV1;
        await this.d.store.recordLifeEvent(sale.id, kind, at, (s) => this.event(definition, s, at));
        this.shown.forgetAll();
      }
    }
    for (const sale of await this.d.store.openNotSoldOut(now)) await this.checkSoldOut(sale, now);
    for (const sku of await this.d.store.skusToReconcile(now)) {
      await this.reconcile(sku).catch((err: unknown) => this.d.logger.warn({ err, sku }, 'flash sale: the inventory sale limit could not be set; retrying on the next sweep'));
    }
  }

  /** The next instant a sale starts or ends, for the sweeper's timer. */
  nextBoundary(): Promise<Date | null> {
    return this.d.store.nextBoundaryAfter(this.d.clock.now());
  }

  /** Inventory says the sale's allocation ran out (its event): recorded once, with its event. */
  async soldOutReported(sku: string): Promise<void> {
    const now = this.d.clock.now();
    this.d.figures.forget(sku);
    for (const sale of await this.d.store.openNotSoldOut(now)) if (sale.sku === sku) await this.checkSoldOut(sale, now);
  }

  /**
   * Makes the engine hold the limit the SKU's sales want: a cancelled or stopped sale's limit removed, then
   * the earliest sale not ended (the engine keeps one per SKU) applied at its current version.
   * Both calls are idempotent, and the stored state changes only after inventory answered, so a
   * crash anywhere leaves work the next sweep redoes.
   */
  async reconcile(sku: string): Promise<void> {
    await this.d.store.withSkuLock(sku, async (skuSales) => {
      const now = this.d.clock.now();
      for (const sale of skuSales.sales) {
        if (limitToRemove(sale)) {
          await this.d.inventory.removeLimit(sku);
          await skuSales.markRemoved(sale.id);
        }
      }
      const target = saleToApply(skuSales.sales, now);
      if (target && target.limitAppliedVersion !== target.version) {
        await this.d.inventory.applyLimit(sku, { perCustomer: target.perCustomerLimit, units: target.units, startsAt: target.startsAt, endsAt: target.endsAt });
        await skuSales.markApplied(target.id, target.version);
      }
    });
    this.shown.forgetAll();
    this.d.figures.forget(sku);
  }

  // --- helpers -------------------------------------------------------------------------------

  /** The world-dependent checks of new terms; answers the SKU's product. 400 naming each field. */
  private async checkTerms(terms: SaleTerms, now: Date, selfId: string | null): Promise<ProductPriceRecord | null> {
    const [products, available, pending] = await Promise.all([
      this.d.products.bySkus([terms.sku]),
      this.d.inventory.available(terms.sku),
      this.d.store.pendingOfSku(terms.sku, now),
    ]);
    const product = products.get(terms.sku) ?? null;
    const issues = saleTermsIssues(terms, {
      now,
      listPrice: product?.listPrice ?? null,
      available,
      otherSales: pending.filter((s) => s.id !== selfId),
    });
    if (issues.length > 0) throw validationFailed(issues);
    return product;
  }

  private async scheduledSale(id: string, now: Date): Promise<FlashSaleRecord> {
    const sale = await this.d.store.find(id);
    if (!sale) throw notFound(`no flash sale ${id}`);
    if (flashSaleStatus(sale, now, null) !== 'scheduled') throw notScheduled(id, flashSaleStatus(sale, now, null));
    return sale;
  }

  private changed(id: string, change: Awaited<ReturnType<FlashSaleStore['update']>>): FlashSaleRecord {
    switch (change.kind) {
      case 'changed':
        return change.sale;
      case 'not_found':
        throw notFound(`no flash sale ${id}`);
      case 'not_scheduled':
        throw notScheduled(id, 'changed meanwhile');
      case 'overlap':
        throw overlap(change.otherId);
    }
  }

  /** Right after a change: set the engine's limit now; if inventory does not answer, the sweep does it later. */
  private async reconcileNow(sku: string): Promise<void> {
    this.shown.forgetAll();
    await this.d.onSalesChanged?.();
    await this.reconcile(sku).catch((err: unknown) => this.d.logger.warn({ err, sku }, 'flash sale: the inventory sale limit will be set by the sweep'));
  }

  private async liveOrNull(sku: string): Promise<LiveFigures | null> {
    return this.d.figures.read(sku).catch(() => null);
  }

  /**
   * The engine's figures of the SKUs whose sales may have some (not ended, or held in the engine).
   * A SKU inventory cannot answer for (and with no answer cached) is left out: its sale shows the
   * figures the sweep last recorded, so one unreachable partition never fails the whole list.
   */
  private async figuresOf(sales: readonly FlashSaleRecord[]): Promise<Map<string, LiveFigures>> {
    const now = this.d.clock.now();
    const skus = [...new Set(sales.filter((s) => !s.cancelledAt && windowPhase(s, now) !== 'after').map((s) => s.sku))];
    const answers = await Promise.all(skus.map(async (sku) => [sku, await this.liveOrNull(sku)] as const));
    return new Map(answers.flatMap(([sku, f]) => (f ? [[sku, f] as const] : [])));
  }

  private async keepFinalFigures(sale: FlashSaleRecord): Promise<void> {
    const live = await this.liveOrNull(sale.sku);
    const limit = live?.figures ?? null;
    if (limitIsOf(sale, limit)) await this.d.store.recordFigures(sale.id, limit.unitsTaken, Math.max(0, limit.unitsRemaining));
    this.shown.forgetAll();
  }

  private async checkSoldOut(sale: FlashSaleRecord, now: Date): Promise<void> {
    const live = await this.liveOrNull(sale.sku);
    const limit = live?.figures ?? null;
    if (!live || live.stale || !limitIsOf(sale, limit)) return;
    await this.d.store.recordFigures(sale.id, limit.unitsTaken, Math.max(0, limit.unitsRemaining));
    if (limit.unitsRemaining <= 0) await this.d.store.recordLifeEvent(sale.id, 'sold_out', now, (s) => this.event(FlashSaleSoldOutV1, s, now));
    this.shown.forgetAll();
  }

  private publicView(sale: FlashSaleRecord, product: ShownProduct, live: LiveFigures | null, now: Date): PublicFlashSale {
    const limit: EngineLimit | null = live?.figures ?? null;
    const units = unitsOf(sale, limit, now);
    const known = limitIsOf(sale, limit) && !live?.stale;
    return {
      id: sale.id,
      sku: sale.sku,
      productSlug: product.productSlug,
      title: product.title,
      image: product.image,
      listPrice: product.listPrice,
      salePrice: sale.salePrice,
      unitsTotal: sale.units,
      unitsRemaining: units.remaining,
      perCustomerLimit: sale.perCustomerLimit,
      startsAt: sale.startsAt.toISOString(),
      endsAt: sale.endsAt.toISOString(),
      status: flashSaleStatus(sale, now, known ? units.remaining : null),
    };
  }

  private adminView(sale: FlashSaleRecord, product: ProductPriceRecord | null, live: LiveFigures | null): FlashSale {
    const now = this.d.clock.now();
    const units = unitsOf(sale, live?.figures ?? null, now);
    // A product the catalog no longer has: the sale is still the merchant's to see.
    const shown: ShownProduct = product ?? { productSlug: '', title: sale.sku, image: null, listPrice: sale.salePrice };
    return {
      ...this.publicView(sale, shown, live, now),
      createdAt: sale.createdAt.toISOString(),
      cancelledAt: sale.cancelledAt?.toISOString() ?? null,
      stoppedAt: sale.stoppedAt?.toISOString() ?? null,
      stoppedBy: sale.stoppedBy,
      plannedEndsAt: sale.plannedEndsAt?.toISOString() ?? null,
      unitsSold: units.taken,
    };
  }

  private event<T extends string>(definition: EventTypeDefinition<T>, sale: FlashSaleRecord, at: Date): EventEnvelope {
    return createEvent(definition, {
      aggregateId: sale.id,
      version: eventVersion(sale),
      source: PRICING_SOURCE,
      occurredAt: at,
      payload: {
        flashSaleId: sale.id,
        sku: sale.sku,
        salePrice: sale.salePrice,
        units: sale.units,
        perCustomerLimit: sale.perCustomerLimit,
        startsAt: sale.startsAt.toISOString(),
        endsAt: sale.endsAt.toISOString(),
      },
    });
  }
}

/** What a sale shows of its product. */
type ShownProduct = Pick<ProductPriceRecord, 'productSlug' | 'title' | 'image' | 'listPrice'>;

function asWindow(s: PublicFlashSale) {
  return { status: s.status, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) };
}

function overlap(otherId: string): Failed {
  const issue: FieldIssue = { field: 'startsAt', reason: `overlaps flash sale ${otherId} of the same SKU` };
  return validationFailed([issue]);
}

function notLive(id: string, status: string): Failed {
  return Failed.of(FailureCode.FLASH_SALE_NOT_LIVE, `flash sale ${id} can only be stopped while open (it is ${status})`, { id, status });
}

function notScheduled(id: string, status: string): Failed {
  return Failed.of(FailureCode.FLASH_SALE_NOT_SCHEDULED, `flash sale ${id} can only change while scheduled (it is ${status})`, { id, status });
}
