import { Controller, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { CreateFlashSaleBody, UpdateFlashSaleBody, type FlashSale } from '@shop/contracts';
import { RequireCaller, ZodBody, ZodParam } from '@shop/service-kit';
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
  list(): Promise<{ items: FlashSale[] }> {
    return this.sales.adminList();
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
}
