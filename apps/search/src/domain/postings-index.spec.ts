import { describe, expect, it } from 'vitest';
import { EXACT_TITLE_BOOST, FIELD, PostingsIndex, type IndexedDocument, type IndexQuery, type IndexSort } from './postings-index.js';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function doc(n: number, fields: { title: string; named?: string; attribute?: string; description?: string }, extra: Partial<IndexedDocument> = {}): IndexedDocument {
  const words = new Map<string, number>();
  for (const [field, text] of [
    [FIELD.title, fields.title],
    [FIELD.named, fields.named ?? ''],
    [FIELD.attribute, fields.attribute ?? ''],
    [FIELD.description, fields.description ?? ''],
  ] as const) {
    for (const word of text.split(' ').filter(Boolean)) words.set(word, (words.get(word) ?? 0) | field);
  }
  return { productId: id(n), words, titleFolded: fields.title, facetKeys: ['#'], priceNow: 100 * n, inStock: true, createdAtMs: 1_000 * n, ...extra };
}

const query = (q: Partial<IndexQuery>): IndexQuery => ({ words: [], allOf: [], anyOf: [], sort: 'relevance', limit: 10, ...q });

describe('PostingsIndex', () => {
  it('puts the exact title first, then title matches, then other fields, ties by product id', () => {
    const index = new PostingsIndex();
    index.put(doc(1, { title: 'linen shirt', description: 'organic cotton' }));
    index.put(doc(2, { title: 'shirt', named: 'organic cotton' }));
    index.put(doc(3, { title: 'organic cotton' }));
    index.put(doc(4, { title: 'organic cotton tee' }));
    index.put(doc(5, { title: 'tee', attribute: 'cotton', named: 'organic' }));
    const { hits, matched, tallies } = index.query(query({ words: ['organic', 'cotton'] }));
    expect(hits.map((h) => [h.productId, h.sortValue])).toEqual([
      [id(3), EXACT_TITLE_BOOST + 3],
      [id(4), 3],
      [id(2), 2],
      [id(5), 1],
      [id(1), 0],
    ]);
    expect(matched).toBe(5);
    expect(tallies.get('#')).toBe(5);
  });

  it('matches the last word as a prefix and every other word whole', () => {
    const index = new PostingsIndex();
    index.put(doc(1, { title: 'organic cotton' }));
    index.put(doc(2, { title: 'organic cot' }));
    index.put(doc(3, { title: 'organicish cotton' }));
    expect(index.query(query({ words: ['organic', 'cot'] })).hits.map((h) => h.productId).sort()).toEqual([id(1), id(2)]);
    expect(index.query(query({ words: ['organi'] })).matched).toBe(3);
    expect(index.query(query({ words: ['cotton', 'organi'] })).matched).toBe(2);
    expect(index.query(query({ words: ['nothing'] })).matched).toBe(0);
  });

  it('sees a replaced document as it is now and a removed one no more, also after a sweep', () => {
    const index = new PostingsIndex();
    for (let n = 1; n <= 3000; n++) index.put(doc(n, { title: 'wool hat' }));
    index.put(doc(7, { title: 'linen hat' }));
    for (let n = 100; n < 2000; n++) index.remove(id(n)); // enough to sweep
    expect(index.size).toBe(1100);
    expect(index.query(query({ words: ['wool'] })).matched).toBe(1099);
    expect(index.query(query({ words: ['linen'] })).hits.map((h) => h.productId)).toEqual([id(7)]);
    for (let n = 100; n < 200; n++) index.put(doc(n, { title: 'silk hat' })); // reuses swept ordinals
    expect(index.query(query({ words: ['silk'] })).matched).toBe(100);
    expect(index.query(query({ words: ['hat'] })).matched).toBe(1200);
  });

  it('agrees with a plain filter and sort on random documents and queries, page after page', () => {
    const vocabulary = ['red', 'read', 'reader', 'blue', 'bl', 'wool', 'woollen', 'tee', 'teal', 'cap'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const text = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(vocabulary)).join(' ');
    const index = new PostingsIndex();
    const docs = new Map<string, IndexedDocument>();
    for (let round = 0; round < 1500; round++) {
      const n = 1 + Math.floor(random() * 400);
      if (random() < 0.15) {
        index.remove(id(n));
        docs.delete(id(n));
        continue;
      }
      const d = doc(n, { title: text(), named: text(), attribute: text(), description: text() }, {
        priceNow: Math.floor(random() * 50) * 10,
        inStock: random() < 0.7,
        createdAtMs: Math.floor(random() * 30),
        facetKeys: ['#', `size:${pick(['s', 'm', 'l'])}`, `colour:${pick(['red', 'blue'])}`, pick(['cat-a', 'cat-b'])],
      });
      index.put(d);
      docs.set(d.productId, d);
    }
    const sorts: IndexSort[] = ['relevance', 'price_asc', 'price_desc', 'newest'];
    for (let q = 0; q < 150; q++) {
      const words = Array.from({ length: Math.floor(random() * 3) }, () => pick(vocabulary));
      if (words.length > 0 && random() < 0.5) words[words.length - 1] = words.at(-1)!.slice(0, 2);
      const base = query({
        words,
        sort: pick(sorts),
        limit: 1 + Math.floor(random() * 20),
        ...(random() < 0.3 ? { allOf: [pick(['cat-a', 'cat-b'])] } : {}),
        ...(random() < 0.3 ? { anyOf: [['size:s', 'size:l']] } : {}),
        ...(random() < 0.3 ? { minPrice: 100, maxPrice: 400 } : {}),
        ...(random() < 0.3 ? { inStock: random() < 0.5 } : {}),
      });
      const expected = reference([...docs.values()], base);
      const first = index.query(base);
      expect(first.matched).toBe(expected.length);
      const tallied = new Map<string, number>();
      for (const d of expected) for (const key of new Set(d.doc.facetKeys)) tallied.set(key, (tallied.get(key) ?? 0) + 1);
      expect(new Map([...first.tallies].sort())).toEqual(new Map([...tallied].sort()));
      // Walk every page through the keyset: together they are the reference's order.
      const walked: { productId: string; sortValue: number }[] = [];
      let after: IndexQuery['after'];
      for (;;) {
        const page = index.query({ ...base, ...(after ? { after } : {}) }).hits;
        const shown = page.slice(0, base.limit);
        walked.push(...shown);
        if (page.length <= base.limit) break;
        after = { value: shown.at(-1)!.sortValue, productId: shown.at(-1)!.productId };
      }
      expect(walked).toEqual(expected.map((e) => ({ productId: e.doc.productId, sortValue: e.value })));
    }
  });
});

