import { Controller, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { AdminFlashSalesQuery, CreateFlashSaleBody, UpdateFlashSaleBody, type AdminFlashSalePage, type FlashSale } from '@shop/contracts';
import { CurrentCaller, RequireCaller, ZodBody, ZodParam, ZodQuery, type Caller } from '@shop/service-kit';
import { FlashSaleService } from '../application/flash-sale-service.js';

/** Merchant-side flash sales: admins only (checked by the gateway and again here). */
@Controller('api/admin/flash-sales')
@RequireCaller('admin')
export class AdminFlashSalesController {
  constructor(@Inject(FlashSaleService) private readonly sales: FlashSaleService) {}

  @Post()
  @HttpCode(201)
  create(@ZodBody(CreateFlashSaleBody) body: CreateFlashSaleBody): Promise<FlashSale> {
    return this.sales.create(body);
  }

  @Get()
  list(@ZodQuery(AdminFlashSalesQuery) query: AdminFlashSalesQuery): Promise<AdminFlashSalePage> {
    return this.sales.adminList(query);
  }

  @Get(':id')
  get(@ZodParam('id', z.uuid()) id: string): Promise<FlashSale> {
    return this.sales.adminGet(id);
  }

  @Patch(':id')
  update(@ZodParam('id', z.uuid()) id: string, @ZodBody(UpdateFlashSaleBody) body: UpdateFlashSaleBody): Promise<FlashSale> {
    return this.sales.update(id, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@ZodParam('id', z.uuid()) id: string): Promise<FlashSale> {
    return this.sales.cancel(id);
  }

  /** The emergency stop of an open sale; idempotent (a stopped sale is answered as it is). */
  @Post(':id/stop')
  @HttpCode(200)
  stop(@CurrentCaller('admin') caller: Caller, @ZodParam('id', z.uuid()) id: string): Promise<FlashSale> {
    return this.sales.stop(id, caller.userId);
  }
}
