import type { Category, Image, Product, ProductSort, VariantView } from '@shop/contracts';
import type { Prisma, PrismaClient, Tx } from '@shop/persistence';
import { InvalidCursorError, StaleProductError, type ProductListFilter, type ProductStore } from '../application/product-store.js';
import { decodeCursor, encodeCursor, sortKeyOf, type ProductCursor } from '../domain/product-cursor.js';
import { withImageIds } from '../domain/product-images.js';

const productInclude = {
  variants: { orderBy: { position: 'asc' } },
  categories: { select: { categoryId: true } },
} satisfies Prisma.ProductInclude;

type ProductRow = Prisma.ProductGetPayload<{ include: typeof productInclude }>;


/** The admin's search: part of the title or slug in any case, or part of a variant's SKU. */
function searchOf(words: string): Prisma.ProductWhereInput {
  return {
    OR: [
      { title: { contains: words, mode: 'insensitive' } },
      { slug: { contains: words, mode: 'insensitive' } },
      { variants: { some: { sku: { contains: words.toUpperCase() } } } },
    ],
  };
}

/** Products and variants in the `catalog` schema, mapped to the contract's Product. */
export class ProductRepository implements ProductStore {
  constructor(private readonly prisma: PrismaClient) {}

  async findById(id: string): Promise<Product | null> {
    const row = await this.prisma.product.findUnique({ where: { id }, include: productInclude });
    return row ? toProduct(row) : null;
  }

  async findBySlug(slug: string): Promise<Product | null> {
    const row = await this.prisma.product.findUnique({ where: { slug }, include: productInclude });
    return row ? toProduct(row) : null;
  }

  async list(filter: ProductListFilter): Promise<{ items: Product[]; nextCursor: string | null }> {
    const cursor = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor, filter.sort);
    if (filter.cursor !== undefined && !cursor) throw new InvalidCursorError('cursor does not belong to this listing');
    const where: Prisma.ProductWhereInput = {
      status: { in: [...filter.statuses] },
      ...(filter.categoryIds ? { categories: { some: { categoryId: { in: [...filter.categoryIds] } } } } : {}),
      // Both are ORs of their own: combined with AND, not spread into one object.
      AND: [cursor ? after(cursor) : {}, filter.search ? searchOf(filter.search) : {}],
    };
    const rows = await this.prisma.product.findMany({
      where,
      include: productInclude,
      orderBy: orderOf(filter.sort),
      take: filter.limit + 1,
    });
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > filter.limit && last
        ? encodeCursor({
            sort: filter.sort,
            id: last.id,
            key: sortKeyOf(filter.sort, { createdAt: last.createdAt.toISOString(), title: last.title, minPrice: last.minPrice }),
          })
        : null;
    return { items: page.map(toProduct), nextCursor };
  }

  async insert(tx: Tx, product: Product): Promise<void> {
    await tx.product.create({
      data: {
        ...productColumns(product),
        createdAt: new Date(product.createdAt),
        variants: { create: product.variants.map(variantColumns) },
        categories: { create: product.categoryIds.map((categoryId) => ({ categoryId })) },
      },
    });
  }

  /** Saves a changed product if nobody else changed it since `expectedVersion` was read. */
  async save(tx: Tx, product: Product, expectedVersion: number): Promise<void> {
    const { count } = await tx.product.updateMany({
      where: { id: product.id, version: expectedVersion },
      data: productColumns(product),
    });
    if (count !== 1) throw new StaleProductError(`product ${product.id} changed concurrently`);
    const skus = product.variants.map((v) => v.sku);
    await tx.variant.deleteMany({ where: { productId: product.id, sku: { notIn: skus } } });
    for (const [position, v] of product.variants.entries()) {
      const data = variantColumns(v, position);
      await tx.variant.upsert({ where: { id: v.id }, create: { ...data, productId: product.id }, update: data });
    }
    await tx.productCategory.deleteMany({ where: { productId: product.id } });
    await tx.productCategory.createMany({ data: product.categoryIds.map((categoryId) => ({ productId: product.id, categoryId })) });
  }

  /** Variants by SKU with their product's slug, title, status and first image, whatever the status. */
  async findVariantsBySkus(skus: readonly string[]): Promise<VariantView[]> {
    const rows = await this.prisma.variant.findMany({
      where: { sku: { in: [...skus] } },
      include: { product: { select: { id: true, slug: true, title: true, status: true, images: true } } },
    });
    return rows.map((v) => {
      const image = withImageIds(v.product.id, v.product.images as Image[])[0];
      return {
        sku: v.sku,
        productId: v.product.id,
        productSlug: v.product.slug,
        productTitle: v.product.title,
        title: v.title,
        attributes: v.attributes as Record<string, string>,
        price: { amount: v.priceAmount, currency: v.currency },
        status: v.product.status,
        ...(image ? { image } : {}),
      };
    });
  }

  async allCategories(): Promise<Category[]> {
    const rows = await this.prisma.category.findMany({ orderBy: [{ position: 'asc' }, { name: 'asc' }] });
    return rows.map((c) => ({ id: c.id, slug: c.slug, name: c.name, parentId: c.parentId, position: c.position }));
  }

  async insertCategory(category: Category): Promise<void> {
    await this.prisma.category.create({ data: category });
  }

  async countExistingCategories(ids: readonly string[]): Promise<number> {
    return this.prisma.category.count({ where: { id: { in: [...ids] } } });
  }
  uniqueViolationField(err: unknown): 'slug' | 'sku' | undefined {
    return uniqueViolationField(err);
  }

}

