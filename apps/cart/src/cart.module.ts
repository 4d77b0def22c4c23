import { Module, type DynamicModule } from '@nestjs/common';
import { CartService } from './application/cart-service.js';
import { CART_CONFIG, type CartConfig } from './config.js';
import { CartsController } from './http/carts.controller.js';

export interface CartModuleDeps {
  carts: CartService;
  config: CartConfig;
}

/** The cart's HTTP surface; its collaborators are built by the composition root (cart-app.ts). */
@Module({})
export class CartModule {
  static forRoot(deps: CartModuleDeps): DynamicModule {
    return {
      module: CartModule,
      controllers: [CartsController],
      providers: [
        { provide: CartService, useValue: deps.carts },
        { provide: CART_CONFIG, useValue: deps.config },
      ],
    };
  }
}
