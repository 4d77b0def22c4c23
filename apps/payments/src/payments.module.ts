import { Module, type DynamicModule } from '@nestjs/common';
import { CheckoutService } from './application/checkout-service.js';
import { AdminCheckoutsController } from './http/admin-checkouts.controller.js';
import { CheckoutController } from './http/checkout.controller.js';

/** The payments HTTP surface; the checkout service and the saga come from the composition root (payments-app.ts). */
@Module({})
export class PaymentsModule {
  static forRoot(deps: { checkouts: CheckoutService }): DynamicModule {
    return {
      module: PaymentsModule,
      controllers: [CheckoutController, AdminCheckoutsController],
      providers: [{ provide: CheckoutService, useValue: deps.checkouts }],
    };
  }
}
