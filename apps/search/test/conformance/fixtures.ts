import { CategoryTree, type CategoryRef } from '../../src/domain/category-tree.js';
import type { SearchDocument } from '../../src/domain/search-document.js';

/**
 * The conformance suite's shop: two root categories with children, and a few products chosen so
 * each relevance case of the issue has one right answer. Ids sort in the order they are listed
 * (tie-breaks by productId are predictable), and no description holds a word starting with "tee".
 */
const category = (n: number, slug: string, name: string, parentId: string | null): CategoryRef => ({
  id: `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  slug,
  name,
  parentId,
});

export const CLOTHING = category(1, 'clothing', 'Clothing', null);
export const T_SHIRTS = category(2, 't-shirts', 'T-shirts', CLOTHING.id);
export const HOODIES = category(3, 'hoodies', 'Hoodies', CLOTHING.id);
export const TROUSERS = category(4, 'trousers', 'Trousers', CLOTHING.id);
export const HOME = category(5, 'home', 'Home', null);
export const KITCHEN = category(6, 'kitchen', 'Kitchen', HOME.id);
export const BEDDING = category(7, 'bedding', 'Bedding', HOME.id);
/** Empty on purpose: a category without products never shows in a facet. */
export const GARDEN = category(8, 'garden', 'Garden', HOME.id);

export const FIXTURE_CATEGORIES = new CategoryTree([CLOTHING, T_SHIRTS, HOODIES, TROUSERS, HOME, KITCHEN, BEDDING, GARDEN]);

let nextProduct = 0;
export function productId(n: number): string {
  return `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

interface FixtureInput {
  title: string;
  category: CategoryRef;
  price: number;
  description?: string;
  sizes?: string[];
  colours?: string[];
  inStock?: boolean;
  /** Day of January 2026 the product was created. */
  day: number;
  /** A live sale's price of a variant: the price now (what sorts and filters use). */
  salePrice?: number;
}

/** A document as the indexer would build it: categories with their ancestors, variants from sizes × colours. */
export function fixtureDocument(input: FixtureInput, n = ++nextProduct): SearchDocument {
  const path = FIXTURE_CATEGORIES.pathTo(input.category.id);
  const sizes = input.sizes ?? [];
  const colours = input.colours ?? [];
  const slug = input.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const variantNames =
    sizes.length + colours.length === 0
      ? [input.title]
      : (colours.length > 0 ? colours : ['']).flatMap((c) => (sizes.length > 0 ? sizes : ['']).map((s) => [c, s].filter(Boolean).join(' / ')));
  const attributes: Record<string, string[]> = {};
  if (sizes.length > 0) attributes['size'] = sizes;
  if (colours.length > 0) attributes['colour'] = colours;
  const skus = variantNames.map((_, i) => `${slug.toUpperCase().slice(0, 12)}-${i + 1}`);
  return {
    productId: productId(n),
    slug,
    title: input.title,
    description: input.description ?? `${input.title}, made to last.`,
    variantNames,
    skus,
    categoryIds: path.map((c) => c.id),
    categoryNames: path.map((c) => c.name),
    attributes,
    currency: 'EUR',
    priceMin: input.price,
    priceMax: input.price + 500,
    listPrices: Object.fromEntries(skus.map((sku, i) => [sku, i === 0 ? input.price : input.price + 500])),
    priceNow: input.salePrice ?? input.price,
    salePrice: input.salePrice ?? null,
    inStock: input.inStock ?? true,
    image: `https://img.example/${slug}.jpg`,
    createdAt: new Date(Date.UTC(2026, 0, input.day, 12)).toISOString(),
    version: 1,
  };
}

export const ORGANIC_TEE = fixtureDocument({
  title: 'Organic Cotton Tee',
  category: T_SHIRTS,
  price: 1999,
  sizes: ['S', 'M', 'L'],
  colours: ['Navy', 'White'],
  day: 1,
  salePrice: 1499,
});
export const CLASSIC_TEE = fixtureDocument({ title: 'Classic Tee', category: T_SHIRTS, price: 1499, sizes: ['M', 'L', 'XL'], colours: ['Black'], day: 2 });
export const GRAPHIC_TEE = fixtureDocument({
  title: 'Graphic Tee',
  category: T_SHIRTS,
  price: 2499,
  sizes: ['S', 'M'],
  colours: ['White'],
  inStock: false,
  day: 3,
});
export const STRIPED_T_SHIRT = fixtureDocument({ title: 'Striped T-Shirt', category: T_SHIRTS, price: 2999, sizes: ['M'], colours: ['Red'], day: 4 });
export const COTTON_HOODIE = fixtureDocument({
  title: 'Cotton Hoodie',
  category: HOODIES,
  price: 5999,
  description: 'A heavy hoodie with a brushed lining.',
  sizes: ['M', 'L'],
  colours: ['Grey'],
  day: 5,
});
export const ZIP_HOODIE = fixtureDocument({ title: 'Zip Hoodie', category: HOODIES, price: 5999, sizes: ['L'], colours: ['Black'], day: 5 });
export const CHINO_TROUSERS = fixtureDocument({ title: 'Chino Trousers', category: TROUSERS, price: 7999, sizes: ['32', '34'], colours: ['Beige'], day: 6 });
export const CHEFS_KNIFE = fixtureDocument({ title: "Chef's Knife", category: KITCHEN, price: 8999, colours: ['Steel'], day: 7 });
export const CAST_IRON_PAN = fixtureDocument({ title: 'Cast Iron Pan', category: KITCHEN, price: 4999, day: 8 });
export const CANVAS_APRON = fixtureDocument({ title: 'Canvas Apron', category: KITCHEN, price: 2500, colours: ['Navy'], day: 9 });
export const SALT_AND_PEPPER = fixtureDocument({ title: 'Salt & Pepper <Set>', category: KITCHEN, price: 1299, day: 10 });
export const QUILTED_THROW = fixtureDocument({ title: 'Quilted Throw', category: BEDDING, price: 6999, colours: ['Grey'], day: 11 });
export const SOFA_CUSHION = fixtureDocument({
  title: 'Sofa Cushion',
  category: BEDDING,
  price: 3999,
  // The words of the query three times in the description, once in the other product's title.
  description: 'Matches our quilted throw: quilted throw colours, quilted throw feel.',
  colours: ['Grey'],
  day: 12,
});
export const LUXURY_DUVET = fixtureDocument({
  title: 'Luxury Duvet',
  category: BEDDING,
  price: 24999,
  sizes: ['Single', 'Double', 'King'],
  colours: ['White'],
  day: 13,
});
export const WOOL_BLANKET = fixtureDocument({ title: 'Wool Blanket', category: BEDDING, price: 12000, colours: ['Grey'], inStock: false, day: 14 });
export const ORGANIC_SHEETS = fixtureDocument({
  title: 'Organic Cotton Sheets',
  category: BEDDING,
  price: 8999,
  sizes: ['Double', 'King'],
  colours: ['White'],
  day: 14,
});

export const FIXTURE_DOCUMENTS: readonly SearchDocument[] = [
  ORGANIC_TEE,
  CLASSIC_TEE,
  GRAPHIC_TEE,
  STRIPED_T_SHIRT,
  COTTON_HOODIE,
  ZIP_HOODIE,
  CHINO_TROUSERS,
  CHEFS_KNIFE,
  CAST_IRON_PAN,
  CANVAS_APRON,
  SALT_AND_PEPPER,
  QUILTED_THROW,
  SOFA_CUSHION,
  LUXURY_DUVET,
  WOOL_BLANKET,
  ORGANIC_SHEETS,
];
