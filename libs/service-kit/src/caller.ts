import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Role } from '@shop/contracts';
import { DomainException } from './domain-exception.js';
import { z } from 'zod';

/**
 * Who is calling, as the gateway tells the services behind it: it sets these headers from the
 * verified access token and strips any the client sent. Services trust them because only the
 * gateway reaches their ports.
 */
export const USER_ID_HEADER = 'x-user-id';
export const USER_ROLE_HEADER = 'x-user-role';

export interface Caller {
  userId: string;
  role: Role;
}

const UserId = z.uuid();

/**
 * Who is calling, from the gateway's headers. `need: 'admin'` also insists on the admin role:
 * the gateway already enforces it on /api/admin/..., this guards the port if it is reachable.
 */
export function callerFrom(headers: Record<string, string | string[] | undefined>, need: 'signed-in' | 'admin'): Caller {
  const userId = UserId.safeParse(headers[USER_ID_HEADER]);
  const role = Role.safeParse(headers[USER_ROLE_HEADER]);
  if (!userId.success || !role.success) throw new DomainException(401, 'UNAUTHORIZED', 'sign in first');
  if (need === 'admin' && role.data !== 'admin') throw new DomainException(403, 'FORBIDDEN', 'only admins may do this');
  return { userId: userId.data, role: role.data };
}

/** `@CurrentCaller('signed-in') caller: Caller` — 401 without an identity, 403 without the role. */
export const CurrentCaller = createParamDecorator((need: 'signed-in' | 'admin', ctx: ExecutionContext): Caller =>
  callerFrom(ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers, need),
);
