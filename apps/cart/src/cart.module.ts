import { Module, type DynamicModule } from '@nestjs/common';
import { httpModule } from '@shop/service-kit';
import { CartService } from './application/cart-service.js';
import { CART_CONFIG, type CartConfig } from './config.js';
import { CartsController } from './http/carts.controller.js';
import { InternalCartsController } from './http/internal-carts.controller.js';

export interface CartModuleDeps {
  carts: CartService;
  config: CartConfig;
}

/** The cart's HTTP surface; its collaborators are built by the composition root (cart-app.ts). */
@Module({})
export class CartModule {
  static forRoot(deps: CartModuleDeps): DynamicModule {
    return httpModule(CartModule, [CartsController, InternalCartsController], [
      [CartService, deps.carts],
      [CART_CONFIG, deps.config],
    ]);
  }
}
