import type { SearchHighlight } from '@shop/contracts';
import { fold, matchesTerms } from './search-text.js';

/** The text fields of a hit that highlights may quote, as written. */
export interface HighlightSource {
  title: string;
  variantNames: readonly string[];
  skus: readonly string[];
  categoryNames: readonly string[];
  description: string;
}

/** Words of context kept before and after the first match in a long description. */
const CONTEXT_BEFORE = 8;
const CONTEXT_AFTER = 16;

/**
 * Where the query's words occur in a hit: one snippet per field that holds one (title, the first
 * matching variant name, SKU and category, a window of the description), the matched words wrapped
 * in <mark>…</mark> and everything else HTML-escaped. `terms` are folded query words (the last one a
 * prefix), so a highlight marks exactly what the engine matched.
 */
export function highlightsFor(source: HighlightSource, terms: readonly string[]): SearchHighlight[] {
  if (terms.length === 0) return [];
  const out: SearchHighlight[] = [];
  const mark = (field: SearchHighlight['field'], text: string): boolean => {
    const snippet = markText(text, terms);
    if (snippet === null) return false;
    out.push({ field, snippet });
    return true;
  };
  mark('title', source.title);
  source.variantNames.some((name) => mark('variant', name));
  source.skus.some((sku) => mark('sku', sku));
  source.categoryNames.some((name) => mark('category', name));
  const window = descriptionWindow(source.description, terms);
  if (window !== null) mark('description', window);
  return out;
}

/** The text with matched words marked and the rest escaped, or null when no word matches. */
export function markText(text: string, terms: readonly string[]): string | null {
  let found = false;
  let out = '';
  let last = 0;
  for (const run of text.matchAll(WORD_RUN)) {
    const start = run.index;
    const word = run[0];
    if (!matchesTerms(fold(word), terms)) continue;
    found = true;
    out += `${escapeHtml(text.slice(last, start))}<mark>${escapeHtml(word)}</mark>`;
    last = start + word.length;
  }
  return found ? out + escapeHtml(text.slice(last)) : null;
}

/** A few words around the first match of a description, with "…" where it was cut; null without a match. */
function descriptionWindow(description: string, terms: readonly string[]): string | null {
  const runs = [...description.matchAll(WORD_RUN)];
  const first = runs.findIndex((run) => matchesTerms(fold(run[0]), terms));
  if (first < 0) return null;
  const from = Math.max(0, first - CONTEXT_BEFORE);
  const to = Math.min(runs.length - 1, first + CONTEXT_AFTER);
  const startRun = runs[from];
  const endRun = runs[to];
  if (!startRun || !endRun) return null;
  const start = from === 0 ? 0 : startRun.index;
  const end = to === runs.length - 1 ? description.length : endRun.index + endRun[0].length;
  return `${start > 0 ? '…' : ''}${description.slice(start, end)}${end < description.length ? '…' : ''}`;
}

/** A word as the folding sees it: letters (with their accents) and digits. */
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
