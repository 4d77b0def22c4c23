import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import {
  AdminListOrdersQuery,
  CancelOrderBody,
  FulfilOrderBody,
  OrderRef,
  RefundOrderBody,
  type Order,
  type OrderPage,
} from '@shop/contracts';
import { ZodBody, ZodParam, ZodQuery } from '@shop/service-kit';
import { OrderService } from '../application/order-service.js';
import { CurrentCaller, type Caller } from '@shop/service-kit';

/** Merchant-side order management; the gateway admits admins only, and so does CurrentCaller. */
@Controller('api/admin/orders')
export class AdminOrdersController {
  constructor(@Inject(OrderService) private readonly orders: OrderService) {}

  @Get()
  list(@CurrentCaller('admin') _caller: Caller, @ZodQuery(AdminListOrdersQuery) query: AdminListOrdersQuery): Promise<OrderPage> {
    return this.orders.list({
      status: query.status,
      customerId: query.customerId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Get(':ref')
  get(@CurrentCaller('admin') _caller: Caller, @ZodParam('ref', OrderRef) ref: string): Promise<Order> {
    return this.orders.get(ref);
  }

  @Post(':ref/cancel')
  @HttpCode(200)
  cancel(@CurrentCaller('admin') caller: Caller, @ZodParam('ref', OrderRef) ref: string, @ZodBody(CancelOrderBody) body: CancelOrderBody): Promise<Order> {
    return this.orders.transition(ref, { to: 'CANCELLED', reason: body.reason, expectedVersion: body.expectedVersion, actor: adminActor(caller) });
  }

  @Post(':ref/refund')
  @HttpCode(200)
  refund(@CurrentCaller('admin') caller: Caller, @ZodParam('ref', OrderRef) ref: string, @ZodBody(RefundOrderBody) body: RefundOrderBody): Promise<Order> {
    return this.orders.transition(ref, { to: 'REFUNDED', reason: body.reason, expectedVersion: body.expectedVersion, actor: adminActor(caller) });
  }

  @Post(':ref/fulfil')
  @HttpCode(200)
  fulfil(@CurrentCaller('admin') caller: Caller, @ZodParam('ref', OrderRef) ref: string, @ZodBody(FulfilOrderBody) body: FulfilOrderBody): Promise<Order> {
    return this.orders.transition(ref, { to: 'FULFILLED', expectedVersion: body?.expectedVersion, actor: adminActor(caller) });
  }
}

function adminActor(caller: Caller): string {
  return `admin:${caller.userId}`;
}
