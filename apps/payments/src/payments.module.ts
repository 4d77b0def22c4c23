import { Module, type DynamicModule } from '@nestjs/common';
import { httpModule } from '@shop/service-kit';
import { CheckoutService } from './application/checkout-service.js';
import { AdminCheckoutsController } from './http/admin-checkouts.controller.js';
import { CheckoutController } from './http/checkout.controller.js';

/** The payments HTTP surface; the checkout service and the saga come from the composition root (payments-app.ts). */
@Module({})
export class PaymentsModule {
  static forRoot(deps: { checkouts: CheckoutService }): DynamicModule {
    return httpModule(PaymentsModule, [CheckoutController, AdminCheckoutsController], [[CheckoutService, deps.checkouts]]);
  }
}
