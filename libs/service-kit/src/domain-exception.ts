import { HttpException } from '@nestjs/common';

/**
 * An expected failure with a stable machine-readable `code`, answered as
 * `{ error: { code, message, details } }` with `status`.
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

export function notFound(message: string, details?: unknown): DomainException {
  return new DomainException(404, 'NOT_FOUND', message, details);
}

export function conflict(code: string, message: string, details?: unknown): DomainException {
  return new DomainException(409, code, message, details);
}

export function badRequest(message: string, details?: unknown): DomainException {
  return new DomainException(400, 'BAD_REQUEST', message, details);
}

/** A dependency (database, Redis, another service) cannot be reached: 503 with Retry-After. */
export function unavailable(message: string): DomainException {
  return new DomainException(503, 'DEPENDENCY_UNAVAILABLE', message);
}
