import type { FieldIssue } from '@shop/contracts';

/** The gateway could not be reached at all (refused, reset, timed out): no HTTP answer. */
export const GATEWAY_UNREACHABLE = 'GATEWAY_UNREACHABLE';

/**
 * A non-2xx answer of the gateway, read from the platform's one error body
 * `{ error: { code, message, details } }`; bodies of another shape keep the status and a generic code.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** 404, 501 or 503 and friends: the route or its service is not there (yet) or is down. */
  get isUnavailable(): boolean {
    return this.status === 404 || this.status === 501 || this.status === 502 || this.status === 503 || this.status === 504 || this.status === 0;
  }

  /**
   * The field problems of a 400, keyed by the field's dotted path (`shippingAddress.postalCode`),
   * first reason per field. Empty when the body named no fields.
   */
  fieldErrors(): Record<string, string> {
    return fieldErrorsOf(this.details);
  }
}

function isFieldIssue(value: unknown): value is FieldIssue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.field === 'string' && typeof v.reason === 'string';
}

/** `[{ field, reason }]` → `{ field: reason }`; anything else → `{}`. */
export function fieldErrorsOf(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  for (const issue of details) {
    if (isFieldIssue(issue) && !(issue.field in out)) out[issue.field] = issue.reason;
  }
  return out;
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** Builds the ApiError for an answer, reading the error body when there is one. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(response.status, error.code, typeof error.message === 'string' ? error.message : response.statusText, error.details);
  }
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
}
