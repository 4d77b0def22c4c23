import type { Category, Product, ProductSort, ProductStatus, VariantView } from '@shop/contracts';
import type { Tx } from '@shop/persistence';

export interface ProductListFilter {
  statuses: readonly ProductStatus[];
  categoryIds?: readonly string[];
  /** Words in the title or slug (any case), or part of a variant's SKU. */
  search?: string;
  sort: ProductSort;
  limit: number;
  cursor?: string;
}

/** A listing cursor that does not belong to this listing. */
export class InvalidCursorError extends Error {}
/** The product changed since it was read (its version moved on): the write is refused. */
export class StaleProductError extends Error {}

/**
 * Products, variants and categories. Writes take the transaction they belong to, so the outbox
 * row of the change commits with it.
 */
export interface ProductStore {
  findById(id: string): Promise<Product | null>;
  findBySlug(slug: string): Promise<Product | null>;
  /** Keyset-paginated; throws InvalidCursorError for a cursor of another listing. */
  list(filter: ProductListFilter): Promise<{ items: Product[]; nextCursor: string | null }>;
  insert(tx: Tx, product: Product): Promise<void>;
  /** Throws StaleProductError when the product is no longer at `expectedVersion`. */
  save(tx: Tx, product: Product, expectedVersion: number): Promise<void>;
  findVariantsBySkus(skus: readonly string[]): Promise<VariantView[]>;
  allCategories(): Promise<Category[]>;
  insertCategory(category: Category): Promise<void>;
  countExistingCategories(ids: readonly string[]): Promise<number>;
  /** Which unique field a failed write collided on (slug or SKU), or undefined for any other error. */
  uniqueViolationField(err: unknown): 'slug' | 'sku' | undefined;
}
