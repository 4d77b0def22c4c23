import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@shop/contracts';
import type { PrismaClient } from '@shop/persistence';
import { httpModule } from '@shop/service-kit';
import { DemandPricing } from './application/demand-pricing.js';
import { AdminDemandRulesController } from './http/admin-demand-rules.controller.js';

export interface PricingModuleDeps {
  prisma: PrismaClient;
  clock: Clock;
  demand: DemandPricing;
}

/** The pricing HTTP surface; its collaborators come from the composition root (pricing-app.ts). */
@Module({})
export class PricingModule {
  static forRoot(deps: PricingModuleDeps): DynamicModule {
    return httpModule(PricingModule, [AdminDemandRulesController], [[DemandPricing, deps.demand]], []);
  }
}
