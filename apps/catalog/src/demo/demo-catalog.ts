import {
  CLOSING_SENTENCES,
  IMAGE_VIEWS,
  LEAF_CATEGORIES,
  OPENING_SENTENCES,
  PARENT_CATEGORIES,
  type Axis,
  type AxisValue,
  type ItemSpec,
  type LeafSpec,
} from './demo-catalog-data.js';
import { deterministicUuid } from './deterministic-uuid.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

/**
 * The demo catalog: a pure, deterministic function of its options. No clock, no network, no
 * Math.random: the same options give the same rows (ids included) on every machine, so seeding
 * twice updates rows instead of duplicating them.
 */

export type DemoProductStatus = 'draft' | 'active' | 'archived';

export interface DemoCategory {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  position: number;
  createdAt: Date;
}

export interface DemoImage {
  url: string;
  alt: string;
}

export interface DemoVariant {
  id: string;
  sku: string;
  title: string;
  attributes: Record<string, string>;
  /** EUR minor units. */
  priceAmount: number;
  currency: string;
  position: number;
}

export interface DemoProduct {
  id: string;
  slug: string;
  title: string;
  description: string;
  status: DemoProductStatus;
  images: DemoImage[];
  /** The lowest variant price, as the product table keeps it for price sorting. */
  minPrice: number;
  currency: string;
  /** Leaf categories only; the tree says which parent they sit under. */
  categoryIds: string[];
  variants: DemoVariant[];
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoCatalog {
  categories: DemoCategory[];
  products: DemoProduct[];
}

export interface DemoCatalogOptions {
  /** Changes every random choice; the default gives the catalog the tests pin. */
  seed?: string;
  productCount?: number;
  /** "Now" for the demo: products were created during the year before it. */
  baseDate?: Date;
}

export const DEMO_SEED = 'flashshop-demo-v1';
export const DEMO_PRODUCT_COUNT = 520;
export const DEMO_BASE_DATE = new Date('2026-11-01T00:00:00.000Z');
export const DEMO_CURRENCY = 'EUR';
export const PLACEHOLDER_MEDIA_PREFIX = '/media/placeholder/';

const DAY_MS = 24 * 60 * 60 * 1000;
const SKU_MAX_LENGTH = 64;
const MIN_VARIANTS = 2;
const MAX_VARIANTS = 5;
const ARCHIVED_SHARE = 0.03;
const DRAFT_SHARE = 0.07;

export function generateDemoCatalog(options: DemoCatalogOptions = {}): DemoCatalog {
  const seed = options.seed ?? DEMO_SEED;
  const productCount = options.productCount ?? DEMO_PRODUCT_COUNT;
  const baseDate = options.baseDate ?? DEMO_BASE_DATE;
  if (!Number.isInteger(productCount) || productCount < 0) throw new Error(`productCount must be a non-negative integer, got ${productCount}`);

  const random = createSeededRandom(seed);
  const categories = buildCategories(baseDate);
  const categoryIdBySlug = new Map(categories.map((c) => [c.slug, c.id]));

  const drafts = pickProducts(random, productCount);
  const statuses = assignStatuses(random, drafts.length);
  const products = drafts.map(({ leaf, prefix, item }, index) =>
    buildProduct(random, {
      leaf,
      prefix,
      item,
      status: statuses[index] ?? 'active',
      categoryId: categoryIdBySlug.get(leaf.slug) ?? '',
      baseDate,
    }),
  );
  assertUnique(products.map((p) => p.slug), 'product slug');
  assertUnique(products.flatMap((p) => p.variants.map((variant) => variant.sku)), 'SKU');
  return { categories, products };
}

/** The placeholder image path the catalog service serves for the n-th picture of a product. */
export function placeholderImageUrl(slug: string, n: number): string {
  return `${PLACEHOLDER_MEDIA_PREFIX}${slug}-${n}.svg`;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function skuSegment(text: string): string {
  return text
    .toUpperCase()
    .replace(/['’]/g, '')
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function buildCategories(baseDate: Date): DemoCategory[] {
  // Categories predate every product, so "created" ordering stays sensible.
  const createdAt = new Date(baseDate.getTime() - 400 * DAY_MS);
  const parents = PARENT_CATEGORIES.map(
    (parent, position): DemoCategory => ({
      id: deterministicUuid(`category:${parent.slug}`),
      slug: parent.slug,
      name: parent.name,
      parentId: null,
      position,
      createdAt,
    }),
  );
  const parentIdBySlug = new Map(parents.map((p) => [p.slug, p.id]));
  const children = PARENT_CATEGORIES.flatMap((parent) =>
    LEAF_CATEGORIES.filter((leaf) => leaf.parentSlug === parent.slug).map(
      (leaf, position): DemoCategory => ({
        id: deterministicUuid(`category:${leaf.slug}`),
        slug: leaf.slug,
        name: leaf.name,
        parentId: parentIdBySlug.get(parent.slug) ?? null,
        position,
        createdAt,
      }),
    ),
  );
  return [...parents, ...children];
}

interface ProductDraft {
  leaf: LeafSpec;
  prefix: string;
  item: ItemSpec;
}

/** Spreads the products evenly over the leaf categories, each a distinct prefix x item pair. */
function pickProducts(random: SeededRandom, productCount: number): ProductDraft[] {
  const leaves = LEAF_CATEGORIES;
  const pools = leaves.map((leaf) =>
    random.shuffle(leaf.prefixes.flatMap((prefix) => leaf.items.map((item): ProductDraft => ({ leaf, prefix, item })))),
  );
  const capacity = pools.reduce((sum, pool) => sum + pool.length, 0);
  if (productCount > capacity) throw new Error(`the demo word lists make at most ${capacity} products, asked for ${productCount}`);

  const drafts: ProductDraft[] = [];
  const taken = pools.map(() => 0);
  // Round-robin so every category gets its share and neighbours in the list differ.
  while (drafts.length < productCount) {
    for (let i = 0; i < pools.length && drafts.length < productCount; i++) {
      const pool = pools[i] ?? [];
      const next = pool[taken[i] ?? 0];
      if (next === undefined) continue;
      drafts.push(next);
      taken[i] = (taken[i] ?? 0) + 1;
    }
  }
  return drafts;
}

/** Exact shares (~90% active, ~7% draft, ~3% archived), placed at random. */
function assignStatuses(random: SeededRandom, count: number): DemoProductStatus[] {
  const archived = Math.round(count * ARCHIVED_SHARE);
  const draft = Math.round(count * DRAFT_SHARE);
  const statuses: DemoProductStatus[] = Array.from({ length: count }, (_, i) =>
    i < archived ? 'archived' : i < archived + draft ? 'draft' : 'active',
  );
  return random.shuffle(statuses);
}

interface ProductInput extends ProductDraft {
  status: DemoProductStatus;
  categoryId: string;
  baseDate: Date;
}

function buildProduct(random: SeededRandom, input: ProductInput): DemoProduct {
  const { leaf, prefix, item } = input;
  const title = `${prefix} ${item.noun}`;
  const slug = slugify(title);
  const productId = deterministicUuid(`product:${slug}`);
  const [minBase, maxBase] = item.price ?? leaf.price;
  const basePrice = roundToCharmPrice(random.int(minBase, maxBase));
  const skuStem = `${item.code}-${skuSegment(prefix)}`;

  const variants = buildVariants(random, {
    primary: leaf.primary,
    secondary: item.secondary === undefined ? leaf.secondary : item.secondary,
    skuStem,
    basePrice,
  });

  // Whole seconds within the year before the base date, so "newest" has a real spread.
  const ageSeconds = random.int(1 * 3600, 365 * 24 * 3600);
  const createdAt = new Date(input.baseDate.getTime() - ageSeconds * 1000);
  const editedAfterSeconds = random.int(0, Math.min(30 * 24 * 3600, ageSeconds));
  const updatedAt = new Date(createdAt.getTime() + editedAfterSeconds * 1000);

  const imageCount = random.int(1, 3);
  const images = Array.from({ length: imageCount }, (_, i) => ({
    url: placeholderImageUrl(slug, i + 1),
    alt: `${title}, ${IMAGE_VIEWS[i] ?? `view ${i + 1}`}`,
  }));

  return {
    id: productId,
    slug,
    title,
    description: describe(random, leaf, title, item.noun),
    status: input.status,
    images,
    minPrice: Math.min(...variants.map((variant) => variant.priceAmount)),
    currency: DEMO_CURRENCY,
    categoryIds: [input.categoryId],
    variants,
    createdAt,
    updatedAt,
  };
}

interface VariantInput {
  primary: Axis;
  secondary: Axis | null;
  skuStem: string;
  basePrice: number;
}

/**
 * 2-5 variants as a small grid: a few values of the primary axis (colours, picked freely) times
 * a contiguous run of the secondary axis (sizes S-L, capacities 64-256 GB), as real ranges are.
 */
function buildVariants(random: SeededRandom, input: VariantInput): DemoVariant[] {
  const { primary, secondary, skuStem, basePrice } = input;
  const secondaryCount = secondary?.values.length ?? 1;
  const wanted = random.int(MIN_VARIANTS, Math.min(MAX_VARIANTS, primary.values.length * secondaryCount));
  const shapes = gridShapes(wanted, primary.values.length, secondaryCount);
  // A run of sizes or capacities reads like a real range; prefer it to many colours in one size.
  const runs = shapes.filter(([, run]) => run >= 2);
  const [primaryCount, runLength] = random.pick(runs.length > 0 ? runs : shapes);

  const primaryValues = random
    .shuffle(primary.values.map((value, index) => ({ value, index })))
    .slice(0, primaryCount)
    .sort((a, b) => a.index - b.index);
  const runStart = random.int(0, secondaryCount - runLength);

  const variants: DemoVariant[] = [];
  for (const { value: first, index: firstIndex } of primaryValues) {
    for (let step = 0; step < runLength; step++) {
      const secondIndex = runStart + step;
      const second: AxisValue | undefined = secondary?.values[secondIndex];
      const attributes: Record<string, string> = { [primary.name]: first.label };
      if (secondary && second) attributes[secondary.name] = second.label;
      const sku = [skuStem, first.code, second?.code].filter((part) => part !== undefined).join('-');
      if (sku.length > SKU_MAX_LENGTH) throw new Error(`generated SKU ${sku} is longer than ${SKU_MAX_LENGTH}`);
      const priceAmount =
        basePrice + firstIndex * (primary.priceStep ?? 0) + secondIndex * (secondary?.priceStep ?? 0);
      variants.push({
        id: deterministicUuid(`variant:${sku}`),
        sku,
        title: [first.label, second?.label].filter((part) => part !== undefined).join(' / '),
        attributes,
        priceAmount,
        currency: DEMO_CURRENCY,
        position: variants.length,
      });
    }
  }
  return variants;
}

/** The (primary count, run length) pairs that make exactly `wanted` variants, or the closest smaller. */
function gridShapes(wanted: number, primaryMax: number, secondaryMax: number): [number, number][] {
  for (let n = wanted; n >= 1; n--) {
    const shapes: [number, number][] = [];
    for (let a = 1; a <= Math.min(n, primaryMax); a++) {
      if (n % a === 0 && n / a <= secondaryMax) shapes.push([a, n / a]);
    }
    if (shapes.length > 0) return shapes;
  }
  return [[1, 1]];
}

/** Two or three sentences: an opening, a detail of the category, sometimes a closing line. */
function describe(random: SeededRandom, leaf: LeafSpec, title: string, noun: string): string {
  const opening = random.pick(OPENING_SENTENCES).replace('{title}', title).replace('{noun}', nounInSentence(noun));
  const [detail, secondDetail] = random.shuffle(leaf.details);
  const sentences = [opening, detail];
  const extra = random.next();
  if (extra < 0.3) sentences.push(secondDetail);
  else if (extra < 0.7) sentences.push(random.pick(CLOSING_SENTENCES));
  return sentences.filter((sentence) => sentence !== undefined).join(' ');
}

/** "Portable SSD" -> "portable SSD": lower-case ordinary words, keep acronyms and mixed case. */
function nounInSentence(noun: string): string {
  return noun
    .split(' ')
    .map((word) => (word.split('-').every((part) => /^[A-Z][a-z'’]*$/.test(part)) ? word.toLowerCase() : word))
    .join(' ');
}

/** 4312 -> 4299: the ".99" prices shops use, in minor units. */
function roundToCharmPrice(amount: number): number {
  return Math.max(99, Math.round(amount / 100) * 100 - 1);
}

function assertUnique(values: string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new Error(`the demo catalog generated the ${what} ${value} twice`);
    seen.add(value);
  }
}
