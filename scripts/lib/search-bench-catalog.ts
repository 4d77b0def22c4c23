// bench:search's shop: 100,000 realistic products (seeded, the same on every run) written straight
// into the catalog's tables (and inventory's stock) with multi-row INSERTs from arrays — the
// catalog's admin API would take far longer than the benchmark itself.
import pg from 'pg';
import { partitionOf } from '../../libs/partitioning/src/domain/stable-hash.js';
import { seeded } from './bench-process.js';

export interface Rng {
  random: () => number;
  int: (lo: number, hi: number) => number;
  pick: <T>(items: readonly T[]) => T;
}

export function rng(seed: number): Rng {
  const random = seeded(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  return { random, int, pick: (items) => items[int(0, items.length - 1)]! };
}

const ROOTS = ['Women', 'Men', 'Kids', 'Unisex'] as const;
/** Section → leaf category → the nouns of its products' titles. */
const SECTIONS: Record<string, Record<string, readonly string[]>> = {
  Tops: { 'T-Shirts': ['Tee', 'T-Shirt', 'Pocket Tee', 'V-Neck Tee'], Shirts: ['Shirt', 'Oxford Shirt', 'Overshirt'], Polos: ['Polo', 'Polo Shirt'], Tanks: ['Tank', 'Tank Top', 'Vest Top'] },
  Knitwear: { Hoodies: ['Hoodie', 'Zip Hoodie', 'Pullover Hoodie'], Sweaters: ['Sweater', 'Jumper', 'Crewneck Sweater'], Cardigans: ['Cardigan'], Sweatshirts: ['Sweatshirt', 'Crew Sweatshirt'] },
  Outerwear: { Jackets: ['Jacket', 'Bomber Jacket', 'Trucker Jacket'], Coats: ['Coat', 'Overcoat', 'Trench Coat'], Gilets: ['Gilet', 'Puffer Gilet'], Parkas: ['Parka', 'Anorak'] },
  Bottoms: { Jeans: ['Jeans', 'Straight Jeans', 'Slim Jeans'], Trousers: ['Trousers', 'Chinos', 'Cargo Trousers'], Shorts: ['Shorts', 'Chino Shorts'], Joggers: ['Joggers', 'Track Pants'] },
  Accessories: { Socks: ['Socks', 'Ankle Socks'], Hats: ['Beanie', 'Cap', 'Bucket Hat'], Scarves: ['Scarf', 'Snood'], Bags: ['Tote Bag', 'Backpack', 'Duffel Bag'] },
};
export const MATERIALS = [
  'Organic Cotton', 'Merino Wool', 'Linen', 'Cashmere', 'Recycled Polyester', 'Denim', 'Corduroy', 'Fleece', 'Bamboo', 'Hemp',
  'Silk', 'Alpaca', 'Flannel', 'Twill', 'Jersey', 'Nylon', 'Canvas', 'Suede', 'Velvet', 'Mohair',
] as const;
export const ADJECTIVES = [
  'Classic', 'Relaxed', 'Slim', 'Oversized', 'Vintage', 'Essential', 'Heavyweight', 'Lightweight', 'Cropped', 'Everyday',
  'Premium', 'Washed', 'Striped', 'Ribbed', 'Quilted', 'Brushed', 'Boxy', 'Tailored', 'Textured', 'Garment-Dyed',
] as const;
export const COLOURS = ['Navy', 'Black', 'White', 'Grey', 'Olive', 'Sand', 'Burgundy', 'Forest', 'Rust', 'Sky', 'Charcoal', 'Cream'] as const;
export const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'] as const;
const FITS = ['a relaxed fit', 'a regular fit', 'a slim fit', 'an easy, boxy fit', 'a tailored fit'];
const FEATURES = ['reinforced seams', 'a soft brushed interior', 'dropped shoulders', 'a ribbed hem', 'flat-felled seams', 'a clean finish', 'deep pockets', 'tonal stitching'];
const CARE = ['Machine wash cold.', 'Hand wash only.', 'Dry clean recommended.', 'Wash at 30 degrees, dry flat.'];
const ORIGIN = ['Made in Portugal.', 'Made in Italy.', 'Made in Turkey.', 'Made in Japan.', 'Designed in Berlin.'];

export interface GeneratedCategory {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  /** Leaves only: the nouns of their products. */
  nouns: readonly string[];
}

const uuidOf = (kind: number, n: number) => `00000000-0000-4${kind.toString(16).padStart(3, '0')}-8000-${n.toString(16).padStart(12, '0')}`;
const kebab = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** 4 roots x 5 sections x 4 leaves: 104 categories in 3 levels. */
export function categoryTree(): GeneratedCategory[] {
  const out: GeneratedCategory[] = [];
  let n = 0;
  for (const root of ROOTS) {
    const rootCategory = { id: uuidOf(1, ++n), slug: kebab(root), name: root, parentId: null, nouns: [] };
    out.push(rootCategory);
    for (const [section, leaves] of Object.entries(SECTIONS)) {
      const sectionCategory = { id: uuidOf(1, ++n), slug: kebab(`${root} ${section}`), name: section, parentId: rootCategory.id, nouns: [] };
      out.push(sectionCategory);
      for (const [leaf, nouns] of Object.entries(leaves)) {
        out.push({ id: uuidOf(1, ++n), slug: kebab(`${root} ${section} ${leaf}`), name: leaf, parentId: sectionCategory.id, nouns });
      }
    }
  }
  return out;
}

export interface GeneratedVariant {
  id: string;
  sku: string;
  title: string;
  attributes: Record<string, string>;
  price: number;
  onHand: number;
}

export interface GeneratedProduct {
  id: string;
  slug: string;
  title: string;
  description: string;
  status: 'active' | 'draft' | 'archived';
  images: { url: string; alt: string }[];
  createdAt: Date;
  categoryIds: string[];
  variants: GeneratedVariant[];
}

/** Product `n` (0-based) of the shop, drawn from `r` (call in order 0, 1, 2... for the same shop every run). */
export function generateProduct(n: number, r: Rng, leaves: readonly GeneratedCategory[], now: Date): GeneratedProduct {
  const leaf = r.pick(leaves);
  const material = r.pick(MATERIALS);
  const noun = r.pick(leaf.nouns);
  const title = r.random() < 0.6 ? `${r.pick(ADJECTIVES)} ${material} ${noun}` : `${material} ${noun}`;
  const description =
    `${r.pick(['A', 'Our', 'This'])} ${noun.toLowerCase()} in ${material.toLowerCase()}, cut for ${r.pick(FITS)} with ${r.pick(FEATURES)}. ` +
    `${r.random() < 0.5 ? `Finished with ${r.pick(FEATURES)}. ` : ''}${r.pick(CARE)} ${r.pick(ORIGIN)}`;
  const code = `P${n.toString().padStart(6, '0')}`;
  // A base price between 9 and 300 (log-uniform, ending in 99 or 00), sizes up to 10% dearer.
  const base = Math.round(Math.exp(Math.log(900) + r.random() * (Math.log(30_000) - Math.log(900))) / 100) * 100 - (r.random() < 0.7 ? 1 : 0);
  const colours = [...new Set(Array.from({ length: r.int(1, 3) }, () => r.pick(COLOURS)))];
  const variantCount = r.int(1, 6);
  const variants: GeneratedVariant[] = [];
  const firstSize = r.int(0, 3);
  for (let v = 0; v < variantCount; v++) {
    // each colour in consecutive sizes: no two variants alike
    const colour = colours[v % colours.length]!;
    const size = SIZES[(firstSize + Math.floor(v / colours.length)) % SIZES.length]!;
    const sku = `${code}-${colour.slice(0, 3).toUpperCase()}-${size}-${v}`;
    // about 1 SKU in 6 is sold out
    variants.push({ id: uuidOf(3, n * 8 + v), sku, title: `${colour} / ${size}`, attributes: { size, colour }, price: base + (size === 'XL' || size === 'XXL' ? Math.round(base * 0.1) : 0), onHand: r.random() < 0.17 ? 0 : r.int(1, 200) });
  }
  const roll = r.random();
  const second = r.random() < 0.1 ? r.pick(leaves).id : null;
  return {
    id: uuidOf(2, n),
    slug: `${kebab(title)}-${n}`,
    title,
    description,
    status: roll < 0.97 ? 'active' : roll < 0.99 ? 'draft' : 'archived',
    images: [{ url: `https://cdn.example.com/products/${code}/1.jpg`, alt: title }, { url: `https://cdn.example.com/products/${code}/2.jpg`, alt: '' }],
    createdAt: new Date(now.getTime() - r.int(0, 730 * 86_400) * 1000),
    categoryIds: second && second !== leaf.id ? [leaf.id, second] : [leaf.id],
    variants,
  };
}

/** Writes the category tree and `count` products (batches of 2,000, one transaction each). */
export async function writeShop(databaseUrl: string, options: { count: number; seed: number; partitions: number; onProgress?: (written: number) => void }): Promise<{ categories: GeneratedCategory[]; variants: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const categories = categoryTree();
    await client.query(
      `INSERT INTO catalog.category (id, slug, name, parent_id, position) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::int[])`,
      [categories.map((c) => c.id), categories.map((c) => c.slug), categories.map((c) => c.name), categories.map((c) => c.parentId), categories.map((_, i) => i)],
    );
    const leaves = categories.filter((c) => c.nouns.length > 0);
    const r = rng(options.seed);
    const now = new Date();
    let variants = 0;
    for (let from = 0; from < options.count; from += 2000) {
      const batch = Array.from({ length: Math.min(2000, options.count - from) }, (_, i) => generateProduct(from + i, r, leaves, now));
      const allVariants = batch.flatMap((p) => p.variants.map((v, position) => ({ ...v, productId: p.id, position })));
      variants += allVariants.length;
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO catalog.product (id, slug, title, description, status, images, min_price, currency, version, created_at, updated_at)
         SELECT id, slug, title, description, status::catalog."ProductStatus", images, min_price, 'EUR', 1, created_at, created_at
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::int[], $8::timestamptz[])
           AS t(id, slug, title, description, status, images, min_price, created_at)`,
        [
          batch.map((p) => p.id),
          batch.map((p) => p.slug),
          batch.map((p) => p.title),
          batch.map((p) => p.description),
          batch.map((p) => p.status),
          batch.map((p) => JSON.stringify(p.images)),
          batch.map((p) => Math.min(...p.variants.map((v) => v.price))),
          batch.map((p) => p.createdAt.toISOString()),
        ],
      );
      const links = batch.flatMap((p) => p.categoryIds.map((c) => [p.id, c] as const));
      await client.query(`INSERT INTO catalog.product_category (product_id, category_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [links.map((l) => l[0]), links.map((l) => l[1])]);
      await client.query(
        `INSERT INTO catalog.variant (id, product_id, sku, title, attributes, price_amount, currency, position)
         SELECT id, product_id, sku, title, attributes, price_amount, 'EUR', position
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::int[], $7::int[]) AS t(id, product_id, sku, title, attributes, price_amount, position)`,
        [
          allVariants.map((v) => v.id),
          allVariants.map((v) => v.productId),
          allVariants.map((v) => v.sku),
          allVariants.map((v) => v.title),
          allVariants.map((v) => JSON.stringify(v.attributes)),
          allVariants.map((v) => v.price),
          allVariants.map((v) => v.position),
        ],
      );
      await client.query(`INSERT INTO inventory.stock (sku, partition, on_hand) SELECT * FROM unnest($1::text[], $2::int[], $3::int[])`, [
        allVariants.map((v) => v.sku),
        allVariants.map((v) => partitionOf(v.sku, options.partitions)),
        allVariants.map((v) => v.onHand),
      ]);
      await client.query('COMMIT');
      options.onProgress?.(from + batch.length);
    }
    await client.query('ANALYZE catalog.product; ANALYZE catalog.variant; ANALYZE catalog.product_category; ANALYZE inventory.stock');
    return { categories, variants };
  } finally {
    await client.end();
  }
}

/** Every lower-cased word the generated text can hold (titles, descriptions, categories, variant titles). */
export function vocabulary(): Set<string> {
  const nouns = Object.values(SECTIONS).flatMap((leaves) => [...Object.keys(leaves), ...Object.values(leaves).flat()]);
  const text = [...ROOTS, ...Object.keys(SECTIONS), ...nouns, ...MATERIALS, ...ADJECTIVES, ...COLOURS, ...SIZES, ...FITS, ...FEATURES, ...CARE, ...ORIGIN, 'a our this in cut for with finished'];
  return new Set(text.join(' ').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0));
}

/** The nouns of product titles, lower-cased single words (tee, hoodie, jacket...). */
export function titleNouns(): string[] {
  return [...new Set(Object.values(SECTIONS).flatMap((leaves) => Object.values(leaves).flat()).flatMap((n) => n.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length >= 3))];
}
