import { Controller, Get, Inject } from '@nestjs/common';
import { OrderLookupQuery, type Order } from '@shop/contracts';
import { ZodQuery } from '@shop/service-kit';
import { OrderService } from '../application/order-service.js';

/**
 * A guest's way back to their order: its number and the email given at checkout, both matching.
 * Public (the gateway rate-limits it per client address); anything else is one and the same 404.
 */
@Controller('api/orders/lookup')
export class OrderLookupController {
  constructor(@Inject(OrderService) private readonly orders: OrderService) {}

  @Get()
  lookup(@ZodQuery(OrderLookupQuery) query: OrderLookupQuery): Promise<Order> {
    return this.orders.lookup(query.number, query.email);
  }
}
