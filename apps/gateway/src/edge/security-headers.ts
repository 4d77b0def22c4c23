/**
 * Response headers of every answer (what helmet sends by default, tightened for a JSON API),
 * written as one precomputed set: per-request middleware emulation cost more than the rest
 * of the edge together.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  // Nothing the API returns may run scripts or be framed (the docs page sets its own policy).
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  // Storefronts on other origins embed product images served through the gateway.
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key, if-none-match, traceparent, tracestate, x-request-id';
const EXPOSED_HEADERS = 'etag, retry-after, x-cache, x-request-id';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

export interface CorsDecision {
  /** Headers to add to the answer. */
  headers: Readonly<Record<string, string>>;
  /** A preflight: answer 204 with the headers, run nothing else. */
  preflight: boolean;
}

const NOT_CROSS_ORIGIN: CorsDecision = Object.freeze({ headers: Object.freeze({ vary: 'Origin' }), preflight: false });

/**
 * CORS for the storefront and admin origins: bearer tokens, no cookies, so no credentials.
 * Any other origin gets no CORS headers and the browser keeps its answers from the page.
 */
export class CorsPolicy {
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.origins = new Set(origins);
  }

  decide(method: string, origin: string | undefined, requestedMethod: string | undefined): CorsDecision {
    // The common case (no Origin: same-origin pages, servers, curl) allocates nothing.
    if (origin === undefined) return NOT_CROSS_ORIGIN;
    // Answers differ by Origin, so caches (CDNs) must keep them apart.
    const headers: Record<string, string> = { vary: 'Origin' };
    const preflight = method === 'OPTIONS' && origin !== undefined && requestedMethod !== undefined;
    if (!this.origins.has(origin)) return { headers, preflight };
    headers['access-control-allow-origin'] = origin;
    if (preflight) {
      headers['access-control-allow-methods'] = ALLOWED_METHODS;
      headers['access-control-allow-headers'] = ALLOWED_HEADERS;
      headers['access-control-max-age'] = PREFLIGHT_MAX_AGE_SECONDS;
    } else {
      headers['access-control-expose-headers'] = EXPOSED_HEADERS;
    }
    return { headers, preflight };
  }
}
