/**
 * Cross-site request refusal for the Next.js apps' state-changing route handlers (login CSRF and
 * its cousins). A browser sends `Origin` on every cross-origin POST and `Sec-Fetch-Site` on every
 * request it makes; an HTML form or a `no-cors` fetch cannot send `application/json`. So a change
 * is accepted only when it is JSON and provably same-origin; anything else is refused (403). A
 * path that takes uploads also accepts multipart/form-data, with a same-origin Origin required.
 */
export interface GuardedRequest {
  method: string;
  /** The `Host` the request was sent to (what the browser thinks this site is). */
  host: string | null;
  contentType: string | null;
  origin: string | null;
  secFetchSite: string | null;
  /** The path takes a file upload (multipart/form-data) as well as JSON. */
  acceptsUploads?: boolean;
}

/** Origins the app is served from, when a proxy in front rewrites `Host` (STOREFRONT_ORIGINS, ADMIN_ORIGINS). */
export type AllowedOrigins = readonly string[];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why the request is refused, or null when it may go on. */
export function crossSiteRefusal(request: GuardedRequest, allowedOrigins: AllowedOrigins = []): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const type = mediaType(request.contentType);
  if (type === 'multipart/form-data' && request.acceptsUploads) {
    // An HTML form can post multipart from anywhere: an upload must prove, by the browser's own
    // headers, that this very site sent it (Origin is always sent on a cross-origin-capable POST).
    if (request.origin === null) return 'an upload must carry its Origin';
    if (request.secFetchSite !== null && request.secFetchSite !== 'same-origin') return 'cross-site requests are not accepted';
    return sameOrigin(request.origin, request.host, allowedOrigins) ? null : 'cross-origin requests are not accepted';
  }
  if (type !== 'application/json') return 'changes are accepted as application/json only';
  // A browser that says where the request came from must say "this very site".
  if (request.secFetchSite !== null && request.secFetchSite !== 'same-origin') return 'cross-site requests are not accepted';
  if (request.origin !== null) return sameOrigin(request.origin, request.host, allowedOrigins) ? null : 'cross-origin requests are not accepted';
  // No Origin: only a request the browser marked same-origin passes.
  return request.secFetchSite === 'same-origin' ? null : 'the request does not prove it comes from this site';
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function sameOrigin(origin: string, host: string | null, allowedOrigins: AllowedOrigins): boolean {
  if (allowedOrigins.length > 0) return allowedOrigins.includes(origin);
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the opaque "null" origin of sandboxed frames and data: pages
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
}
