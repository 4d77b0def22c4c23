import { Controller, Get, Header, Inject } from '@nestjs/common';
import { z } from 'zod';
import type { FlashSaleAnswer, FlashSaleList } from '@shop/contracts';
import { ZodParam } from '@shop/service-kit';
import { FlashSaleService } from '../application/flash-sale-service.js';

/** Shoppers' view of flash sales (public): live units and the server's time, never cached by a CDN. */
@Controller('api/flash-sales')
export class FlashSalesController {
  constructor(@Inject(FlashSaleService) private readonly sales: FlashSaleService) {}

  @Get()
  @Header('cache-control', 'no-store')
  list(): Promise<FlashSaleList> {
    return this.sales.publicList();
  }

  @Get(':id')
  @Header('cache-control', 'no-store')
  get(@ZodParam('id', z.uuid()) id: string): Promise<FlashSaleAnswer> {
    return this.sales.publicGet(id);
  }
}
