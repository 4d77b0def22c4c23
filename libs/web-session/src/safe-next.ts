/** The storefront's landing place after signing in when `next` is missing or unsafe. */
export const DEFAULT_AFTER_SIGN_IN = '/account';

// Control characters (browsers strip tab/CR/LF inside URLs, so `/\t/evil` becomes `//evil`) and
// backslashes (browsers read `/\evil` as `//evil`).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;
const BASE = 'http://this-site.invalid';

/**
 * The `next` parameter after login as a path on this site, or the default. Only a plain
 * absolute path passes: no scheme, no host (`//evil`), no backslash or control character,
 * also once percent-decoded (`/%5Cevil`, `/%09/evil`), and it must still name this site after
 * the browser's own URL parsing.
 */
export function safeNextPath(next: unknown, fallback: string = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return fallback;
  }
  for (const candidate of [next, decoded]) {
    if (UNSAFE_CHARACTERS.test(candidate) || candidate.startsWith('//')) return fallback;
  }
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