function productColumns(p: Product) {
  const minPrice = Math.min(...p.variants.map((v) => v.price.amount));
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    description: p.description,
    status: p.status,
    images: p.images as Prisma.InputJsonValue,
    minPrice,
    currency: p.variants[0].price.currency,
    version: p.version,
    updatedAt: new Date(p.updatedAt),
  };
}

function variantColumns(v: Product['variants'][number], position: number) {
  return {
    id: v.id,
    sku: v.sku,
    title: v.title,
    attributes: v.attributes,
    priceAmount: v.price.amount,
    currency: v.price.currency,
    position,
  };
}

function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    status: row.status,
    categoryIds: row.categories.map((c) => c.categoryId),
    images: withImageIds(row.id, row.images as Image[]),
    variants: row.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      title: v.title,
      attributes: v.attributes as Record<string, string>,
      price: { amount: v.priceAmount, currency: v.currency },
    })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function orderOf(sort: ProductSort): Prisma.ProductOrderByWithRelationInput[] {
  switch (sort) {
    case 'newest':
      return [{ createdAt: 'desc' }, { id: 'desc' }];
    case 'title':
      return [{ title: 'asc' }, { id: 'asc' }];
    case 'price_asc':
      return [{ minPrice: 'asc' }, { id: 'asc' }];
    case 'price_desc':
      return [{ minPrice: 'desc' }, { id: 'desc' }];
  }
}

/** The keyset condition "strictly after the cursor" in the listing's order. */
function after(c: ProductCursor): Prisma.ProductWhereInput {
  switch (c.sort) {
    case 'newest': {
      const at = new Date(String(c.key));
      return { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: c.id } }] };
    }
    case 'title':
      return { OR: [{ title: { gt: String(c.key) } }, { title: String(c.key), id: { gt: c.id } }] };
    case 'price_asc':
      return { OR: [{ minPrice: { gt: Number(c.key) } }, { minPrice: Number(c.key), id: { gt: c.id } }] };
    case 'price_desc':
      return { OR: [{ minPrice: { lt: Number(c.key) } }, { minPrice: Number(c.key), id: { lt: c.id } }] };
  }
}

/** Which unique column a failed write hit (Prisma P2002), or undefined for any other error. */
export function uniqueViolationField(err: unknown): 'slug' | 'sku' | undefined {
  if (typeof err !== 'object' || err === null || (err as { code?: unknown }).code !== 'P2002') return undefined;
  const detail = JSON.stringify((err as { meta?: unknown }).meta ?? {}) + String((err as Error).message);
  // The constraint names are variant_sku_key and product_slug_key.
  if (/sku/i.test(detail)) return 'sku';
  if (/slug/i.test(detail)) return 'slug';
  return undefined;
}
