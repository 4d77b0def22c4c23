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
    /**
     * Seconds the server asked the caller to wait (`Retry-After` of a 429 or 503: the platform is
     * shedding load); null when it named no wait.
     */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** 429, or 503 with a Retry-After: the platform sheds load and asks to come back later. */
  get isShedding(): boolean {
    return this.status === 429 || (this.status === 503 && this.retryAfterSeconds !== null);
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

/**
 * A `Retry-After` value in whole seconds: delta-seconds (`5`) or an HTTP date (then measured from
 * `nowMs`); null when absent or unreadable. A date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (!/[A-Za-z]/.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** Builds the ApiError for an answer, reading the error body when there is one. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(response.status, error.code, typeof error.message === 'string' ? error.message : response.statusText, error.details, retryAfter);
  }
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`, undefined, retryAfter);
}
