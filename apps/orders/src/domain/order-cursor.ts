/**
 * Keyset pagination, newest first: the cursor is the creation time and id of the last order of
 * a page, so a page costs an index range scan whatever its depth and new orders do not shift it.
 */
export interface OrderCursor {
  createdAt: Date;
  id: string;
}

export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify(['o', cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** Returns undefined for a cursor that encodeOrderCursor did not make. */
export function decodeOrderCursor(raw: string): OrderCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [tag, at, id] = parsed as unknown[];
    if (tag !== 'o' || typeof at !== 'string' || typeof id !== 'string') return undefined;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime())) return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}
