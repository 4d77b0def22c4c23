import { withTransaction, type PrismaClient, type Tx } from '@shop/persistence';
import { generateDemoCatalog, type DemoCatalog, type DemoCatalogOptions } from './demo-catalog.js';

/**
 * Writes the demo catalog. Idempotent: ids derive from slugs and SKUs, every row is upserted on
 * its id, and a row is only touched when its content differs, so a second run writes nothing.
 * A run that does change a product (someone edited it) bumps its version and updated_at like
 * any other edit. Each table is written by ONE statement that reads the rows from a JSON
 * parameter, all in one transaction: fast, and never half a catalog.
 *
 * It writes no outbox events: it is for empty or demo databases, not a way to edit a live shop.
 */

export interface SeedTableCount {
  /** Rows in the demo catalog. */
  generated: number;
  /** Rows inserted or changed by this run (0 when the database already held the demo). */
  written: number;
}

export interface DemoSeedResult {
  categories: SeedTableCount;
  products: SeedTableCount;
  variants: SeedTableCount;
  productCategories: SeedTableCount;
}

/** The database is not ready for the seed (e.g. not migrated); the message says what to do. */
export class DemoSeedError extends Error {
  override readonly name = 'DemoSeedError';
}

const CATALOG_TABLES = ['catalog.category', 'catalog.product', 'catalog.variant', 'catalog.product_category'];

export async function seedDemoCatalog(
  prisma: PrismaClient,
  catalog: DemoCatalog | DemoCatalogOptions = {},
): Promise<DemoSeedResult> {
  const demo = 'products' in catalog ? catalog : generateDemoCatalog(catalog);
  await assertCatalogTablesExist(prisma);
  return withTransaction(prisma, (tx) => writeCatalog(tx, demo), { timeout: 60_000, maxWait: 10_000 });
}

async function assertCatalogTablesExist(prisma: PrismaClient): Promise<void> {
  const rows = await prisma.$queryRaw<{ name: string; found: boolean }[]>`
    SELECT name, to_regclass(name) IS NOT NULL AS found FROM unnest(${CATALOG_TABLES}::text[]) AS name`;
  const missing = rows.filter((row) => !row.found).map((row) => row.name);
  if (missing.length > 0) {
    throw new DemoSeedError(`the database has no ${missing.join(', ')} table(s): run \`npm run db:migrate\` first`);
  }
}

async function writeCatalog(tx: Tx, demo: DemoCatalog): Promise<DemoSeedResult> {
  const categories = await upsertCategories(tx, demo);
  const writtenProducts = await upsertProducts(tx, demo);
  const variantProducts = await upsertVariants(tx, demo);
  const linkProducts = await insertProductCategories(tx, demo);

  // A product whose variants or categories were restored changed too, even if its own row did not.
  const alreadyBumped = new Set(writtenProducts);
  const touched = [...new Set([...variantProducts, ...linkProducts])].filter((id) => !alreadyBumped.has(id));
  if (touched.length > 0) {
    await tx.$executeRaw`
      UPDATE catalog.product SET version = version + 1, updated_at = now()
      WHERE id = ANY(${touched}::uuid[])`;
  }

  return {
    categories: { generated: demo.categories.length, written: categories },
    products: { generated: demo.products.length, written: writtenProducts.length },
    variants: { generated: demo.products.reduce((n, p) => n + p.variants.length, 0), written: variantProducts.length },
    productCategories: { generated: demo.products.reduce((n, p) => n + p.categoryIds.length, 0), written: linkProducts.length },
  };
}

function json(rows: unknown[]): string {
  return JSON.stringify(rows);
}

/** Rows whose slug or SKU belongs to a different (non-demo) row are left alone rather than failing the seed. */
async function upsertCategories(tx: Tx, demo: DemoCatalog): Promise<number> {
  const rows = demo.categories.map((c) => ({
    id: c.id,
    slug: c.slug,
    name: c.name,
    parent_id: c.parentId,
    position: c.position,
    created_at: c.createdAt.toISOString(),
  }));
  // Parents first: the tree's foreign key must find them.
  const roots = rows.filter((row) => row.parent_id === null);
  const children = rows.filter((row) => row.parent_id !== null);
  let written = 0;
  for (const level of [roots, children]) {
    written += await tx.$executeRaw`
      INSERT INTO catalog.category AS c (id, slug, name, parent_id, position, created_at)
      SELECT x.id, x.slug, x.name, x.parent_id, x.position, x.created_at
      FROM jsonb_to_recordset(${json(level)}::jsonb)
        AS x(id uuid, slug text, name text, parent_id uuid, position int, created_at timestamptz)
      WHERE NOT EXISTS (SELECT 1 FROM catalog.category o WHERE o.slug = x.slug AND o.id <> x.id)
      ON CONFLICT (id) DO UPDATE
        SET slug = EXCLUDED.slug, name = EXCLUDED.name, parent_id = EXCLUDED.parent_id, position = EXCLUDED.position
        WHERE (c.slug, c.name, c.parent_id, c.position)
          IS DISTINCT FROM (EXCLUDED.slug, EXCLUDED.name, EXCLUDED.parent_id, EXCLUDED.position)`;
  }
  return written;
}

