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

/** Keys as written in JSON (`"key":`): quotes use a few dozen names, each quoted once. */
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < 1_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** One pass building a string (no intermediate arrays): it runs on every quote signed or verified. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined ? 'null' : canonicalJson(item);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += (first ? '' : ',') + quotedKey(key) + canonicalJson(item);
    first = false;
  }
  return out + '}';
}
