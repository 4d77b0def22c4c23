import { randomUUID } from 'node:crypto';
import {
  Failed,
  FailureCode,
  ProductArchivedV1,
  ProductCreatedV1,
  ProductUpdatedV1,
  type AdminListProductsQuery,
  type Category,
  type CategoryNode,
  type Clock,
  type Failure,
  type CreateCategoryBody,
  type CreateProductBody,
  type ListProductsQuery,
  type Product,
  type ProductPage,
  type ProductStatus,
  type UpdateProductBody,
  type VariantView,
} from '@shop/contracts';
import { appendToOutbox, createEvent } from '@shop/messaging';
import { primaryReads, withTransaction, type PrismaClient, type ReadRouting, type Tx } from '@shop/persistence';
import { archiveProduct, createProduct, isCatalogError, updateProduct, type CatalogError, type IdSource } from '../domain/product-rules.js';
import { buildCategoryTree, withDescendants } from '../domain/category-tree.js';
import { etagOf } from '../domain/etag.js';
import type { CachedProduct, CacheOutcome, ProductCache } from './product-cache.js';
import { InvalidCursorError, StaleProductError, type ProductStore } from './product-store.js';

export const CATALOG_SOURCE = 'catalog';

const uuids: IdSource = { next: () => randomUUID() };

/**
 * The catalog's use cases: reads (cached) and admin commands (each with its event, in one
 * transaction). Public reads go through `publicReads` (a read replica when there is one); admin
 * reads, and everything a command reads, use `products` on the primary.
 */
