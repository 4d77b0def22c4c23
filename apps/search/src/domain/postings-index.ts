/**
 * An in-memory inverted index of the search documents for what touches every matching product:
 * the match itself, the total, the facet counts, the relevance tiers and the sort. For a broad word
 * (tens of thousands of matches) PostgreSQL visits every matching row for each of these; here they
 * are array walks. It answers product ids and sort values only: the page's display fields and
 * highlights stay with the engine's store.
 *
 * Semantics are those of the PostgreSQL engine's SQL (postgres-search-engine.ts): every query word
 * required, the last one as a prefix; relevance = EXACT_TITLE_BOOST when the folded title is the
 * query, plus 3 when the title holds every word, 2 when the title, variant names, SKUs or category
 * names do, 1 when those or the attribute values do, else 0; ties by product id; keyset after
 * (sort value, product id).
 *
 * Storage: a document is an ordinal; a replaced or removed document's ordinal is marked dead and
 * skipped, and dead ordinals are swept from the postings (and reused) once they are a fair share.
 * A posting list packs `ordinal << 4 | field bits` into an Int32Array that grows by doubling.
 */

/** The fields a word occurs in: the weights of the stored tsvector (A title … D description). */
export const FIELD = { title: 1, named: 2, attribute: 4, description: 8 } as const;
export const EXACT_TITLE_BOOST = 10;

export type IndexSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest';

export interface IndexedDocument {
  /** Lower-case UUID (the order PostgreSQL sorts uuids in is this text's order). */
  productId: string;
  /** Each distinct folded word and the FIELD bits of the fields it occurs in. */
  words: ReadonlyMap<string, number>;
  titleFolded: string;
  /** What the facets count the document under (total marker, price bucket, `name:value`, category ids). */
  facetKeys: readonly string[];
  /** The price now (SearchDocument.priceNow): what the price filter and sorts use. */
  priceNow: number;
  inStock: boolean;
  createdAtMs: number;
}

export interface IndexQuery {
  /** Folded words; the last one is a prefix. None: every document. */
  words: readonly string[];
  /** Facet keys of which a document must hold each (a category id). */
  allOf: readonly string[];
  /** Groups of facet keys of which a document must hold at least one per group (sizes, colours). */
  anyOf: readonly (readonly string[])[];
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort: IndexSort;
  /** Keyset: only what comes after this position in the sort's order. */
  after?: { value: number; productId: string };
  /** Hits wanted: the answer holds up to limit + 1 (the extra one says a next page exists). */
  limit: number;
}

export interface IndexHit {
  productId: string;
  /** Relevance score, price, or creation instant in ms, as the sort orders by. */
  sortValue: number;
}

export interface IndexAnswer {
  /** Facet key → matching documents holding it (the total is the count of the total marker). */
  tallies: Map<string, number>;
  matched: number;
  hits: IndexHit[];
}

interface Posting {
  entries: Int32Array;
  length: number;
}

const FIELD_BITS = 4;
const FIELD_MASK = (1 << FIELD_BITS) - 1;
/** Per-word tier bits: title, title-or-named, any but description, anywhere. */
const IN_TITLE = 1;
const IN_NAMED = 2;
const IN_ATTRIBUTE = 4;
const ANYWHERE = 8;
const TIER_OF_FIELDS = new Uint8Array(16).map((_, fields) =>
  fields === 0 ? 0 : (fields & FIELD.title ? IN_TITLE : 0) | (fields & (FIELD.title | FIELD.named) ? IN_NAMED : 0) | (fields & 7 ? IN_ATTRIBUTE : 0) | ANYWHERE,
);

