/**
 * Keyset pagination of checkouts, newest first: the cursor is the creation time and id of the
 * last checkout of a page.
 */
export interface CheckoutCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCheckoutCursor(cursor: CheckoutCursor): string {
  return Buffer.from(JSON.stringify(['k', cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** Undefined for a cursor encodeCheckoutCursor did not make. */
export function decodeCheckoutCursor(raw: string): CheckoutCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [tag, at, id] = parsed as unknown[];
    if (tag !== 'k' || typeof at !== 'string' || typeof id !== 'string' || !UUID.test(id)) return undefined;
    const createdAt = new Date(at);
    return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id };
  } catch {
    return undefined;
  }
}
