import type pg from 'pg';
import { PRICE_BUCKETS, type SearchFacets, type SearchQuery, type SearchResult } from '@shop/contracts';

/**
 * The benchmark's baseline search (SEARCH_NAIVE_BASELINE=true only; npm run bench:search): what a
 * shop without a search engine does. It reads the catalog's own tables (and inventory's stock for
 * "in stock") on every request — deliberately, since it stands for a shop that has no search
 * service of its own — with the obvious SQL: every word of `q` ANDed as `ILIKE '%word%'` over the
 * title, the description, the variant titles and the SKUs, the same filters, ORDER BY the sort and
 * LIMIT, plus a COUNT(*) for the total and GROUP BY counts for the facets (one query each, sent
 * together). No typo tolerance, no stemming, no ranking (relevance falls back to newest first), no
 * highlights, no cursor.
 */
export class NaiveSearch {
  constructor(private readonly pool: pg.Pool) {}

  async search(query: SearchQuery): Promise<SearchResult> {
    const match = naiveMatch(query);
    const [page, totals, categories, attributes] = await Promise.all([
      this.pool.query<PageRow>(naivePageSql(match.sql, query), match.params),
      this.pool.query<PriceRow>(naivePriceFacetSql(match.sql), match.params),
      this.pool.query<CategoryRow>(naiveCategoryFacetSql(match.sql, match.params.length + 1), [...match.params, query.category ?? null]),
      this.pool.query<AttributeRow>(naiveAttributeFacetSql(match.sql), match.params),
    ]);
    const price = PRICE_BUCKETS.map((bucket, i) => ({ ...bucket, count: Number(totals.rows.find((r) => r.bucket === i)?.count ?? 0) })).filter((b) => b.count > 0);
    const byCountThen = <T extends { count: number }>(key: (t: T) => string) => (a: T, b: T) => b.count - a.count || key(a).localeCompare(key(b));
    const facets: SearchFacets = {
      category: categories.rows.map((r) => ({ value: r.value, label: r.label, count: Number(r.count) })).sort(byCountThen((c) => c.label)),
      price,
      size: attributes.rows.filter((r) => r.name === 'size').map((r) => ({ value: r.value, count: Number(r.count) })).sort(byCountThen((c) => c.value)),
      colour: attributes.rows.filter((r) => r.name === 'colour').map((r) => ({ value: r.value, count: Number(r.count) })).sort(byCountThen((c) => c.value)),
    };
    return {
      items: page.rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        title: r.title,
        price: { amount: r.min_price, currency: r.currency },
        // The baseline reads the catalog alone: it knows list prices only.
        priceNow: { amount: r.min_price, currency: r.currency },
        inStock: r.in_stock,
        image: r.image,
        highlights: [],
        skus: r.skus,
      })),
      total: price.reduce((sum, b) => sum + b.count, 0),
      facets,
      nextCursor: null,
    };
  }
}

interface PageRow {
  id: string;
  skus: string[];
  slug: string;
  title: string;
  min_price: number;
  currency: string;
  image: string | null;
  in_stock: boolean;
}
interface PriceRow {
  bucket: number;
  count: string;
}
interface CategoryRow {
  value: string;
  label: string;
  count: string;
}
interface AttributeRow {
  name: 'size' | 'colour';
  value: string;
  count: string;
}

/** `%word%` with LIKE's own wildcards taken literally. */
export function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const IN_STOCK = `EXISTS (SELECT 1 FROM catalog.variant sv JOIN inventory.stock s ON s.sku = sv.sku
  WHERE sv.product_id = p.id AND s.on_hand - s.reserved - s.committed > 0)`;
const COLOUR = `COALESCE(v.attributes->>'colour', v.attributes->>'color')`;

/**
 * `SELECT ... FROM catalog.product p WHERE <match>`: the products the query and its filters
 * select, with its parameters ($1...).
 */
