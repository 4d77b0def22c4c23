import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@shop/contracts';
import type { PrismaClient } from '@shop/persistence';
import { httpModule } from '@shop/service-kit';
import { FlashSaleService } from './application/flash-sale-service.js';
import { AdminFlashSalesController } from './http/admin-flash-sales.controller.js';
import { FlashSalesController } from './http/flash-sales.controller.js';

export interface PricingModuleDeps {
  prisma: PrismaClient;
  clock: Clock;
  flashSales: FlashSaleService;
}

/** The pricing HTTP surface; its collaborators come from the composition root (pricing-app.ts). */
@Module({})
export class PricingModule {
  static forRoot(deps: PricingModuleDeps): DynamicModule {
    return httpModule(PricingModule, [FlashSalesController, AdminFlashSalesController], [[FlashSaleService, deps.flashSales]]);
  }
}
