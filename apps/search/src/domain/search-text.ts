/**
 * How search reads text, the same on both sides of a match: accents removed, lower case, cut into
 * words of letters and digits ("T-Shirt" → ["t", "shirt"], "Café" → ["cafe"]). The engines index
 * and query these folded words only, so a query matches exactly what the index holds, whatever the
 * database's locale or parser would have done.
 */
export function foldedWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The folded words joined by single spaces ("Organic  Cotton-Tee" → "organic cotton tee"). */
export function foldedText(text: string): string {
  return foldedWords(text).join(' ');
}

/** One word run as written → its folded form (accents off, lower case). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** What a query asks for: its folded words; the last one is a prefix (search as you type). */
export interface QueryTerms {
  words: string[];
  /** The folded query as one string (the exact-title boost compares it with the folded title). */
  text: string;
}

export function queryTerms(q: string): QueryTerms {
  const words = foldedWords(q);
  return { words, text: words.join(' ') };
}

/** Whether a folded word is matched by the query's terms: exactly, or by prefix for the last term. */
export function matchesTerms(word: string, terms: readonly string[]): boolean {
  const last = terms.length - 1;
  return terms.some((term, i) => word === term || (i === last && word.startsWith(term)));
}
