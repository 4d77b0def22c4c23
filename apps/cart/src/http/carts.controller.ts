import { Controller, Delete, Get, HttpCode, Inject, Patch, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AddCartItemBody, ApplyCouponBody, BuyNowCartBody, CartId, Failed, FailureCode, Sku, UpdateCartItemBody, type Cart, type MergedCart } from '@shop/contracts';
import { ZodBody, ZodParam } from '@shop/service-kit';
import { CartService } from '../application/cart-service.js';
import { CART_CONFIG, type CartConfig } from '../config.js';
import { cartCookie, cartIdFromCookie } from './cart-cookie.js';
import { CookieHeader, CustomerId } from './caller.js';

/**
 * Carts. A cart created with `x-user-id` is that customer's alone (anyone else gets 404); a guest
 * cart is reachable by its unguessable id. Every answer that creates or changes a cart names it
 * in the `cart_id` cookie, whose lifetime follows the cart's.
 */
@Controller('api/carts')
export class CartsController {
  constructor(
    @Inject(CartService) private readonly carts: CartService,
    @Inject(CART_CONFIG) private readonly config: CartConfig,
  ) {}

  /** 201 with a new cart; 200 with the customer's existing cart (a customer has one). */
  @Post()
  async create(@CustomerId() customerId: string | null, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const { cart, created } = await this.carts.create(customerId);
    return this.remember(reply, cart).code(created ? 201 : 200).send(cart);
  }

  /**
   * 201 with a new cart of one unit of the SKU for a signed-in customer's "Buy now", apart from
   * their own cart. No cookie: the cookie names the shopper's cart, and this is not it.
   */
  @Post('buy-now')
  @HttpCode(201)
  createBuyNow(@ZodBody(BuyNowCartBody) body: BuyNowCartBody, @CustomerId() customerId: string | null): Promise<Cart> {
    return this.carts.createBuyNow(signedIn(customerId, 'a Buy now cart'), body);
  }

  /** The customer's cart, else the cookie's (guest) cart; 404 when there is none. */
  @Get('current')
  current(@CustomerId() customerId: string | null, @CookieHeader() cookie: string | undefined): Promise<Cart> {
    return this.carts.current(customerId, cartIdFromCookie(cookie));
  }

  /** Adds to the signed-in customer's own cart, creating it on the first add: one call, no id needed. */
  @Post('current/items')
  @HttpCode(200)
  async addToCurrent(
    @ZodBody(AddCartItemBody) body: AddCartItemBody,
    @CustomerId() customerId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Cart> {
    return this.remembered(reply, await this.carts.addToCustomerCart(signedIn(customerId), body));
  }

  @Patch('current/items/:sku')
  async changeInCurrent(
    @ZodParam('sku', Sku) sku: string,
    @ZodBody(UpdateCartItemBody) body: UpdateCartItemBody,
    @CustomerId() customerId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Cart> {
    return this.remembered(reply, await this.carts.changeCustomerCartQuantity(signedIn(customerId), sku, body.quantity));
  }

  @Delete('current/items/:sku')
  async removeFromCurrent(
    @ZodParam('sku', Sku) sku: string,
    @CustomerId() customerId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Cart> {
    return this.remembered(reply, await this.carts.removeFromCustomerCart(signedIn(customerId), sku));
  }

  /** Applies a coupon to the signed-in customer's own cart (404 when they have none). */
  @Post('current/coupon')
  @HttpCode(200)
  async applyCouponToCurrent(
    @ZodBody(ApplyCouponBody) body: ApplyCouponBody,
    @CustomerId() customerId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Cart> {
    return this.remembered(reply, await this.carts.applyCustomerCartCoupon(signedIn(customerId), body.code));
  }

  @Delete('current/coupon')
  async removeCouponFromCurrent(@CustomerId() customerId: string | null, @Res({ passthrough: true }) reply: FastifyReply): Promise<Cart> {
    return this.remembered(reply, await this.carts.removeCustomerCartCoupon(signedIn(customerId)));
  }

  @Get(':id')
  get(@ZodParam('id', CartId) id: string, @CustomerId() customerId: string | null): Promise<Cart> {
    return this.carts.get(id, customerId);
  }

  /** Adds a SKU (or more of it); answers the whole cart. */
  @Post(':id/items')
  @HttpCode(200)
  async add(
    @ZodParam('id', CartId) id: string,
    @ZodBody(AddCartItemBody) body: AddCartItemBody,
    @CustomerId() customerId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Cart> {
    return this.remembered(reply, await this.carts.addItem(id, customerId, body));
  }

  @Patch(':id/items/:sku')
  async change(
    @ZodParam('id', CartId) id: string,
    @ZodParam('sku', Sku) sku: string,
    @ZodBody(UpdateCartItemBody) body: UpdateCartItemBody,
    @CustomerId() customerId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Cart> {
    return this.remembered(reply, await this.carts.changeQuantity(id, customerId, sku, body.quantity));
  }

  @Delete(':id/items/:sku')
  async remove(
    @ZodParam('id', CartId) id: string,
    @ZodParam('sku', Sku) sku: string,
    @CustomerId() customerId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Cart> {
    return this.remembered(reply, await this.carts.removeItem(id, customerId, sku));
  }

  /** Applies a coupon code: 400 COUPON_INVALID naming why when it cannot apply now; the cart keeps one code. */
  @Post(':id/coupon')
  @HttpCode(200)
  async applyCoupon(
    @ZodParam('id', CartId) id: string,
    @ZodBody(ApplyCouponBody) body: ApplyCouponBody,
    @CustomerId() customerId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Cart> {
    return this.remembered(reply, await this.carts.applyCoupon(id, customerId, body.code));
  }

  /** Takes the coupon off (idempotent). */
  @Delete(':id/coupon')
  async removeCoupon(
    @ZodParam('id', CartId) id: string,
    @CustomerId() customerId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Cart> {
    return this.remembered(reply, await this.carts.removeCoupon(id, customerId));
  }

  /**
   * Merge on login: the storefront calls it with the guest cart's id right after the customer logs
   * in; the answer names the guest lines cut down or left out (`mergeAdjustments`).
   */
  @Post(':id/merge')
  @HttpCode(200)
  async merge(
    @ZodParam('id', CartId) id: string,
    @CustomerId() customerId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MergedCart> {
    return this.remembered(reply, await this.carts.merge(id, signedIn(customerId, 'merging a cart')));
  }

  private remember(reply: FastifyReply, cart: Cart): FastifyReply {
    return reply.header('set-cookie', cartCookie(cart.id, this.config.cart.ttlSeconds, this.config.cookieSecure));
  }

  private remembered<T extends Cart>(reply: FastifyReply, cart: T): T {
    this.remember(reply, cart);
    return cart;
  }
}

/** The current-cart changes, Buy now carts and merge are a signed-in customer's; a guest names their cart by id. */
function signedIn(customerId: string | null, what = 'the current cart'): string {
  if (customerId === null) throw Failed.of(FailureCode.UNAUTHORIZED, `${what} needs a signed-in customer`);
  return customerId;
}
