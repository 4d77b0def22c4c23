/**
 * The rules of a customer's address book, on plain data: at most `max` addresses; while there
 * are any, exactly one is the default (the first address saved becomes it, deleting it promotes
 * the newest of the others); the book reads default first, then newest first.
 */
export interface BookEntry {
  id: string;
  isDefault: boolean;
  createdAt: Date;
}

export type AddDecision =
  /** Insert it with `isDefault`; when `takesDefault`, every other entry stops being the default. */
  | { ok: true; isDefault: boolean; takesDefault: boolean }
  | { ok: false; reason: 'full'; max: number };

/** A new address: refused when the book is full; the default when asked to be or when it is the only one. */
export function decideAdd(book: readonly BookEntry[], makeDefault: boolean, max: number): AddDecision {
  if (book.length >= max) return { ok: false, reason: 'full', max };
  const isDefault = makeDefault || !book.some((e) => e.isDefault);
  return { ok: true, isDefault, takesDefault: isDefault && book.length > 0 };
}

export type RemoveDecision = { found: false } | { found: true; promote: string | null };

/** Removing `id`: when it was the default (or none is), the newest remaining address becomes it; null when none remains. */
export function decideRemove(book: readonly BookEntry[], id: string): RemoveDecision {
  const removed = book.find((e) => e.id === id);
  if (!removed) return { found: false };
  const remaining = book.filter((e) => e.id !== id);
  if (remaining.some((e) => e.isDefault)) return { found: true, promote: null };
  return { found: true, promote: newestFirst(remaining)[0]?.id ?? null };
}

/** Default first, then newest first (ties by id, so the order is stable). */
export function inBookOrder<E extends BookEntry>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || compareNewestFirst(a, b));
}

function newestFirst<E extends BookEntry>(entries: readonly E[]): E[] {
  return [...entries].sort(compareNewestFirst);
}

function compareNewestFirst(a: BookEntry, b: BookEntry): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
