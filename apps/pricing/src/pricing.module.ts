import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@shop/contracts';
import type { PrismaClient } from '@shop/persistence';
import { httpModule } from '@shop/service-kit';

export interface PricingModuleDeps {
  prisma: PrismaClient;
  clock: Clock;
}

/** The pricing HTTP surface; its collaborators come from the composition root (pricing-app.ts). */
@Module({})
export class PricingModule {
  static forRoot(deps: PricingModuleDeps): DynamicModule {
    void deps;
    return httpModule(PricingModule, [], [], []);
  }
}
