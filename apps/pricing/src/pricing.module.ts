import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@shop/contracts';
import type { PrismaClient } from '@shop/persistence';
import { httpModule } from '@shop/service-kit';
import { CouponService } from './application/coupon-service.js';
import { AdminCouponsController } from './http/admin-coupons.controller.js';
import { InternalCouponsController } from './http/internal-coupons.controller.js';

export interface PricingModuleDeps {
  prisma: PrismaClient;
  clock: Clock;
  coupons: CouponService;
}

/** The pricing HTTP surface; its collaborators come from the composition root (pricing-app.ts). */
@Module({})
export class PricingModule {
  static forRoot(deps: PricingModuleDeps): DynamicModule {
    return httpModule(PricingModule, [AdminCouponsController, InternalCouponsController], [[CouponService, deps.coupons]], []);
  }
}