export class PostingsIndex {
  private readonly postings = new Map<string, Posting>();
  /** Words sorted, for the last word's prefix; rebuilt when a new word arrived since. */
  private sortedWords: string[] | null = [];
  private readonly ordinalOf = new Map<string, number>();
  private productIds: (string | undefined)[] = [];
  private titles: (string | undefined)[] = [];
  /** Each document's facet codes: facetPool[facetStart[o] .. facetStart[o] + facetCount[o]). */
  private facetPool = new Int32Array(8192);
  private facetPoolLength = 0;
  private facetStart = new Int32Array(1024);
  private facetCount = new Uint16Array(1024);
  private prices = new Int32Array(1024);
  private created = new Float64Array(1024);
  private flags = new Uint8Array(1024); // bit 0 alive, bit 1 in stock
  private scratch = new Uint8Array(1024);
  private wordScratch = new Uint8Array(1024);
  private readonly keyCodes = new Map<string, number>();
  private readonly keys: string[] = [];
  private counts = new Int32Array(64);
  private readonly free: number[] = [];
  private dead: number[] = [];
  private next = 0;

  get size(): number {
    return this.ordinalOf.size;
  }

  /** Adds or replaces a document (the caller decides which version wins). */
  put(doc: IndexedDocument): void {
    this.remove(doc.productId);
    const ordinal = this.free.pop() ?? this.next++;
    this.ensureCapacity(ordinal + 1);
    this.ordinalOf.set(doc.productId, ordinal);
    this.productIds[ordinal] = doc.productId;
    this.titles[ordinal] = doc.titleFolded;
    this.prices[ordinal] = doc.priceNow;
    this.created[ordinal] = doc.createdAtMs;
    this.flags[ordinal] = 1 | (doc.inStock ? 2 : 0);
    this.appendFacetCodes(ordinal, [...new Set(doc.facetKeys)].map((key) => this.codeOf(key)));
    for (const [word, fields] of doc.words) {
      let posting = this.postings.get(word);
      if (!posting) {
        posting = { entries: new Int32Array(2), length: 0 };
        this.postings.set(word, posting);
        this.sortedWords = null;
      }
      if (posting.length === posting.entries.length) {
        const grown = new Int32Array(posting.entries.length * 2);
        grown.set(posting.entries);
        posting.entries = grown;
      }
      posting.entries[posting.length++] = (ordinal << FIELD_BITS) | (fields & FIELD_MASK);
    }
  }

  remove(productId: string): void {
    const ordinal = this.ordinalOf.get(productId);
    if (ordinal === undefined) return;
    this.ordinalOf.delete(productId);
    this.flags[ordinal] = 0;
    this.productIds[ordinal] = undefined;
    this.titles[ordinal] = undefined;
    this.dead.push(ordinal);
    if (this.dead.length > 1024 && this.dead.length > this.ordinalOf.size / 8) this.sweep();
  }

  /** Drops dead ordinals from every posting list (and empty lists), and frees them for reuse. */
  sweep(): void {
    for (const [word, posting] of this.postings) {
      let kept = 0;
      for (let i = 0; i < posting.length; i++) {
        const entry = posting.entries[i]!;
        if (this.flags[entry >>> FIELD_BITS]! & 1) posting.entries[kept++] = entry;
      }
      posting.length = kept;
      if (kept === 0) {
        this.postings.delete(word);
        this.sortedWords = null;
      }
    }
    this.free.push(...this.dead);
    this.dead = [];
    this.compactFacetPool();
  }

  query(query: IndexQuery): IndexAnswer {
    const { ordinals, tiers } = this.match(query.words);
    const top = new TopHits(query.limit + 1, query.sort);
    const touched: number[] = [];
    const matched = scan(this, ordinals, tiers, {
      allOf: query.allOf.map((key) => this.keyCodes.get(key) ?? -1),
      anyOf: query.anyOf.map((group) => group.map((key) => this.keyCodes.get(key) ?? -1)),
      minPrice: query.minPrice ?? -Infinity,
      maxPrice: query.maxPrice ?? Infinity,
      stockWanted: query.inStock === undefined ? -1 : query.inStock ? 2 : 0,
      exactTitle: query.words.length > 0 ? query.words.join(' ') : null,
      sort: query.sort,
      afterValue: query.after?.value ?? 0,
      afterProductId: query.after?.productId ?? null,
    }, top, touched);
    const tallies = new Map<string, number>();
    for (const code of touched) {
      tallies.set(this.keys[code]!, this.counts[code]!);
      this.counts[code] = 0;
    }
    return { tallies, matched, hits: top.sorted(this.productIds) };
  }

