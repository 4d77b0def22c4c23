import { HttpException } from '@nestjs/common';
import { Failed, FailureCode } from '@shop/contracts';

/**
 * @deprecated Being replaced by `Failed` from `@shop/contracts` (issue 9): a failure carries a
 * code, never an HTTP status. Remove once no app throws it.
 */
export class DomainException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super({ code, message, details }, status);
    this.message = message;
    this.name = 'DomainException';
  }
}

export function notFound(message: string, details?: unknown): Failed<'NOT_FOUND'> {
  return Failed.of(FailureCode.NOT_FOUND, message, details);
}

export function conflict<C extends FailureCode>(code: C, message: string, details?: unknown): Failed<C> {
  return Failed.of(code, message, details);
}

export function badRequest(message: string, details?: unknown): Failed<'BAD_REQUEST'> {
  return Failed.of(FailureCode.BAD_REQUEST, message, details);
}

/** A dependency (database, Redis, another service) cannot be reached: 503 with Retry-After. */
export function unavailable(message: string): Failed<'DEPENDENCY_UNAVAILABLE'> {
  return Failed.of(FailureCode.DEPENDENCY_UNAVAILABLE, message);
}
