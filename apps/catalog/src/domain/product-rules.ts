import {
  failure,
  FailureCode,
  isFailureCode,
  type CreateProductBody,
  type Failure,
  type Image,
  type Money,
  type Product,
  type ProductStatus,
  type UpdateProductBody,
  type VariantInput,
} from '@shop/contracts';

/** Expected failures of catalog commands: values, not exceptions (the application throws them). */
export type CatalogError =
  | Failure<typeof FailureCode.MIXED_CURRENCIES>
  /** details: `{ from, to }` */
  | Failure<typeof FailureCode.ILLEGAL_STATUS_TRANSITION>
  | Failure<typeof FailureCode.PRODUCT_ARCHIVED>;

export interface IdSource {
  next(): string;
}

/** Which status changes an admin may make. Archived is retired: it can only go back to draft. */
const allowedTransitions: Record<ProductStatus, readonly ProductStatus[]> = {
  draft: ['active', 'archived'],
  active: ['draft', 'archived'],
  archived: ['draft'],
};

export function canTransition(from: ProductStatus, to: ProductStatus): boolean {
  return from === to || allowedTransitions[from].includes(to);
}

/** "Merino Crew Tee — Navy!" -> "merino-crew-tee-navy". */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/g, '');
  return slug || 'product';
}

/** The lowest variant price, used to sort by price; every variant of a product shares one currency. */
export function lowestPrice(variants: readonly { price: Money }[]): Money | CatalogError {
  const currencies = new Set(variants.map((v) => v.price.currency));
  if (currencies.size > 1) {
    return failure(FailureCode.MIXED_CURRENCIES, `all variants must share one currency, got ${[...currencies].join(', ')}`);
  }
  const amount = Math.min(...variants.map((v) => v.price.amount));
  return { amount, currency: variants[0].price.currency };
}

/** A variant's title defaults to its attribute values ("Navy / M"). */
export function variantTitle(input: VariantInput): string {
  return input.title ?? (Object.values(input.attributes).join(' / ') || input.sku);
}

export function isCatalogError(value: unknown): value is CatalogError {
  return typeof value === 'object' && value !== null && isFailureCode((value as { code?: unknown }).code);
}

/** Images given by an admin, each with an id (one it already had, else a new one). */
function identified(images: readonly Image[], ids: IdSource): Image[] {
  return images.map((image) => (image.id ? image : { ...image, id: ids.next() }));
}

/** Builds a new product from an admin's create command. */
export function createProduct(body: CreateProductBody, ids: IdSource, now: Date): Product | CatalogError {
  const price = lowestPrice(body.variants);
  if (isCatalogError(price)) return price;
  const at = now.toISOString();
  return {
    id: ids.next(),
    slug: body.slug ?? slugify(body.title),
    title: body.title,
    description: body.description,
    status: body.status,
    categoryIds: body.categoryIds,
    images: identified(body.images, ids),
    variants: body.variants.map((v) => ({
      id: ids.next(),
      sku: v.sku,
      title: variantTitle(v),
      attributes: v.attributes,
      price: v.price,
    })),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Applies an admin's update. Variants are matched by SKU so an unchanged SKU keeps its id
 * (carts and inventory refer to SKUs; ids stay stable for the same SKU).
 */
export function updateProduct(current: Product, body: UpdateProductBody, ids: IdSource, now: Date): Product | CatalogError {
  if (current.status === 'archived' && body.status !== 'draft') {
    return failure(FailureCode.PRODUCT_ARCHIVED, 'an archived product can only be restored to draft');
  }
  if (body.status && !canTransition(current.status, body.status)) {
    const transition: { from: ProductStatus; to: ProductStatus } = { from: current.status, to: body.status };
    return failure(FailureCode.ILLEGAL_STATUS_TRANSITION, `cannot move a product from ${current.status} to ${body.status}`, transition);
  }
  let variants = current.variants;
  if (body.variants) {
    const price = lowestPrice(body.variants);
    if (isCatalogError(price)) return price;
    const existing = new Map(current.variants.map((v) => [v.sku, v.id]));
    variants = body.variants.map((v) => ({
      id: existing.get(v.sku) ?? ids.next(),
      sku: v.sku,
      title: variantTitle(v),
      attributes: v.attributes,
      price: v.price,
    }));
  }
  return {
    ...current,
    slug: body.slug ?? current.slug,
    title: body.title ?? current.title,
    description: body.description ?? current.description,
    status: body.status ?? current.status,
    categoryIds: body.categoryIds ?? current.categoryIds,
    images: body.images ? identified(body.images, ids) : current.images,
    variants,
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
}

export function archiveProduct(current: Product, now: Date): Product | CatalogError {
  if (current.status === 'archived') return current;
  return { ...current, status: 'archived', version: current.version + 1, updatedAt: now.toISOString() };
}
