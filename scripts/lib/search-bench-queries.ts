// bench:search's queries: a fixed, seeded mix of what shoppers type (single words, two words,
// typos, prefixes, filtered, faceted, sorted), what they type into the suggest box, and the words
// on which an ILIKE substring search and a search engine must give the same answer.
import { ADJECTIVES, COLOURS, MATERIALS, SIZES, categoryTree, titleNouns, vocabulary, type Rng } from './search-bench-catalog.js';

export type Kind = 'single word' | 'two words' | 'typo' | 'prefix' | 'filtered' | 'faceted' | 'sorted';
export interface MixQuery {
  kind: Kind;
  /** The query string, without `?`. */
  qs: string;
}

export const words = (list: readonly string[]) => [...new Set(list.flatMap((w) => w.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length >= 3))];

/** One edit a shopper's thumb makes: a letter dropped, doubled, swapped with the next, or replaced. */
function typo(word: string, r: Rng): string {
  const i = r.int(1, word.length - 2);
  switch (r.int(0, 3)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    default:
      return word.slice(0, i) + 'aeiou'[r.int(0, 4)] + word.slice(i + 1);
  }
}

export function queryMix(r: Rng, count: number): MixQuery[] {
  const materials = words(MATERIALS);
  const nouns = titleNouns();
  const colours = COLOURS.map((c) => c.toLowerCase());
  const adjectives = words(ADJECTIVES);
  const anyWord = () => r.pick(r.pick([materials, materials, nouns, nouns, colours, adjectives]));
  const long = () => r.pick([...materials, ...nouns].filter((w) => w.length >= 5));
  const categories = categoryTree().filter((c) => c.nouns.length === 0);
  const qs = (params: Record<string, string | undefined>) =>
    Object.entries(params)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
      .join('&');
  const out: MixQuery[] = [];
  for (let i = 0; i < count; i++) {
    const roll = r.random();
    if (roll < 0.2) out.push({ kind: 'single word', qs: qs({ q: anyWord() }) });
    else if (roll < 0.35) out.push({ kind: 'two words', qs: qs({ q: `${r.pick(materials)} ${r.pick(nouns)}` }) });
    else if (roll < 0.45) out.push({ kind: 'typo', qs: qs({ q: r.random() < 0.5 ? typo(long(), r) : `${typo(long(), r)} ${r.pick(nouns)}` }) });
    else if (roll < 0.6) {
      const w = long();
      const prefix = w.slice(0, r.int(3, w.length - 1));
      out.push({ kind: 'prefix', qs: qs({ q: r.random() < 0.6 ? prefix : `${r.pick(materials)} ${prefix}` }) });
    } else if (roll < 0.75) {
      out.push({
        kind: 'filtered',
        qs: qs({
          q: anyWord(),
          category: r.random() < 0.6 ? r.pick(categories).slug : undefined,
          maxPrice: r.random() < 0.5 ? String(r.pick([2_500, 5_000, 10_000])) : undefined,
          minPrice: r.random() < 0.2 ? '1000' : undefined,
          size: r.random() < 0.4 ? r.pick(SIZES) : undefined,
          inStock: r.random() < 0.5 ? 'true' : undefined,
        }),
      });
    } else if (roll < 0.85) {
      // browsing a category by facets (no text), or narrowing a word by colour and size
      out.push(
        r.random() < 0.5
          ? { kind: 'faceted', qs: qs({ category: r.pick(categories).slug, colour: r.random() < 0.5 ? `${r.pick(COLOURS)},${r.pick(COLOURS)}` : undefined }) }
          : { kind: 'faceted', qs: qs({ q: anyWord(), colour: r.pick(COLOURS), size: `${r.pick(SIZES)},${r.pick(SIZES)}` }) },
      );
    } else out.push({ kind: 'sorted', qs: qs({ q: anyWord(), sort: r.pick(['price_asc', 'price_desc', 'newest']) }) });
  }
  return out;
}

/** What a shopper types into the search box: 2-6 letters of a title word, sometimes after a whole one. */
export function suggestMix(r: Rng, count: number): string[] {
  const all = [...words(MATERIALS), ...titleNouns(), ...words(ADJECTIVES)].filter((w) => w.length >= 4);
  return Array.from({ length: count }, () => {
    const w = r.pick(all);
    const prefix = w.slice(0, r.int(2, Math.min(6, w.length)));
    return `q=${encodeURIComponent(r.random() < 0.3 ? `${r.pick(words(MATERIALS))} ${prefix}` : prefix)}`;
  });
}

/** Words of the generated text that are no part of any other word (so '%w%' finds exactly the word). */
export function wholeWords(): string[] {
  const vocab = [...vocabulary()];
  return words([...MATERIALS, ...ADJECTIVES]).filter((w) => w.length >= 4 && vocab.every((other) => other === w || !other.includes(w)));
}

