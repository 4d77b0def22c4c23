import { Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClaimOrderPaymentBody, CreateOrderBody, Id, TransitionOrderBody, type Order, type OrderPaymentClaim } from '@shop/contracts';
import { RequireService, ZodBody, ZodParam } from '@shop/service-kit';
import { OrderService } from '../application/order-service.js';

/**
 * Service-to-service API for the checkout saga. The gateway routes nothing under /internal/,
 * and this service answers only the payments service's signed credential.
 */
@Controller('internal/orders')
@RequireService('payments')
export class InternalOrdersController {
  constructor(@Inject(OrderService) private readonly orders: OrderService) {}

  /** 201 with a new order; 200 with the existing one when this checkout already created it. */
  @Post()
  async create(@ZodBody(CreateOrderBody) body: CreateOrderBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<Order> {
    const { order, created } = await this.orders.create(body);
    void reply.status(created ? 201 : 200);
    return order;
  }

  @Get(':id')
  get(@ZodParam('id', Id) id: string): Promise<Order> {
    return this.orders.get(id);
  }

  /** 200 with the order after the change, or as it is when it is already in `to`. */
  @Post(':id/transitions')
  @HttpCode(200)
  transition(@ZodParam('id', Id) id: string, @ZodBody(TransitionOrderBody) body: TransitionOrderBody): Promise<Order> {
    // The saga holds its order's payment claim: it confirms the claimed order or cancels it (its compensation).
    return this.orders.transition(id, { ...body, byCheckout: true });
  }

  /** 200 with the claim (`OrderPaymentClaim`; again: the same); 409 ORDER_NOT_PAYABLE when the order no longer awaits its payment. */
  @Post(':id/payment-claim')
  @HttpCode(200)
  claimPayment(@ZodParam('id', Id) id: string, @ZodBody(ClaimOrderPaymentBody) body: ClaimOrderPaymentBody): Promise<OrderPaymentClaim> {
    return this.orders.claimPayment(id, body.checkoutId);
  }
}
