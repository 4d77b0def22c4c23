import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CartCustomerId } from '@shop/contracts';
import { ZodPipe } from '@shop/service-kit';

/**
 * Set by the gateway for an authenticated caller (it strips any the client sent); the cart
 * trusts it because only the gateway reaches the cart. `x-user-role` is not used by the cart.
 */
export const USER_ID_HEADER = 'x-user-id';

const RequestHeader = createParamDecorator((name: string, ctx: ExecutionContext) => {
  const value = ctx.switchToHttp().getRequest<FastifyRequest>().headers[name];
  return Array.isArray(value) ? value.join(',') : value;
});

const OptionalCustomerId = z.preprocess((v) => (v === '' ? undefined : v), CartCustomerId.optional()).transform((v) => v ?? null);

/** `@CustomerId() customerId: string | null`: the authenticated customer, or null for a guest; 400 when malformed. */
export const CustomerId = (): ParameterDecorator => RequestHeader(USER_ID_HEADER, new ZodPipe(OptionalCustomerId, USER_ID_HEADER));

/** `@CookieHeader() cookie: string | undefined`: the raw Cookie header. */
export const CookieHeader = (): ParameterDecorator => RequestHeader('cookie');
