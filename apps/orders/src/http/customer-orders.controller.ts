import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { CUSTOMER_CANCEL_REASON, CustomerCancelOrderBody, ListOrdersQuery, OrderRef, type Order, type OrderPage } from '@shop/contracts';
import { ZodBody, ZodParam, ZodQuery } from '@shop/service-kit';
import { customerView, OrderService } from '../application/order-service.js';
import { CurrentCaller, type Caller } from '@shop/service-kit';

/** A signed-in customer's own orders. Another customer's order is answered 404, never 403. */
@Controller('api/orders')
export class CustomerOrdersController {
  constructor(@Inject(OrderService) private readonly orders: OrderService) {}

  @Get()
  list(@CurrentCaller('signed-in') caller: Caller, @ZodQuery(ListOrdersQuery) query: ListOrdersQuery): Promise<OrderPage> {
    return this.orders.list({ customerId: caller.userId, limit: query.limit, cursor: query.cursor });
  }

  @Get(':ref')
  async get(@CurrentCaller('signed-in') caller: Caller, @ZodParam('ref', OrderRef) ref: string): Promise<Order> {
    return customerView(await this.orders.get(ref, caller.userId));
  }

  /**
   * The customer cancels their own order: before it ships and before anything was refunded (409
   * NOT_CANCELLABLE otherwise, `details.why`). A paid one is voided or refunded by payments and
   * restocked by inventory, as any cancel of a confirmed order. A cancelled order answers unchanged.
   */
  @Post(':ref/cancel')
  @HttpCode(200)
  async cancel(@CurrentCaller('signed-in') caller: Caller, @ZodParam('ref', OrderRef) ref: string, @ZodBody(CustomerCancelOrderBody) body: CustomerCancelOrderBody): Promise<Order> {
    const order = await this.orders.transition(ref, {
      to: 'CANCELLED',
      reason: body?.reason ?? CUSTOMER_CANCEL_REASON,
      expectedVersion: body?.expectedVersion,
      actor: `customer:${caller.userId}`,
      byCustomer: true,
      customerId: caller.userId,
    });
    return customerView(order);
  }
}
