import { Controller, Get, HttpCode, Inject, Post, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { optionalCallerFrom } from '@shop/service-kit';
import type { FastifyRequest } from 'fastify';
import { CheckoutBody, IdempotencyKey, type CheckoutAccepted, type CheckoutView } from '@shop/contracts';
import { validationFailed, ZodBody, ZodParam, ZodPipe } from '@shop/service-kit';
import { z } from 'zod';
import { CheckoutService } from '../application/checkout-service.js';
import { CurrentCaller, type Caller } from '@shop/service-kit';

const RequestHeader = createParamDecorator((name: string, ctx: ExecutionContext) => {
  const value = ctx.switchToHttp().getRequest<FastifyRequest>().headers[name];
  return Array.isArray(value) ? value.join(',') : value;
});

/** `@IdempotencyKeyHeader() key: string` — 400 VALIDATION_FAILED naming `Idempotency-Key` when missing or malformed. */
const IdempotencyKeyHeader = (): ParameterDecorator => RequestHeader('idempotency-key', new ZodPipe(IdempotencyKey, 'Idempotency-Key'));

/** `@OptionalCaller() caller: Caller | null`: the verified customer, or null for a guest (401 for a forged identity). */
const OptionalCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller | null =>
  optionalCallerFrom(ctx.switchToHttp().getRequest<FastifyRequest>().headers),
);

/**
 * Checkout, by a signed-in customer (the order gets the account's email, signed by the gateway) or
 * by a guest with the guest cart's id and an `email` (400 naming `email` without one). 202: the
 * saga runs on; the order's status says how it ended.
 */
@Controller('api')
export class CheckoutController {
  constructor(@Inject(CheckoutService) private readonly checkouts: CheckoutService) {}

  @Post('checkout')
  @HttpCode(202)
  start(
    @OptionalCaller() caller: Caller | null,
    @IdempotencyKeyHeader() key: string,
    @ZodBody(CheckoutBody) body: CheckoutBody,
  ): Promise<CheckoutAccepted> {
    if (caller) return this.checkouts.start({ kind: 'account', customerId: caller.userId, email: caller.email ?? null }, key, body);
    if (!body.email) throw validationFailed([{ field: 'email', reason: 'is required to check out without an account' }]);
    return this.checkouts.start({ kind: 'guest', email: body.email }, key, body);
  }

  /** The saga's progress (own checkouts only; another customer's is 404). */
  @Get('checkouts/:id')
  get(@CurrentCaller('signed-in') caller: Caller, @ZodParam('id', z.uuid()) id: string): Promise<CheckoutView> {
    return this.checkouts.view(id, caller.userId);
  }
}
