import { minorUnitsToInput, parseMinorUnits, type CreateProductBody, type Product, type ProductStatus, type UpdateProductBody } from '@shop/contracts';
import { typedMoneyReason } from '../merch/form-mapping';
import { asSentence, fieldProblem } from '../problem';

/**
 * The product editor's state as the form holds it (strings, as typed) and its mapping to and
 * from the catalog's contract. Pure: unit-tested in product-form.spec.ts. Errors are keyed by the
 * API's own field paths (`variants.0.price.amount`), so the API's 400 and these checks show in
 * the same place, next to the field, as sentences that name it (`productFieldProblem`).
 */
export interface VariantDraft {
  /** A stable key for React while variants are added and removed. */
  key: string;
  sku: string;
  title: string;
  /** `size=M, colour=Navy`. */
  attributes: string;
  /** Decimal, as typed: `25`, `25.5`, `25,50` (read by `parseMinorUnits`, as every money field of the console). */
  price: string;
  /** The merchant confirmed a price of 0 (a free sample): without it, 0 is refused as a slip. */
  sellForFree: boolean;
}

export interface ImageDraft {
  key: string;
  url: string;
  alt: string;
}

export interface ProductDraft {
  title: string;
  slug: string;
  description: string;
  status: Exclude<ProductStatus, 'archived'>;
  categoryIds: string[];
  images: ImageDraft[];
  variants: VariantDraft[];
  currency: string;
}

export type FieldErrors = Record<string, string>;

export type Mapped<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

/** Whether the typed price is 0: the item would be free in the shop, so the form asks first. */
export function isFreePrice(price: string, currency: string): boolean {
  const parsed = parseMinorUnits(price, currency);
  return parsed.ok && parsed.amount === 0;
}

export const FREE_PRICE_UNCONFIRMED = 'Price is 0, so the item would be free in the shop: tick “Sell for free” to confirm, or enter a price.';

/**
 * The editor's labels by the API's field path, each index said as `N` (`variants.N.sku`): the
 * words its fields show, so a problem names the field as the person sees it.
 */
const PRODUCT_LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  slug: 'Slug',
  description: 'Description',
  status: 'Status',
  categoryIds: 'Categories',
  'categoryIds.N': 'Category',
  variants: 'Variants',
  'variants.N.sku': 'SKU',
  'variants.N.title': 'Variant title',
  'variants.N.attributes': 'Attributes',
  'variants.N.price': 'Price',
  'variants.N.price.amount': 'Price',
  'variants.N.price.currency': 'Currency',
  images: 'Images',
  'images.N.url': 'Image address',
  'images.N.alt': 'Description for screen readers',
};

/** A reason that says something of its field ("must not be empty", "is already used…"), not a clause of its own ("a product needs at least one variant"). */
const PREDICATE = /^(must|is|are|has|have|cannot|can|needs|does|was)\b/;

/**
 * A product field's problem (the form's own or the API's) as a sentence naming the field by its
 * label in the editor, as every field of the console says it: "Title must not be empty.",
 * "Price: “1.234” is ambiguous — write 1234.00 or 1.234,00.", an attribute by its name
 * ("Attribute “size” must be at most 80 characters long."). A reason that is a clause of its own
 * ("a product needs at least one variant", "some categories do not exist") or already a sentence
 * is said as it is, as a sentence.
 */
export function productFieldProblem(field: string, reason: string): string {
  if (/^[a-z]/.test(reason) && !PREDICATE.test(reason)) return asSentence(reason);
  const attribute = /^variants\.\d+\.attributes\.(.+)$/.exec(field);
  const label = attribute ? `Attribute “${attribute[1]}”` : PRODUCT_LABELS[field.replace(/\.\d+(?=\.|$)/g, '.N')];
  return asSentence(fieldProblem(field, reason, label ? { [field]: label } : {}));
}

/**
 * A variant's price problem as a sentence naming the field, as every money field of the console
 * says it ("Price: “1.234” is ambiguous — write 1234.00 or 1.234,00."); an API reason the same way.
 */
export function priceProblem(reason: string): string {
  return productFieldProblem('variants.0.price.amount', reason);
}

/** `size=M, colour=Navy` → { size: 'M', colour: 'Navy' }; null when a part is not `name=value`. */
export function attributesOf(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = part.indexOf('=');
    if (at <= 0 || at === part.length - 1) return null;
    out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}

