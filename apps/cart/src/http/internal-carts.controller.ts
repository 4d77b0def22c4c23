import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { CartContentsQuery, CartId, RemovePurchasedBody, type CartContentsAnswer, type RemovePurchasedAnswer } from '@shop/contracts';
import { RequireService, ZodBody, ZodParam, ZodQuery } from '@shop/service-kit';
import { CartService } from '../application/cart-service.js';

/**
 * Service-to-service API of the cart: the checkout saga reads what the cart holds and empties
 * the cart a confirmed order came from. The gateway routes nothing under /internal/; only the payments service's credential passes.
 */
@Controller('internal/carts')
@RequireService('payments')
export class InternalCartsController {
  constructor(@Inject(CartService) private readonly carts: CartService) {}

  /** 200 with the lines, coupon and currency as stored; 404 when the cart is gone or not the named customer's (a guest cart: no customer named). */
  @Get(':id/contents')
  contents(@ZodParam('id', CartId) id: string, @ZodQuery(CartContentsQuery) query: CartContentsQuery): Promise<CartContentsAnswer> {
    return this.carts.contents(id, query.customerId ?? null);
  }

  /** 200 with what went (nothing on a replay of the same checkout); 404 when the cart is gone or not the named owner's. */
  @Post(':id/purchases')
  @HttpCode(200)
  removePurchased(@ZodParam('id', CartId) id: string, @ZodBody(RemovePurchasedBody) body: RemovePurchasedBody): Promise<RemovePurchasedAnswer> {
    return this.carts.removePurchased(id, body.customerId, body.checkoutId, body.items);
  }
}
