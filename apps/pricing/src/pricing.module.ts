import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { httpModule } from '@shop/service-kit';
import { CouponService } from './application/coupon-service.js';
import { DemandPricing } from './application/demand-pricing.js';
import { FlashSaleService } from './application/flash-sale-service.js';
import { PricingAdmin } from './application/pricing-admin.js';
import { QuoteService } from './application/quote-service.js';
import { AdminCouponsController } from './http/admin-coupons.controller.js';
import { AdminDemandRulesController } from './http/admin-demand-rules.controller.js';
import { AdminFlashSalesController } from './http/admin-flash-sales.controller.js';
import { AdminPriceListsController, AdminPromotionsController, AdminScheduledPricesController } from './http/admin-pricing.controllers.js';
import { FlashSalesController } from './http/flash-sales.controller.js';
import { InternalCouponsController } from './http/internal-coupons.controller.js';
import { InternalQuotesController } from './http/internal-quotes.controller.js';
import { QuotesController } from './http/quotes.controller.js';
import { NaiveQuoteController } from './naive/naive-quote.controller.js';
import { NaiveQuoteService } from './naive/naive-quote.service.js';

export interface PricingModuleDeps {
  quotes: QuoteService;
  admin: PricingAdmin;
  flashSales: FlashSaleService;
  coupons: CouponService;
  demand: DemandPricing;
  /** The benchmark's baseline (PRICING_NAIVE_BASELINE=true only). */
  naive?: NaiveQuoteService | undefined;
}

/** The pricing HTTP surface; its collaborators come from the composition root (pricing-app.ts). */
@Module({})
export class PricingModule {
  static forRoot(deps: PricingModuleDeps): DynamicModule {
    const controllers: Type[] = [
      QuotesController,
      InternalQuotesController,
      AdminPriceListsController,
      AdminScheduledPricesController,
      AdminPromotionsController,
      FlashSalesController,
      AdminFlashSalesController,
      AdminCouponsController,
      InternalCouponsController,
      AdminDemandRulesController,
    ];
    const values: [unknown, unknown][] = [
      [QuoteService, deps.quotes],
      [PricingAdmin, deps.admin],
      [FlashSaleService, deps.flashSales],
      [CouponService, deps.coupons],
      [DemandPricing, deps.demand],
    ];
    if (deps.naive) {
      controllers.push(NaiveQuoteController);
      values.push([NaiveQuoteService, deps.naive]);
    }
    return httpModule(PricingModule, controllers, values as [Type, unknown][]);
  }
}