  /** The per-document arrays the scan reads (one object, so the scan's code sees one shape). */
  get columns(): Columns {
    return {
      flags: this.flags,
      prices: this.prices,
      created: this.created,
      facetPool: this.facetPool,
      facetStart: this.facetStart,
      facetCount: this.facetCount,
      productIds: this.productIds,
      titles: this.titles,
      counts: this.counts,
    };
  }

  /** The live ordinals holding every word (the last as a prefix), with their tier bits. */
  private match(words: readonly string[]): { ordinals: Int32Array; tiers: Uint8Array } {
    if (words.length === 0) {
      const ordinals = new Int32Array(this.ordinalOf.size);
      let n = 0;
      for (let o = 0; o < this.next; o++) if (this.flags[o]! & 1) ordinals[n++] = o;
      return { ordinals, tiers: new Uint8Array(n) };
    }
    const lists = words.map((word, i) => (i === words.length - 1 ? this.startingWith(word) : this.postings.has(word) ? [this.postings.get(word)!] : []));
    const sizes = lists.map((list) => list.reduce((sum, p) => sum + p.length, 0));
    const order = words.map((_, i) => i).sort((a, b) => sizes[a]! - sizes[b]!);
    const bits = this.scratch;
    // The rarest word gives the candidates; every other one narrows them.
    let candidates: number[] = [];
    for (const posting of lists[order[0]!]!) {
      for (let i = 0; i < posting.length; i++) {
        const entry = posting.entries[i]!;
        const ordinal = entry >>> FIELD_BITS;
        if (!(this.flags[ordinal]! & 1)) continue;
        if (bits[ordinal] === 0) candidates.push(ordinal);
        bits[ordinal] = bits[ordinal]! | TIER_OF_FIELDS[entry & FIELD_MASK]!;
      }
    }
    const wordBits = this.wordScratch;
    for (const w of order.slice(1)) {
      for (const posting of lists[w]!) {
        for (let i = 0; i < posting.length; i++) {
          const entry = posting.entries[i]!;
          const ordinal = entry >>> FIELD_BITS;
          wordBits[ordinal] = wordBits[ordinal]! | TIER_OF_FIELDS[entry & FIELD_MASK]!;
        }
      }
      const kept: number[] = [];
      for (const ordinal of candidates) {
        const both = bits[ordinal]! & wordBits[ordinal]!;
        bits[ordinal] = both;
        if (both !== 0) kept.push(ordinal);
      }
      for (const posting of lists[w]!) for (let i = 0; i < posting.length; i++) wordBits[posting.entries[i]! >>> FIELD_BITS] = 0;
      // A candidate this word dropped keeps bits 0 already; the survivors are cleared below.
      candidates = kept;
    }
    const tiers = new Uint8Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) {
      tiers[i] = bits[candidates[i]!]!;
      bits[candidates[i]!] = 0;
    }
    return { ordinals: Int32Array.from(candidates), tiers };
  }

  private startingWith(prefix: string): Posting[] {
    this.sortedWords ??= [...this.postings.keys()].sort();
    const words = this.sortedWords;
    let low = 0;
    let high = words.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (words[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    const out: Posting[] = [];
    for (let i = low; i < words.length && words[i]!.startsWith(prefix); i++) out.push(this.postings.get(words[i]!)!);
    return out;
  }

  private appendFacetCodes(ordinal: number, codes: readonly number[]): void {
    if (this.facetPoolLength + codes.length > this.facetPool.length) {
      const grown = new Int32Array(Math.max(this.facetPool.length * 2, this.facetPoolLength + codes.length));
      grown.set(this.facetPool.subarray(0, this.facetPoolLength));
      this.facetPool = grown;
    }
    this.facetStart[ordinal] = this.facetPoolLength;
    this.facetCount[ordinal] = codes.length;
    this.facetPool.set(codes, this.facetPoolLength);
    this.facetPoolLength += codes.length;
  }

  /** Drops the facet codes of dead documents from the pool (a replaced document's old codes stay until then). */
  private compactFacetPool(): void {
    const pool = new Int32Array(Math.max(8192, this.facetPoolLength));
    let length = 0;
    for (let o = 0; o < this.next; o++) {
      if (!(this.flags[o]! & 1)) continue;
      const start = this.facetStart[o]!;
      const count = this.facetCount[o]!;
      pool.set(this.facetPool.subarray(start, start + count), length);
      this.facetStart[o] = length;
      length += count;
    }
    this.facetPool = pool;
    this.facetPoolLength = length;
  }

  private codeOf(key: string): number {
    let code = this.keyCodes.get(key);
    if (code === undefined) {
      code = this.keys.length;
      this.keys.push(key);
      this.keyCodes.set(key, code);
      if (code >= this.counts.length) {
        const grown = new Int32Array(this.counts.length * 2);
        grown.set(this.counts);
        this.counts = grown;
      }
    }
    return code;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.prices.length) return;
    const capacity = Math.max(n, this.prices.length * 2);
    const grow = <T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(from: T, make: (n: number) => T): T => {
      const to = make(capacity);
      to.set(from);
      return to;
    };
    this.prices = grow(this.prices, (c) => new Int32Array(c));
    this.created = grow(this.created, (c) => new Float64Array(c));
    this.flags = grow(this.flags, (c) => new Uint8Array(c));
    this.facetStart = grow(this.facetStart, (c) => new Int32Array(c));
    this.facetCount = grow(this.facetCount, (c) => new Uint16Array(c));
    this.scratch = new Uint8Array(capacity);
    this.wordScratch = new Uint8Array(capacity);
  }
}

