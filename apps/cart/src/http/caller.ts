import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CartCustomerId } from '@shop/contracts';
import { optionalCallerFrom, serviceCallerFrom, USER_ID_HEADER, ZodPipe } from '@shop/service-kit';

export { USER_ID_HEADER };

/** Services that may read a cart on a customer's behalf (the checkout saga), naming the customer in `x-user-id`. */
const ACTS_FOR_CUSTOMERS = new Set(['payments']);

const RequestHeader = createParamDecorator((name: string, ctx: ExecutionContext) => {
  const value = ctx.switchToHttp().getRequest<FastifyRequest>().headers[name];
  return Array.isArray(value) ? value.join(',') : value;
});

/**
 * The customer id a request speaks for: the gateway-signed identity (401 when forged, expired or
 * signed for another request), or — for a trusted service with a valid credential — the
 * `x-user-id` it names; undefined for a guest.
 */
const VerifiedCustomer = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const headers = ctx.switchToHttp().getRequest<FastifyRequest>().headers;
  const service = serviceCallerFrom(headers);
  if (service && ACTS_FOR_CUSTOMERS.has(service.service)) {
    const value = headers[USER_ID_HEADER];
    return Array.isArray(value) ? value.join(',') : value;
  }
  return optionalCallerFrom(headers)?.userId;
});

const OptionalCustomerId = z.preprocess((v) => (v === '' ? undefined : v), CartCustomerId.optional()).transform((v) => v ?? null);

/** `@CustomerId() customerId: string | null`: the verified customer, or null for a guest; 400 when malformed. */
export const CustomerId = (): ParameterDecorator => VerifiedCustomer(undefined, new ZodPipe(OptionalCustomerId, USER_ID_HEADER));

/** `@CookieHeader() cookie: string | undefined`: the raw Cookie header. */
export const CookieHeader = (): ParameterDecorator => RequestHeader('cookie');
