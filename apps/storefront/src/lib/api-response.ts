import { FailureCode } from '@shop/contracts/failure';
import { isApiError } from '@shop/api-client';
import { NextResponse } from 'next/server';

/** A storefront route handler's error answer, in the platform's one error body. */
export function errorResponse(err: unknown): NextResponse {
  if (isApiError(err)) {
    const status = err.status >= 400 && err.status <= 599 ? err.status : 503;
    // A shed request keeps the platform's Retry-After: the waiting room waits that long.
    const headers: Record<string, string> = err.retryAfterSeconds !== null ? { 'retry-after': String(err.retryAfterSeconds) } : {};
    return NextResponse.json({ error: { code: err.code, message: err.message, details: err.details } }, { status, headers });
  }
  console.error('storefront: unexpected error', err);
  return NextResponse.json({ error: { code: FailureCode.INTERNAL, message: 'Something went wrong on our side' } }, { status: 500 });
}

export function badRequest(message: string, details?: unknown): NextResponse {
  return NextResponse.json({ error: { code: FailureCode.VALIDATION_FAILED, message, details } }, { status: 400 });
}

export function unauthorized(): NextResponse {
  return NextResponse.json({ error: { code: FailureCode.UNAUTHORIZED, message: 'Please sign in first' } }, { status: 401 });
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
