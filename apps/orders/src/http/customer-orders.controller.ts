import { Controller, Get, Inject } from '@nestjs/common';
import { ListOrdersQuery, OrderRef, type Order, type OrderPage } from '@shop/contracts';
import { ZodParam, ZodQuery } from '@shop/service-kit';
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
}
