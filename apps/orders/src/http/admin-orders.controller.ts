import { Controller, Get, HttpCode, Inject, Post, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  AdminListOrdersQuery,
  CancelOrderBody,
  FulfilOrderBody,
  IdempotencyKey,
  OrderRef,
  RefundLinesBody,
  RefundOrderBody,
  type Order,
  type OrderPage,
} from '@shop/contracts';
import { ZodBody, ZodParam, ZodPipe, ZodQuery } from '@shop/service-kit';
import { OrderService } from '../application/order-service.js';
import { CurrentCaller, type Caller } from '@shop/service-kit';

const RequestHeader = createParamDecorator((name: string, ctx: ExecutionContext) => {
  const value = ctx.switchToHttp().getRequest<FastifyRequest>().headers[name];
  return Array.isArray(value) ? value.join(',') : value;
});

/** An optional `Idempotency-Key`: 400 VALIDATION_FAILED naming it when malformed. */
const OptionalIdempotencyKey = (): ParameterDecorator => RequestHeader('idempotency-key', new ZodPipe(IdempotencyKey.optional(), 'Idempotency-Key'));

/** Merchant-side order management; the gateway admits admins only, and so does CurrentCaller. */
@Controller('api/admin/orders')
export class AdminOrdersController {
  constructor(@Inject(OrderService) private readonly orders: OrderService) {}

  @Get()
  list(@CurrentCaller('admin') _caller: Caller, @ZodQuery(AdminListOrdersQuery) query: AdminListOrdersQuery): Promise<OrderPage> {
    return this.orders.list({
      status: query.status,
      customerId: query.customerId,
      email: query.email,
      numberSeq: query.number,
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

  /** Refunds everything not refunded yet: the money goes back and the units are restocked. */
  @Post(':ref/refund')
  @HttpCode(200)
  refund(
    @CurrentCaller('admin') caller: Caller,
    @ZodParam('ref', OrderRef) ref: string,
    @OptionalIdempotencyKey() idempotencyKey: string | undefined,
    @ZodBody(RefundOrderBody) body: RefundOrderBody,
  ): Promise<Order> {
    return this.orders.refund(ref, { reason: body.reason, expectedVersion: body.expectedVersion, actor: adminActor(caller), idempotencyKey });
  }

  /** Refunds some units of some lines (and restocks those only); the last one makes the order REFUNDED. */
  @Post(':ref/refunds')
  @HttpCode(200)
  refundLines(
    @CurrentCaller('admin') caller: Caller,
    @ZodParam('ref', OrderRef) ref: string,
    @OptionalIdempotencyKey() idempotencyKey: string | undefined,
    @ZodBody(RefundLinesBody) body: RefundLinesBody,
  ): Promise<Order> {
    return this.orders.refund(ref, { lines: body.lines, reason: body.reason, expectedVersion: body.expectedVersion, actor: adminActor(caller), idempotencyKey });
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
