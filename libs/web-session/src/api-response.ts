import { FailureCode } from '@shop/contracts/failure';
import { isApiError } from '@shop/api-client';
import { NextResponse } from 'next/server';
import { sessionEndedBody } from './session-recovery';

/**
 * Codes of a 401 that speak of the user's tokens (refused, expired, revoked): never passed on in
 * the gateway's words, which are written for developers ("The access token has expired; refresh it").
 */
const SESSION_REFUSALS: ReadonlySet<string> = new Set([FailureCode.UNAUTHORIZED, FailureCode.INVALID_REFRESH_TOKEN]);

/** A route handler's error answer, in the platform's one error body (the gateway's own, passed on). */
export function errorResponse(err: unknown): NextResponse {
  if (isApiError(err)) {
    const status = err.status >= 400 && err.status <= 599 ? err.status : 503;
    // A shed request keeps the platform's Retry-After: the storefront's waiting room waits that long.
    const headers: Record<string, string> = err.retryAfterSeconds !== null ? { 'retry-after': String(err.retryAfterSeconds) } : {};
    if (status === 401 && SESSION_REFUSALS.has(err.code)) {
      return NextResponse.json(sessionEndedBody(), { status });
    }
    return NextResponse.json({ error: { code: err.code, message: err.message, details: err.details } }, { status, headers });
  }
  console.error('unexpected error in a route handler', err);
  return NextResponse.json({ error: { code: FailureCode.INTERNAL, message: 'Something went wrong on our side' } }, { status: 500 });
}

export function badRequest(message: string, details?: unknown): NextResponse {
  return NextResponse.json({ error: { code: FailureCode.VALIDATION_FAILED, message, details } }, { status: 400 });
}

export function unauthorized(message = 'Please sign in first'): NextResponse {
  return NextResponse.json({ error: { code: FailureCode.UNAUTHORIZED, message } }, { status: 401 });
}

export function forbidden(message: string): NextResponse {
  return NextResponse.json({ error: { code: FailureCode.FORBIDDEN, message } }, { status: 403 });
}

/** Reads a JSON object body; anything else is an empty object (the API then names what is missing). */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await request.json();
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** What a zod schema's safeParse answers (duck-typed: this library ships no zod of its own). */
interface SafeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * Validates a route handler's input with its contract (libs/contracts): the value, or a 400 in
 * the platform's error body naming each field and why (`variants.0.sku`), like the services do.
 */
export function validated<T>(schema: SafeParser<T>, value: unknown, field?: string): { ok: true; value: T } | { ok: false; response: NextResponse } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  // `field` names a lone value (a path parameter such as `id`); a body's issues carry their own path.
  const details = result.error.issues.map((issue) => ({ field: [...(field ? [field] : []), ...issue.path.map(String)].join('.'), reason: issue.message }));
  return { ok: false, response: badRequest('The request has invalid fields', details) };
}
