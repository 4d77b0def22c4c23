import { Controller, Get, HttpCode, Inject, Post, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CheckoutBody, IdempotencyKey, type CheckoutAccepted, type CheckoutView } from '@shop/contracts';
import { ZodBody, ZodParam, ZodPipe } from '@shop/service-kit';
import { z } from 'zod';
import { CheckoutService } from '../application/checkout-service.js';
import { CurrentCaller, type Caller } from '@shop/service-kit';

const RequestHeader = createParamDecorator((name: string, ctx: ExecutionContext) => {
  const value = ctx.switchToHttp().getRequest<FastifyRequest>().headers[name];
  return Array.isArray(value) ? value.join(',') : value;
});

/** `@IdempotencyKeyHeader() key: string` — 400 VALIDATION_FAILED naming `Idempotency-Key` when missing or malformed. */
const IdempotencyKeyHeader = (): ParameterDecorator => RequestHeader('idempotency-key', new ZodPipe(IdempotencyKey, 'Idempotency-Key'));

/**
 * A signed-in customer's checkout (guest checkout is out of scope: the gateway's `x-user-id` is
 * required). 202: the saga runs on; the order's status says how it ended.
 */
@Controller('api')
export class CheckoutController {
  constructor(@Inject(CheckoutService) private readonly checkouts: CheckoutService) {}

  @Post('checkout')
  @HttpCode(202)
  start(
    @CurrentCaller('signed-in') caller: Caller,
    @IdempotencyKeyHeader() key: string,
    @ZodBody(CheckoutBody) body: CheckoutBody,
  ): Promise<CheckoutAccepted> {
    return this.checkouts.start(caller.userId, key, body);
  }

  /** The saga's progress (own checkouts only; another customer's is 404). */
  @Get('checkouts/:id')
  get(@CurrentCaller('signed-in') caller: Caller, @ZodParam('id', z.uuid()) id: string): Promise<CheckoutView> {
    return this.checkouts.view(id, caller.userId);
  }
}
