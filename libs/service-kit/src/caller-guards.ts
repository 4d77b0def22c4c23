import { type CanActivate, type ExecutionContext, UseGuards } from '@nestjs/common';
import { callerFrom, requireServiceCaller, SERVICE_CREDENTIAL_HEADER } from './caller.js';

type HeaderBag = Record<string, string | string[] | undefined>;
const headersOf = (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<{ headers: HeaderBag }>().headers;

class CallerGuard implements CanActivate {
  constructor(
    private readonly need: 'signed-in' | 'admin',
    private readonly services: readonly string[],
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const headers = headersOf(ctx);
    if (this.services.length > 0 && headers[SERVICE_CREDENTIAL_HEADER] !== undefined) requireServiceCaller(headers, this.services);
    else callerFrom(headers, this.need);
    return true;
  }
}

class ServiceGuard implements CanActivate {
  constructor(private readonly services: readonly string[]) {}

  canActivate(ctx: ExecutionContext): boolean {
    requireServiceCaller(headersOf(ctx), this.services);
    return true;
  }
}

/**
 * On a controller or handler: a verified user with the role (401/403 otherwise), or — when
 * `orService` names some — one of those services with a valid credential (an inventory peer
 * forwarding an admin request it already checked, say).
 */
export function RequireCaller(need: 'signed-in' | 'admin', options: { orService?: readonly string[] } = {}): ClassDecorator & MethodDecorator {
  return UseGuards(new CallerGuard(need, options.orService ?? []));
}

/** On an /internal controller or handler: only these services, with a valid credential (401 without, 403 for another service). */
export function RequireService(...services: string[]): ClassDecorator & MethodDecorator {
  return UseGuards(new ServiceGuard(services));
}
