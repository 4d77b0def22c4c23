import { Failed, FailureCode } from '@shop/contracts';

// Shorthands for the failures every service throws; their statuses come from failure-status.ts.

export function notFound(message: string, details?: unknown): Failed<typeof FailureCode.NOT_FOUND> {
  return Failed.of(FailureCode.NOT_FOUND, message, details);
}

export function conflict<C extends FailureCode>(code: C, message: string, details?: unknown): Failed<C> {
  return Failed.of(code, message, details);
}

export function badRequest(message: string, details?: unknown): Failed<typeof FailureCode.BAD_REQUEST> {
  return Failed.of(FailureCode.BAD_REQUEST, message, details);
}

/** A dependency (database, Redis, another service) cannot be reached: 503 with Retry-After. */
export function unavailable(message: string): Failed<typeof FailureCode.DEPENDENCY_UNAVAILABLE> {
  return Failed.of(FailureCode.DEPENDENCY_UNAVAILABLE, message);
}
