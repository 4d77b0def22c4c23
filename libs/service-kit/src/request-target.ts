/**
 * Set on every request by service-kit's onRequest hook to `<METHOD> <url>` (overwriting any
 * value a client sent), so header-only helpers such as `callerFrom(headers)` can check that an
 * identity signature was made for this very request.
 */
export const REQUEST_TARGET_HEADER = 'x-service-kit-request-target';