export function naiveMatch(query: SearchQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where = [`p.status = 'active'`];
  for (const word of query.q.split(/\s+/).filter((w) => w.length > 0)) {
    const like = param(likePattern(word));
    where.push(`(p.title ILIKE ${like} OR p.description ILIKE ${like}
      OR EXISTS (SELECT 1 FROM catalog.variant v WHERE v.product_id = p.id AND (v.title ILIKE ${like} OR v.sku ILIKE ${like})))`);
  }
  if (query.category !== undefined) {
    where.push(`p.id IN (WITH RECURSIVE subtree(id) AS (
        SELECT id FROM catalog.category WHERE slug = ${param(query.category)}
        UNION ALL SELECT c.id FROM catalog.category c JOIN subtree t ON c.parent_id = t.id)
      SELECT pc.product_id FROM catalog.product_category pc JOIN subtree t ON t.id = pc.category_id)`);
  }
  if (query.minPrice !== undefined) where.push(`p.min_price >= ${param(query.minPrice)}`);
  if (query.maxPrice !== undefined) where.push(`p.min_price <= ${param(query.maxPrice)}`);
  if (query.inStock === true) where.push(IN_STOCK);
  if (query.inStock === false) where.push(`NOT ${IN_STOCK}`);
  if (query.size?.length) where.push(`EXISTS (SELECT 1 FROM catalog.variant v WHERE v.product_id = p.id AND v.attributes->>'size' = ANY(${param(query.size)}::text[]))`);
  if (query.colour?.length) where.push(`EXISTS (SELECT 1 FROM catalog.variant v WHERE v.product_id = p.id AND ${COLOUR} = ANY(${param(query.colour)}::text[]))`);
  return { sql: `SELECT p.* FROM catalog.product p WHERE ${where.join('\n  AND ')}`, params };
}

const ORDER: Record<NonNullable<SearchQuery['sort']>, string> = {
  // ILIKE has no notion of relevance: the obvious fallback is the newest first.
  relevance: 'p.created_at DESC, p.id DESC',
  newest: 'p.created_at DESC, p.id DESC',
  price_asc: 'p.min_price ASC, p.id ASC',
  price_desc: 'p.min_price DESC, p.id DESC',
};

export function naivePageSql(match: string, query: SearchQuery): string {
  return `SELECT p.id, p.slug, p.title, p.min_price, p.currency, p.images->0->>'url' AS image, ${IN_STOCK} AS in_stock,
  ARRAY(SELECT sv.sku FROM catalog.variant sv WHERE sv.product_id = p.id ORDER BY sv.position, sv.sku) AS skus
FROM (${match}) p ORDER BY ${ORDER[query.sort ?? 'relevance']} LIMIT ${query.limit}`;
}

/** The price buckets (their counts add up to the total, which is taken from them). */
export function naivePriceFacetSql(match: string): string {
  const cases = PRICE_BUCKETS.map((b, i) => `WHEN p.min_price >= ${b.from}${b.to === null ? '' : ` AND p.min_price < ${b.to}`} THEN ${i}`).join(' ');
  return `SELECT CASE ${cases} END AS bucket, count(*) AS count FROM (${match}) p GROUP BY 1`;
}

/** Categories one level below the filtered one (the roots without a filter) holding matches in their subtree. */
export function naiveCategoryFacetSql(match: string, categoryParam: number): string {
  return `WITH RECURSIVE below(top_id, id) AS (
    SELECT c.id, c.id FROM catalog.category c
    WHERE c.parent_id IS NOT DISTINCT FROM (SELECT id FROM catalog.category WHERE slug = $${categoryParam}::text)
      AND ($${categoryParam}::text IS NULL OR EXISTS (SELECT 1 FROM catalog.category WHERE slug = $${categoryParam}::text))
    UNION ALL SELECT b.top_id, c.id FROM catalog.category c JOIN below b ON c.parent_id = b.id)
SELECT t.slug AS value, t.name AS label, count(DISTINCT p.id) AS count
FROM (${match}) p JOIN catalog.product_category pc ON pc.product_id = p.id
JOIN below b ON b.id = pc.category_id JOIN catalog.category t ON t.id = b.top_id
GROUP BY t.slug, t.name`;
}

export function naiveAttributeFacetSql(match: string): string {
  return `SELECT 'size' AS name, v.attributes->>'size' AS value, count(DISTINCT v.product_id) AS count
FROM (${match}) p JOIN catalog.variant v ON v.product_id = p.id WHERE v.attributes->>'size' IS NOT NULL GROUP BY 2
UNION ALL
SELECT 'colour', ${COLOUR}, count(DISTINCT v.product_id)
FROM (${match}) p JOIN catalog.variant v ON v.product_id = p.id WHERE ${COLOUR} IS NOT NULL GROUP BY 2`;
}