/** Returns the ids of the products inserted or changed. */
async function upsertProducts(tx: Tx, demo: DemoCatalog): Promise<string[]> {
  const rows = demo.products.map((p) => ({
    id: p.id,
    slug: p.slug,
    title: p.title,
    description: p.description,
    status: p.status,
    images: p.images,
    min_price: p.minPrice,
    currency: p.currency,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  }));
  const written = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO catalog.product AS p (id, slug, title, description, status, images, min_price, currency, created_at, updated_at)
    SELECT x.id, x.slug, x.title, x.description, x.status::catalog."ProductStatus", x.images, x.min_price, x.currency,
           x.created_at, x.updated_at
    FROM jsonb_to_recordset(${json(rows)}::jsonb)
      AS x(id uuid, slug text, title text, description text, status text, images jsonb, min_price int, currency text,
           created_at timestamptz, updated_at timestamptz)
    WHERE NOT EXISTS (SELECT 1 FROM catalog.product o WHERE o.slug = x.slug AND o.id <> x.id)
    ON CONFLICT (id) DO UPDATE
      SET slug = EXCLUDED.slug, title = EXCLUDED.title, description = EXCLUDED.description, status = EXCLUDED.status,
          images = EXCLUDED.images, min_price = EXCLUDED.min_price, currency = EXCLUDED.currency,
          created_at = EXCLUDED.created_at, version = p.version + 1, updated_at = now()
      WHERE (p.slug, p.title, p.description, p.status, p.images, p.min_price, p.currency, p.created_at)
        IS DISTINCT FROM (EXCLUDED.slug, EXCLUDED.title, EXCLUDED.description, EXCLUDED.status, EXCLUDED.images,
                          EXCLUDED.min_price, EXCLUDED.currency, EXCLUDED.created_at)
    RETURNING p.id::text AS id`;
  return written.map((row) => row.id);
}

/** Returns the product id of every variant inserted or changed. */
async function upsertVariants(tx: Tx, demo: DemoCatalog): Promise<string[]> {
  const rows = demo.products.flatMap((p) =>
    p.variants.map((v) => ({
      id: v.id,
      product_id: p.id,
      sku: v.sku,
      title: v.title,
      attributes: v.attributes,
      price_amount: v.priceAmount,
      currency: v.currency,
      position: v.position,
    })),
  );
  const written = await tx.$queryRaw<{ product_id: string }[]>`
    INSERT INTO catalog.variant AS v (id, product_id, sku, title, attributes, price_amount, currency, position)
    SELECT x.id, x.product_id, x.sku, x.title, x.attributes, x.price_amount, x.currency, x.position
    FROM jsonb_to_recordset(${json(rows)}::jsonb)
      AS x(id uuid, product_id uuid, sku text, title text, attributes jsonb, price_amount int, currency text, position int)
    WHERE EXISTS (SELECT 1 FROM catalog.product p WHERE p.id = x.product_id)
      AND NOT EXISTS (SELECT 1 FROM catalog.variant o WHERE o.sku = x.sku AND o.id <> x.id)
    ON CONFLICT (id) DO UPDATE
      SET product_id = EXCLUDED.product_id, sku = EXCLUDED.sku, title = EXCLUDED.title, attributes = EXCLUDED.attributes,
          price_amount = EXCLUDED.price_amount, currency = EXCLUDED.currency, position = EXCLUDED.position
      WHERE (v.product_id, v.sku, v.title, v.attributes, v.price_amount, v.currency, v.position)
        IS DISTINCT FROM (EXCLUDED.product_id, EXCLUDED.sku, EXCLUDED.title, EXCLUDED.attributes, EXCLUDED.price_amount,
                          EXCLUDED.currency, EXCLUDED.position)
    RETURNING v.product_id::text AS product_id`;
  return written.map((row) => row.product_id);
}

/** Returns the product id of every link inserted. */
async function insertProductCategories(tx: Tx, demo: DemoCatalog): Promise<string[]> {
  const rows = demo.products.flatMap((p) => p.categoryIds.map((categoryId) => ({ product_id: p.id, category_id: categoryId })));
  const written = await tx.$queryRaw<{ product_id: string }[]>`
    INSERT INTO catalog.product_category (product_id, category_id)
    SELECT x.product_id, x.category_id
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(product_id uuid, category_id uuid)
    WHERE EXISTS (SELECT 1 FROM catalog.product p WHERE p.id = x.product_id)
      AND EXISTS (SELECT 1 FROM catalog.category c WHERE c.id = x.category_id)
    ON CONFLICT DO NOTHING
    RETURNING product_id::text AS product_id`;
  return written.map((row) => row.product_id);
}