/** The query's semantics written plainly: test every document, then sort all of them. */
function reference(docs: IndexedDocument[], q: IndexQuery): { doc: IndexedDocument; value: number }[] {
  const out: { doc: IndexedDocument; value: number }[] = [];
  for (const d of docs) {
    const fieldsOf = (word: string, i: number) =>
      [...d.words].filter(([w]) => (i === q.words.length - 1 ? w.startsWith(word) : w === word)).reduce((bits, [, f]) => bits | f, 0);
    const perWord = q.words.map(fieldsOf);
    if (perWord.some((f) => f === 0)) continue;
    if (q.minPrice !== undefined && d.priceNow < q.minPrice) continue;
    if (q.maxPrice !== undefined && d.priceNow > q.maxPrice) continue;
    if (q.inStock !== undefined && d.inStock !== q.inStock) continue;
    if (!q.allOf.every((k) => d.facetKeys.includes(k))) continue;
    if (!q.anyOf.every((g) => g.some((k) => d.facetKeys.includes(k)))) continue;
    const every = (mask: number) => perWord.every((f) => (f & mask) !== 0);
    const tier = q.words.length === 0 ? 0 : every(FIELD.title) ? 3 : every(FIELD.title | FIELD.named) ? 2 : every(FIELD.title | FIELD.named | FIELD.attribute) ? 1 : 0;
    const value =
      q.sort === 'relevance' ? tier + (q.words.length > 0 && d.titleFolded === q.words.join(' ') ? EXACT_TITLE_BOOST : 0) : q.sort === 'newest' ? d.createdAtMs : d.priceNow;
    out.push({ doc: d, value });
  }
  const descending = q.sort !== 'price_asc';
  return out.sort((a, b) => (a.value !== b.value ? (descending ? b.value - a.value : a.value - b.value) : a.doc.productId < b.doc.productId ? -1 : 1));
}
