import { randomUUID } from 'node:crypto';
import {
  ENDS_BEFORE_START,
  Failed,
  FailureCode,
  newestFirstCursor,
  type AdminPriceListsQuery,
  type Clock,
  type NewestFirstCursor,
  type CreatePriceListBody,
  type CreatePromotionBody,
  type CreateScheduledPriceBody,
  type PriceList,
  type PriceListEntriesBody,
  type PriceListEntriesQuery,
  type PriceListEntriesWritten,
  type PriceListEntryPage,
  type PriceListPage,
  type Promotion,
  type ScheduledPrice,
  type UpdatePriceListBody,
  type UpdatePromotionBody,
} from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { notFound } from '@shop/service-kit';
import type { ProductPrices } from './price-inputs.js';
import type { PricingAdminStore } from './pricing-admin-store.js';
import type { PricingChangeSignal } from './pricing-rules.js';
import { twinOf } from '../domain/promotion-twins.js';

/** The price lists' cursor: the creation time and id of a page's last list (the listing's sort key). */
const PRICE_LIST_CURSOR = newestFirstCursor('admin-price-lists');

export interface PricingAdminDeps {
  store: PricingAdminStore;
  products: ProductPrices;
  signal: PricingChangeSignal;
  /** Drops this instance's hot prices at once (other instances follow the change signal). */
  onChanged: () => void;
  clock: Clock;
  logger: Logger;
}

/** Merchants' price lists, scheduled prices and promotions; every write announces a price change. */
export class PricingAdmin {
  constructor(private readonly deps: PricingAdminDeps) {}

  async createPriceList(body: CreatePriceListBody): Promise<PriceList> {
    return this.changed(await this.deps.store.createPriceList(randomUUID(), body, this.deps.clock.now()));
  }

