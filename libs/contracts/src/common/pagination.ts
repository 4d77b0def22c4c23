import { z } from 'zod';

/** Query-string integer: "20" -> 20; "abc" is refused with a reason naming the field. */
export const QueryInt = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

export const Limit = QueryInt(1, 100).default(20);
export const Cursor = z.string().min(1).max(512);

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** The position after a page of a newest-first listing: the creation time and id of its last row. */
export interface NewestFirstCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keyset pagination, newest first: a page costs an index range scan whatever its depth, and new
 * rows do not shift it. The cursor is opaque to clients; `tag` names the listing so a cursor of
 * one listing is refused by another (decode answers undefined).
 */
export function newestFirstCursor(tag: string): { encode(cursor: NewestFirstCursor): string; decode(raw: string): NewestFirstCursor | undefined } {
  return {
    encode: (cursor) => Buffer.from(JSON.stringify([tag, cursor.createdAt.toISOString(), cursor.id])).toString('base64url'),
    decode: (raw) => {
      try {
        const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
        if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
        const [seen, at, id] = parsed as unknown[];
        if (seen !== tag || typeof at !== 'string' || typeof id !== 'string' || !UUID.test(id)) return undefined;
        const createdAt = new Date(at);
        return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id };
      } catch {
        return undefined;
      }
    },
  };
}