export class ProductCatalog {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly products: ProductStore,
    private readonly cache: ProductCache,
    private readonly clock: Clock,
    private readonly publicReads: ReadRouting<ProductStore> = primaryReads(products),
  ) {}

  /** A public read: active products only, served from the cache when possible. */
  async publicProduct(idOrSlug: string): Promise<{ value: CachedProduct; cache: CacheOutcome }> {
    const cached = await this.cache.get(idOrSlug);
    if (cached.value) return { value: cached.value, cache: 'hit' };
    const product = await this.publicReads.read((store) => find(store, idOrSlug));
    if (!product || product.status !== 'active') throw notFound(idOrSlug);
    const json = JSON.stringify(product);
    const value = { etag: etagOf(json), json };
    await this.cache.put([product.id, product.slug], value);
    return { value, cache: cached.outcome };
  }

  /** An active product's title by slug (cached like the product), or null when there is none. */
  async publicTitle(slug: string): Promise<string | null> {
    try {
      const { value } = await this.publicProduct(slug);
      return (JSON.parse(value.json) as Pick<Product, 'title'>).title;
    } catch (err) {
      if (err instanceof Failed && err.code === FailureCode.NOT_FOUND) return null;
      throw err;
    }
  }

  async adminProduct(id: string): Promise<Product> {
    const product = await this.products.findById(id);
    if (!product) throw notFound(id);
    return product;
  }

  async publicList(query: ListProductsQuery): Promise<ProductPage> {
    return this.publicReads.read((store) => this.listing(store, query, ['active']));
  }

  async adminList(query: AdminListProductsQuery): Promise<ProductPage> {
    return this.listing(this.products, query, query.status ? [query.status] : ['draft', 'active', 'archived'], query.q);
  }

  private async listing(store: ProductStore, query: ListProductsQuery, statuses: ProductStatus[], search?: string): Promise<ProductPage> {
    const categoryIds = query.category ? await categoryScope(store, query.category) : undefined;
    try {
      return await store.list({ statuses, categoryIds, search, sort: query.sort, limit: query.limit, cursor: query.cursor });
    } catch (err) {
      if (err instanceof InvalidCursorError) throw Failed.of(FailureCode.INVALID_CURSOR, err.message);
      throw err;
    }
  }

  async create(body: CreateProductBody): Promise<Product> {
    await this.assertCategoriesExist(body.categoryIds);
    const product = orFail(createProduct(body, uuids, this.clock.now()));
    await this.writing(() =>
      withTransaction(this.prisma, async (tx) => {
        await this.products.insert(tx, product);
        await this.emit(tx, ProductCreatedV1, product);
      }),
    );
    await this.publicReads.afterWrite();
    return product;
  }

  async update(id: string, body: UpdateProductBody): Promise<Product> {
    const current = await this.adminProduct(id);
    if (body.categoryIds) await this.assertCategoriesExist(body.categoryIds);
    const next = orFail(updateProduct(current, body, uuids, this.clock.now()));
    await this.writing(() =>
      withTransaction(this.prisma, async (tx) => {
        await this.products.save(tx, next, current.version);
        await this.emit(tx, next.status === 'archived' ? ProductArchivedV1 : ProductUpdatedV1, next);
      }),
    );
    await this.publicReads.afterWrite();
    await this.cache.invalidate([current.id, current.slug, next.slug]);
    return next;
  }

  /**
   * Any other change of one product decided by pure code (the image commands): read it, decide,
   * save it with its event in one transaction (refused when someone else changed it meanwhile),
   * drop its cached reads. `decide` returns the changed product, with anything else to hand back.
   */
  async change<T extends { product: Product }>(id: string, decide: (current: Product) => T | Failure): Promise<T> {
    const current = await this.adminProduct(id);
    const decision = decide(current);
    if (!('product' in decision)) throw new Failed(decision);
    const next = decision.product;
    await this.writing(() =>
      withTransaction(this.prisma, async (tx) => {
        await this.products.save(tx, next, current.version);
        await this.emit(tx, next.status === 'archived' ? ProductArchivedV1 : ProductUpdatedV1, next);
      }),
    );
    await this.publicReads.afterWrite();
    await this.cache.invalidate([current.id, current.slug]);
    return decision;
  }

  async archive(id: string): Promise<Product> {
    const current = await this.adminProduct(id);
    if (current.status === 'archived') return current;
    const next = orFail(archiveProduct(current, this.clock.now()));
    await withTransaction(this.prisma, async (tx) => {
      await this.products.save(tx, next, current.version);
      await this.emit(tx, ProductArchivedV1, next);
    });
    await this.publicReads.afterWrite();
    await this.cache.invalidate([current.id, current.slug]);
    return next;
  }

  /** One SKU whatever its product's status (other services say "no longer available" themselves). */
  /**
   * One SKU. `public`: only a purchasable (active) product's — a draft or archived one is as
   * unknown (404); `all`: any status, for the services that must tell "no longer available".
   */
  async variant(sku: string, visibility: VariantVisibility): Promise<VariantView> {
    const [found] = await this.products.findVariantsBySkus([sku]);
    if (!found || !visible(found, visibility)) throw Failed.of(FailureCode.NOT_FOUND, `SKU ${sku} not found`);
    return found;
  }

  /** The known SKUs among `skus` (visible as for `variant`), in the order asked; others are left out. */
  async variants(skus: readonly string[], visibility: VariantVisibility): Promise<VariantView[]> {
    const found = new Map((await this.products.findVariantsBySkus(skus)).filter((v) => visible(v, visibility)).map((v) => [v.sku, v]));
    return skus.flatMap((sku) => found.get(sku) ?? []);
  }

  async categoryTree(): Promise<CategoryNode[]> {
    return buildCategoryTree(await this.publicReads.read((store) => store.allCategories()));
  }

  async createCategory(body: CreateCategoryBody): Promise<Category> {
    if (body.parentId && (await this.products.countExistingCategories([body.parentId])) === 0) {
      throw Failed.of(FailureCode.PARENT_NOT_FOUND, `parent category ${body.parentId} does not exist`);
    }
    const category: Category = { id: randomUUID(), ...body };
    await this.products.insertCategory(category);
    await this.publicReads.afterWrite();
    return category;
  }

  /** A unique slug or SKU taken by another product is the admin's conflict, not a server error. */
  private async writing(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (err) {
      if (err instanceof StaleProductError) {
        throw Failed.of(FailureCode.CONFLICT, 'the product was changed by someone else; reload and retry');
      }
      const field = this.products.uniqueViolationField(err);
      if (field === 'slug') throw Failed.of(FailureCode.SLUG_TAKEN, 'another product already uses this slug');
      if (field === 'sku') throw Failed.of(FailureCode.SKU_TAKEN, 'another product already uses one of these SKUs');
      throw err;
    }
  }

  private async assertCategoriesExist(ids: readonly string[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    if ((await this.products.countExistingCategories(unique)) !== unique.length) {
      throw Failed.of(FailureCode.UNKNOWN_CATEGORY, 'some categories do not exist', { categoryIds: unique });
    }
  }

  private async emit(
    tx: Tx,
    definition: typeof ProductCreatedV1 | typeof ProductUpdatedV1 | typeof ProductArchivedV1,
    product: Product,
  ): Promise<void> {
    const envelope = createEvent(definition, {
      aggregateId: product.id,
      version: product.version,
      payload: { product },
      source: CATALOG_SOURCE,
    });
    await appendToOutbox(tx, envelope, CATALOG_SOURCE, { notify: true });
  }
}

async function find(store: ProductStore, idOrSlug: string): Promise<Product | null> {
  return isUuid(idOrSlug) ? store.findById(idOrSlug) : store.findBySlug(idOrSlug);
}

async function categoryScope(store: ProductStore, slug: string): Promise<string[]> {
  const all = await store.allCategories();
  const root = all.find((c) => c.slug === slug);
  if (!root) throw Failed.of(FailureCode.NOT_FOUND, `category ${slug} does not exist`);
  return withDescendants(all, root.id);
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function notFound(idOrSlug: string): Failed {
  return Failed.of(FailureCode.NOT_FOUND, `product ${idOrSlug} not found`);
}

function orFail<T>(result: T | CatalogError): T {
  if (isCatalogError(result)) throw new Failed(result);
  return result;
}

/** Who a SKU lookup answers: the public (active products only) or the platform's services (any status). */
export type VariantVisibility = 'public' | 'all';

function visible(variant: VariantView, visibility: VariantVisibility): boolean {
  return visibility === 'all' || variant.status === 'active';
}
