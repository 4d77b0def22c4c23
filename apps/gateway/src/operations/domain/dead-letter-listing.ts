/**
 * One listing of the dead letters of every stream, newest first. Entry ids are times
 * (`<ms>-<seq>`), so letters of different streams sort together; ties between streams are broken
 * by the stream name, so the order is total and a cursor is an exact position.
 */

/** Where a letter sits in the listing. */
export interface ListingPosition {
  id: string;
  stream: string;
}

const ENTRY_ID = /^(\d{1,20})-(\d{1,20})$/;

function idParts(id: string): [bigint, bigint] {
  const match = ENTRY_ID.exec(id);
  if (!match) throw new Error(`not a stream entry id: ${id}`);
  return [BigInt(match[1]!), BigInt(match[2]!)];
}

/** Negative when `a` comes first (is newer), positive when `b` does. */
export function newestFirst(a: ListingPosition, b: ListingPosition): number {
  const [am, as] = idParts(a.id);
  const [bm, bs] = idParts(b.id);
  if (am !== bm) return am > bm ? -1 : 1;
  if (as !== bs) return as > bs ? -1 : 1;
  return a.stream === b.stream ? 0 : a.stream > b.stream ? -1 : 1;
}

export function encodeListingCursor(position: ListingPosition): string {
  return `${position.id}~${position.stream}`;
}

/** The position a cursor names, or undefined for a string encodeListingCursor did not make. */
export function decodeListingCursor(cursor: string): ListingPosition | undefined {
  const at = cursor.indexOf('~');
  if (at < 0) return undefined;
  const id = cursor.slice(0, at);
  const stream = cursor.slice(at + 1);
  return ENTRY_ID.test(id) && stream.length > 0 ? { id, stream } : undefined;
}

/**
 * Where to start reading one stream for the page after `cursor`: its entries at the cursor's id
 * still come after the cursor when the stream sorts after the cursor's stream (a smaller name).
 */
export function readFrom(stream: string, cursor: ListingPosition | undefined): { from?: string; exclusive?: boolean } {
  if (!cursor) return {};
  return { from: cursor.id, exclusive: !(stream < cursor.stream) };
}

/**
 * Merges each stream's letters (each newest first, read with `readFrom`, at most limit + 1 each)
 * into one page of `limit`, and the cursor of the next page when there is more.
 */
export function mergePage<T extends ListingPosition>(perStream: readonly (readonly T[])[], limit: number): { items: T[]; nextCursor: string | null } {
  const all = perStream.flat().sort(newestFirst);
  const items = all.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: all.length > limit && last ? encodeListingCursor(last) : null };
}
