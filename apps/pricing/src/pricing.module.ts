import { Module, type DynamicModule } from '@nestjs/common';
import { httpModule } from '@shop/service-kit';
import { CouponService } from './application/coupon-service.js';
import { FlashSaleService } from './application/flash-sale-service.js';
import { AdminFlashSalesController } from './http/admin-flash-sales.controller.js';
import { FlashSalesController } from './http/flash-sales.controller.js';
import { AdminCouponsController } from './http/admin-coupons.controller.js';
import { InternalCouponsController } from './http/internal-coupons.controller.js';
import { PricingAdmin } from './application/pricing-admin.js';
import { QuoteService } from './application/quote-service.js';
import { AdminPriceListsController, AdminPromotionsController, AdminScheduledPricesController } from './http/admin-pricing.controllers.js';
import { InternalQuotesController } from './http/internal-quotes.controller.js';
import { QuotesController } from './http/quotes.controller.js';

export interface PricingModuleDeps {
  quotes: QuoteService;
  admin: PricingAdmin;
  coupons: CouponService;
  flashSales: FlashSaleService;
}

/** The pricing HTTP surface; its collaborators come from the composition root (pricing-app.ts). */
@Module({})
export class PricingModule {
  static forRoot(deps: PricingModuleDeps): DynamicModule {
    return httpModule(
      PricingModule,
      [QuotesController, InternalQuotesController, AdminPriceListsController, AdminScheduledPricesController, AdminPromotionsController, AdminCouponsController, InternalCouponsController, FlashSalesController, AdminFlashSalesController],
      [
        [QuoteService, deps.quotes],
        [PricingAdmin, deps.admin],
        [CouponService, deps.coupons],
        [FlashSaleService, deps.flashSales],
      ],
    );
  }
}