  /** One keyset page of the price lists, oldest first; 400 INVALID_CURSOR for a cursor not of this listing. */
  async priceLists(query: AdminPriceListsQuery): Promise<PriceListPage> {
    let after: NewestFirstCursor | null = null;
    if (query.cursor) {
      after = PRICE_LIST_CURSOR.decode(query.cursor) ?? null;
      if (!after) throw Failed.of(FailureCode.INVALID_CURSOR, 'cursor is not one of this listing', { field: 'cursor', reason: 'not a cursor of this listing' });
    }
    const rows = await this.deps.store.priceLists(query.limit + 1, after);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > query.limit && last ? PRICE_LIST_CURSOR.encode({ createdAt: new Date(last.createdAt), id: last.id }) : null };
  }

  async priceList(id: string): Promise<PriceList> {
    return found(await this.deps.store.priceList(id), 'price list', id);
  }

  async updatePriceList(id: string, body: UpdatePriceListBody): Promise<PriceList> {
    const current = await this.priceList(id);
    assertWindow(body.startsAt === undefined ? current.startsAt : body.startsAt, body.endsAt === undefined ? current.endsAt : body.endsAt);
    return this.changed(found(await this.deps.store.updatePriceList(id, body, this.deps.clock.now()), 'price list', id));
  }

  async deletePriceList(id: string): Promise<void> {
    if (!(await this.deps.store.deletePriceList(id, this.deps.clock.now()))) throw notFound(`no price list ${id}`, { id });
    await this.changed(null);
  }

  async putEntries(id: string, body: PriceListEntriesBody): Promise<PriceListEntriesWritten> {
    return this.changed(found(await this.deps.store.putEntries(id, body.entries, this.deps.clock.now()), 'price list', id));
  }

  async entries(id: string, query: PriceListEntriesQuery): Promise<PriceListEntryPage> {
    return found(await this.deps.store.entries(id, query), 'price list', id);
  }

  async deleteEntry(id: string, sku: string): Promise<void> {
    if (!(await this.deps.store.deleteEntry(id, sku, this.deps.clock.now()))) throw notFound(`price list ${id} has no entry for ${sku}`, { id, sku });
    await this.changed(null);
  }

  /** A SKU's sale price in its list currency, so it is known to pricing first (400 naming the field otherwise). */
  async createScheduledPrice(body: CreateScheduledPriceBody): Promise<ScheduledPrice> {
    const product = (await this.deps.products.bySkus([body.sku])).get(body.sku);
    if (!product) throw Failed.of(FailureCode.VALIDATION_FAILED, 'Invalid request', [{ field: 'sku', reason: 'matches no product in the catalog: create the product first, or check the spelling' }]);
    if (product.listPrice.currency !== body.price.currency) {
      throw Failed.of(FailureCode.VALIDATION_FAILED, 'Invalid request', [{ field: 'price.currency', reason: `must be the SKU's currency ${product.listPrice.currency}` }]);
    }
    return this.changed(await this.deps.store.createScheduledPrice(randomUUID(), body, this.deps.clock.now()));
  }

  scheduledPrices(sku: string | undefined): Promise<ScheduledPrice[]> {
    return this.deps.store.scheduledPrices({ sku, endingAfter: this.deps.clock.now() });
  }

  async scheduledPrice(id: string): Promise<ScheduledPrice> {
    return found(await this.deps.store.scheduledPrice(id), 'scheduled price', id);
  }

  async deleteScheduledPrice(id: string): Promise<void> {
    if (!(await this.deps.store.deleteScheduledPrice(id, this.deps.clock.now()))) throw notFound(`no scheduled price ${id}`, { id });
    await this.changed(null);
  }

  async createPromotion(body: CreatePromotionBody): Promise<Promotion> {
    const offer = { target: body.target, benefit: body.benefit, minSubtotal: body.minSubtotal ?? null, startsAt: body.startsAt ?? null, endsAt: body.endsAt ?? null };
    const result = await this.deps.store.createPromotion(randomUUID(), body, this.deps.clock.now(), (promotions) => (body.active ? twinOf(offer, promotions) : undefined));
    if ('twin' in result) throw twinRefusal(result.twin);
    return this.changed(result.created);
  }

  promotions(): Promise<Promotion[]> {
    return this.deps.store.promotions();
  }

  async promotion(id: string): Promise<Promotion> {
    return found(await this.deps.store.promotion(id), 'promotion', id);
  }

  async updatePromotion(id: string, body: UpdatePromotionBody): Promise<Promotion> {
    const current = await this.promotion(id);
    assertWindow(body.startsAt === undefined ? current.startsAt : body.startsAt, body.endsAt === undefined ? current.endsAt : body.endsAt);
    const result = found(
      await this.deps.store.updatePromotion(id, body, this.deps.clock.now(), (updated, promotions) => (updated.active ? twinOf(updated, promotions, id) : undefined)),
      'promotion',
      id,
    );
    if ('twin' in result) throw twinRefusal(result.twin);
    return this.changed(result.updated);
  }

  async deletePromotion(id: string): Promise<void> {
    if (!(await this.deps.store.deletePromotion(id))) throw notFound(`no promotion ${id}`, { id });
    await this.changed(null);
  }

  private async changed<T>(value: T): Promise<T> {
    this.deps.onChanged();
    try {
      await this.deps.signal.bump();
    } catch (err) {
      // Committed; other instances pick it up once Redis answers (their caches are bypassed meanwhile).
      this.deps.logger.warn({ err: (err as Error).message }, 'could not announce a price change');
    }
    return value;
  }
}

function found<T>(value: T | null, what: string, id: string): T {
  if (value === null) throw notFound(`no ${what} ${id}`, { id });
  return value;
}

/** 409 for a promotion that would duplicate an active one (promotion-twins.ts): it names that one. */
function twinRefusal(twin: Promotion): Failed {
  return Failed.of(
    FailureCode.CONFLICT,
    `The active promotion "${twin.name}" already gives this on the same products in an overlapping period. Promotions add up, so customers would get it twice: change or switch off that one instead.`,
    { field: 'benefit', promotionId: twin.id, promotionName: twin.name },
  );
}

function assertWindow(startsAt: string | null, endsAt: string | null): void {
  if (startsAt && endsAt && Date.parse(startsAt) >= Date.parse(endsAt)) {
    throw Failed.of(FailureCode.VALIDATION_FAILED, 'Invalid request', [{ field: 'endsAt', reason: ENDS_BEFORE_START }]);
  }
}
