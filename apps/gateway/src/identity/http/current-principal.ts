import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Failed, FailureCode } from '@shop/contracts';
import type { Principal } from '../domain/principal.js';

/**
 * `@CurrentPrincipal() principal: Principal` — the caller the edge authenticated. The route
 * table already refused anonymous calls to these routes; this is the second lock.
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<FastifyRequest>().principal;
  if (!principal) throw Failed.of(FailureCode.UNAUTHORIZED, 'This route needs a bearer access token');
  return principal;
});

/**
 * `@CurrentAdmin() admin: Principal` — the caller, who must be an admin. The route table already
 * admits only admins under /api/admin; this is the second lock, inside the route itself.
 */
export const CurrentAdmin = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<FastifyRequest>().principal;
  if (!principal) throw Failed.of(FailureCode.UNAUTHORIZED, 'This route needs a bearer access token');
  if (principal.role !== 'admin') throw Failed.of(FailureCode.FORBIDDEN, 'This route needs the admin role');
  return principal;
});
