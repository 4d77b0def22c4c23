import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Quote } from '@shop/contracts';

/**
 * Signs quotes: HMAC-SHA256 (base64url) over the canonical JSON of the whole quote without its
 * `signature`, keyed by PRICING_QUOTE_SECRET. Canonical: object keys sorted, no whitespace, absent
 * optional fields left out, so the same quote always signs the same whatever the key order it
 * travelled in. Quotes hold only strings, integers, booleans, null, arrays and objects, which
 * JSON.stringify writes one way only; that is all a canonical form needs here.
 */
export class QuoteSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  sign(unsigned: Omit<Quote, 'signature'>): string {
    return createHmac('sha256', this.key).update(canonicalJson(unsigned)).digest('base64url');
  }

  /** Whether `quote.signature` is this service's signature of the rest of it (constant-time compare). */
  verify(quote: Quote): boolean {
    const { signature, ...unsigned } = quote;
    const expected = Buffer.from(this.sign(unsigned), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}