interface Columns {
  flags: Uint8Array;
  prices: Int32Array;
  created: Float64Array;
  facetPool: Int32Array;
  facetStart: Int32Array;
  facetCount: Uint16Array;
  productIds: readonly (string | undefined)[];
  titles: readonly (string | undefined)[];
  counts: Int32Array;
}

interface ScanFilter {
  allOf: number[];
  anyOf: number[][];
  minPrice: number;
  maxPrice: number;
  /** -1: either; else the in-stock flag bit wanted (2 or 0). */
  stockWanted: number;
  exactTitle: string | null;
  sort: IndexSort;
  afterValue: number;
  afterProductId: string | null;
}

/**
 * The loop over the matching documents: filters, facet counts (into `counts`, the codes first
 * counted pushed to `touched`), sort values, the top hits. A function of its own with one shape of
 * arguments: inlined into query(), whose argument shapes vary, V8 kept deoptimizing it.
 */
function scan(index: PostingsIndex, ordinals: Int32Array, tiers: Uint8Array, filter: ScanFilter, top: TopHits, touched: number[]): number {
  const { flags, prices, created, facetPool, facetStart, facetCount, productIds, titles, counts } = index.columns;
  const { allOf, anyOf, minPrice, maxPrice, stockWanted, exactTitle, sort, afterValue, afterProductId } = filter;
  const filtersByCode = allOf.length > 0 || anyOf.length > 0;
  const relevance = sort === 'relevance';
  const newest = sort === 'newest';
  let matched = 0;
  for (let m = 0; m < ordinals.length; m++) {
    const ordinal = ordinals[m]!;
    const price = prices[ordinal]!;
    if (price < minPrice || price > maxPrice) continue;
    if (stockWanted >= 0 && (flags[ordinal]! & 2) !== stockWanted) continue;
    const start = facetStart[ordinal]!;
    const end = start + facetCount[ordinal]!;
    if (filtersByCode && !holdsAll(facetPool.subarray(start, end), allOf, anyOf)) continue;
    matched++;
    for (let c = start; c < end; c++) {
      const code = facetPool[c]!;
      if (counts[code]++ === 0) touched.push(code);
    }
    const value = relevance
      ? relevanceOf(tiers[m]!) + (exactTitle !== null && titles[ordinal] === exactTitle ? EXACT_TITLE_BOOST : 0)
      : newest
        ? created[ordinal]!
        : price;
    if (afterProductId !== null && !comesAfter(sort, value, productIds[ordinal]!, afterValue, afterProductId)) continue;
    top.offer(value, ordinal, productIds);
  }
  return matched;
}