export function attributesText(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}

let keys = 0;
function nextKey(): string {
  keys += 1;
  return `k${keys}`;
}

export function emptyVariant(): VariantDraft {
  return { key: nextKey(), sku: '', title: '', attributes: '', price: '', sellForFree: false };
}

export function emptyImage(): ImageDraft {
  return { key: nextKey(), url: '', alt: '' };
}

export function emptyDraft(currency = 'EUR'): ProductDraft {
  return { title: '', slug: '', description: '', status: 'draft', categoryIds: [], images: [], variants: [emptyVariant()], currency };
}

/** An existing product in the editor. */
export function draftOf(product: Product): ProductDraft {
  return {
    title: product.title,
    slug: product.slug,
    description: product.description,
    status: product.status === 'archived' ? 'draft' : product.status,
    categoryIds: [...product.categoryIds],
    images: product.images.map((image) => ({ key: nextKey(), url: image.url, alt: image.alt })),
    // A variant already free was confirmed when it was saved: editing something else does not ask again.
    variants: product.variants.map((v) => ({ key: nextKey(), sku: v.sku, title: v.title, attributes: attributesText(v.attributes), price: minorUnitsToInput(v.price.amount, v.price.currency), sellForFree: v.price.amount === 0 })),
    currency: product.variants[0]?.price.currency ?? 'EUR',
  };
}

/** The draft as the catalog's create body, or the problems a person can fix before sending it. */
export function createBodyOf(draft: ProductDraft): Mapped<CreateProductBody> {
  const errors: FieldErrors = {};
  const title = draft.title.trim();
  if (!title) errors.title = 'must not be empty';
  const variants: CreateProductBody['variants'] = [];
  if (draft.variants.length === 0) errors.variants = 'a product needs at least one variant';
  const skus = new Set<string>();
  draft.variants.forEach((v, i) => {
    const sku = v.sku.trim().toUpperCase();
    if (!sku) errors[`variants.${i}.sku`] = 'must not be empty';
    else if (skus.has(sku)) errors[`variants.${i}.sku`] = `“${sku}” is used by another variant of this product`;
    skus.add(sku);
    const parsed = parseMinorUnits(v.price, draft.currency);
    const amount = parsed.ok ? parsed.amount : null;
    if (!parsed.ok) errors[`variants.${i}.price.amount`] = priceProblem(typedMoneyReason(v.price, parsed));
    else if (parsed.amount === 0 && !v.sellForFree) errors[`variants.${i}.price.amount`] = FREE_PRICE_UNCONFIRMED;
    const attributes = attributesOf(v.attributes);
    if (attributes === null) errors[`variants.${i}.attributes`] = `“${v.attributes.trim()}” must be name=value pairs separated by commas, e.g. size=M, colour=Navy`;
    variants.push({ sku, ...(v.title.trim() ? { title: v.title.trim() } : {}), attributes: attributes ?? {}, price: { amount: amount ?? 0, currency: draft.currency } });
  });
  const images = draft.images
    .map((image, i) => ({ i, url: image.url.trim(), alt: image.alt.trim() }))
    .filter((image) => image.url || image.alt);
  for (const image of images) if (!image.url) errors[`images.${image.i}.url`] = 'must not be empty (or remove the image)';
  if (Object.keys(errors).length > 0) return { ok: false, errors: Object.fromEntries(Object.entries(errors).map(([field, reason]) => [field, productFieldProblem(field, reason)])) };
  return {
    ok: true,
    body: {
      ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
      title,
      description: draft.description,
      status: draft.status,
      categoryIds: draft.categoryIds,
      images: images.map(({ url, alt }) => ({ url, alt })),
      variants,
    },
  };
}

/**
 * The draft as a change of an existing product: the whole editable state (the catalog replaces
 * variants by SKU) except its images, which change through their own routes (upload, order,
 * remove): saving the form never undoes an upload made meanwhile.
 */
export function updateBodyOf(draft: ProductDraft): Mapped<UpdateProductBody> {
  const mapped = createBodyOf({ ...draft, images: [] });
  if (!mapped.ok) return mapped;
  const { slug, images: _images, ...rest } = mapped.body;
  return { ok: true, body: slug ? { slug, ...rest } : rest };
}
