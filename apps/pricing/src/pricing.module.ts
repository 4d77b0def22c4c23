import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { httpModule } from '@shop/service-kit';
import { DemandPricing } from './application/demand-pricing.js';
import { PricingAdmin } from './application/pricing-admin.js';
import { QuoteService } from './application/quote-service.js';
import { AdminDemandRulesController } from './http/admin-demand-rules.controller.js';
import { AdminPriceListsController, AdminPromotionsController, AdminScheduledPricesController } from './http/admin-pricing.controllers.js';
import { InternalQuotesController } from './http/internal-quotes.controller.js';
import { QuotesController } from './http/quotes.controller.js';
import { NaiveQuoteController } from './naive/naive-quote.controller.js';
import { NaiveQuoteService } from './naive/naive-quote.service.js';

export interface PricingModuleDeps {
  quotes: QuoteService;
  admin: PricingAdmin;
  demand: DemandPricing;
  /** The benchmark's baseline quote, only with PRICING_NAIVE_BASELINE=true. */
  naive?: NaiveQuoteService;
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
      AdminDemandRulesController,
    ];
    const values: [unknown, unknown][] = [
      [QuoteService, deps.quotes],
      [PricingAdmin, deps.admin],
      [DemandPricing, deps.demand],
    ];
    if (deps.naive) {
      controllers.push(NaiveQuoteController);
      values.push([NaiveQuoteService, deps.naive]);
    }
    return httpModule(PricingModule, controllers, values as [Type, unknown][]);
  }
}