/** Whether a document's facet codes hold every code of `allOf` and one of each group of `anyOf`. */
function holdsAll(codes: Int32Array, allOf: readonly number[], anyOf: readonly (readonly number[])[]): boolean {
  return allOf.every((code) => codes.includes(code)) && anyOf.every((group) => group.some((code) => codes.includes(code)));
}

function relevanceOf(tiers: number): number {
  if (tiers & IN_TITLE) return 3;
  if (tiers & IN_NAMED) return 2;
  if (tiers & IN_ATTRIBUTE) return 1;
  return 0;
}

/** Whether (value, productId) comes after `after` in the sort's order (ties by product id ascending). */
function comesAfter(sort: IndexSort, value: number, productId: string, afterValue: number, afterProductId: string): boolean {
  if (value !== afterValue) return descending(sort) ? value < afterValue : value > afterValue;
  return productId > afterProductId;
}

function descending(sort: IndexSort): boolean {
  return sort !== 'price_asc';
}

/**
 * The first `capacity` hits in the sort's order, kept in a bounded binary heap with the worst on
 * top: most offers lose against it with one comparison and allocate nothing.
 */
class TopHits {
  private readonly values: number[] = [];
  private readonly ordinals: number[] = [];
  private readonly descending: boolean;

  constructor(
    private readonly capacity: number,
    sort: IndexSort,
  ) {
    this.descending = descending(sort);
  }

  offer(value: number, ordinal: number, productIds: readonly (string | undefined)[]): void {
    if (this.values.length < this.capacity) {
      this.values.push(value);
      this.ordinals.push(ordinal);
      this.up(this.values.length - 1, productIds);
    } else if (this.capacity > 0 && this.before(value, productIds[ordinal]!, 0, productIds)) {
      this.values[0] = value;
      this.ordinals[0] = ordinal;
      this.down(0, productIds);
    }
  }

  sorted(productIds: readonly (string | undefined)[]): IndexHit[] {
    return this.values
      .map((sortValue, i) => ({ sortValue, productId: productIds[this.ordinals[i]!]! }))
      .sort((a, b) => (a.sortValue !== b.sortValue ? (this.descending ? b.sortValue - a.sortValue : a.sortValue - b.sortValue) : a.productId < b.productId ? -1 : 1));
  }

  /** Whether (value, productId) comes before the heap's entry `i`. */
  private before(value: number, productId: string, i: number, productIds: readonly (string | undefined)[]): boolean {
    const than = this.values[i]!;
    if (value !== than) return this.descending ? value > than : value < than;
    return productId < productIds[this.ordinals[i]!]!;
  }

  private swap(i: number, j: number): void {
    [this.values[i], this.values[j]] = [this.values[j]!, this.values[i]!];
    [this.ordinals[i], this.ordinals[j]] = [this.ordinals[j]!, this.ordinals[i]!];
  }

  /** Whether entry i comes after entry j (is worse). */
  private worse(i: number, j: number, productIds: readonly (string | undefined)[]): boolean {
    return this.before(this.values[j]!, productIds[this.ordinals[j]!]!, i, productIds);
  }

  private up(i: number, productIds: readonly (string | undefined)[]): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent, productIds)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number, productIds: readonly (string | undefined)[]): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.values.length && this.worse(left, worst, productIds)) worst = left;
      if (right < this.values.length && this.worse(right, worst, productIds)) worst = right;
      if (worst === i) return;
      this.swap(worst, i);
      i = worst;
    }
  }
}
