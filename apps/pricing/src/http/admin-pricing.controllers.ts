import { Controller, Delete, Get, HttpCode, Inject, Patch, Post, Put } from '@nestjs/common';
import {
  AdminPriceListsQuery,
  CreatePriceListBody,
  CreatePromotionBody,
  CreateScheduledPriceBody,
  Id,
  PriceListEntriesBody,
  PriceListEntriesQuery,
  ScheduledPricesQuery,
  Sku,
  UpdatePriceListBody,
  UpdatePromotionBody,
  type PriceList,
  type PriceListEntriesWritten,
  type PriceListEntryPage,
  type PriceListPage,
  type Promotion,
  type ScheduledPrice,
} from '@shop/contracts';
import { RequireCaller, ZodBody, ZodParam, ZodQuery } from '@shop/service-kit';
import { PricingAdmin } from '../application/pricing-admin.js';

/** Merchants' price lists: admins only (the gateway checks it, and so does this service). */
@Controller('api/admin/price-lists')
@RequireCaller('admin')
export class AdminPriceListsController {
  constructor(@Inject(PricingAdmin) private readonly admin: PricingAdmin) {}

  @Post()
  @HttpCode(201)
  create(@ZodBody(CreatePriceListBody) body: CreatePriceListBody): Promise<PriceList> {
    return this.admin.createPriceList(body);
  }

  @Get()
  list(@ZodQuery(AdminPriceListsQuery) query: AdminPriceListsQuery): Promise<PriceListPage> {
    return this.admin.priceLists(query);
  }

  @Get(':id')
  get(@ZodParam('id', Id) id: string): Promise<PriceList> {
    return this.admin.priceList(id);
  }

  @Patch(':id')
  update(@ZodParam('id', Id) id: string, @ZodBody(UpdatePriceListBody) body: UpdatePriceListBody): Promise<PriceList> {
    return this.admin.updatePriceList(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@ZodParam('id', Id) id: string): Promise<void> {
    await this.admin.deletePriceList(id);
  }

  /** Upserts up to 10,000 entries (amounts in the list's currency). */
  @Put(':id/entries')
  putEntries(@ZodParam('id', Id) id: string, @ZodBody(PriceListEntriesBody) body: PriceListEntriesBody): Promise<PriceListEntriesWritten> {
    return this.admin.putEntries(id, body);
  }

  @Get(':id/entries')
  entries(@ZodParam('id', Id) id: string, @ZodQuery(PriceListEntriesQuery) query: PriceListEntriesQuery): Promise<PriceListEntryPage> {
    return this.admin.entries(id, query);
  }

  @Delete(':id/entries/:sku')
  @HttpCode(204)
  async removeEntry(@ZodParam('id', Id) id: string, @ZodParam('sku', Sku) sku: string): Promise<void> {
    await this.admin.deleteEntry(id, sku);
  }
}

/** A SKU's sale price to the second: admins only. */
@Controller('api/admin/scheduled-prices')
@RequireCaller('admin')
export class AdminScheduledPricesController {
  constructor(@Inject(PricingAdmin) private readonly admin: PricingAdmin) {}

  @Post()
  @HttpCode(201)
  create(@ZodBody(CreateScheduledPriceBody) body: CreateScheduledPriceBody): Promise<ScheduledPrice> {
    return this.admin.createScheduledPrice(body);
  }

  /** Those not ended yet, by start; `?sku=` for one SKU's. */
  @Get()
  async list(@ZodQuery(ScheduledPricesQuery) query: ScheduledPricesQuery): Promise<{ items: ScheduledPrice[] }> {
    return { items: await this.admin.scheduledPrices(query.sku) };
  }

  @Get(':id')
  get(@ZodParam('id', Id) id: string): Promise<ScheduledPrice> {
    return this.admin.scheduledPrice(id);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@ZodParam('id', Id) id: string): Promise<void> {
    await this.admin.deleteScheduledPrice(id);
  }
}

/** Promotions: admins only. */
@Controller('api/admin/promotions')
@RequireCaller('admin')
export class AdminPromotionsController {
  constructor(@Inject(PricingAdmin) private readonly admin: PricingAdmin) {}

  @Post()
  @HttpCode(201)
  create(@ZodBody(CreatePromotionBody) body: CreatePromotionBody): Promise<Promotion> {
    return this.admin.createPromotion(body);
  }

  @Get()
  async list(): Promise<{ items: Promotion[] }> {
    return { items: await this.admin.promotions() };
  }

  @Get(':id')
  get(@ZodParam('id', Id) id: string): Promise<Promotion> {
    return this.admin.promotion(id);
  }

  @Patch(':id')
  update(@ZodParam('id', Id) id: string, @ZodBody(UpdatePromotionBody) body: UpdatePromotionBody): Promise<Promotion> {
    return this.admin.updatePromotion(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@ZodParam('id', Id) id: string): Promise<void> {
    await this.admin.deletePromotion(id);
  }
}
