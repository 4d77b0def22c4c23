import { applyMigrations, createPrismaClient, ensureDatabase, migrationsDir, withDatabaseName, databaseName, type PrismaClient } from '@shop/persistence';
import { testEnv } from '@shop/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCatalog } from './demo-catalog.js';
import { DemoSeedError, seedDemoCatalog } from './seed-catalog.js';

// Own databases (named <run db>_..., dropped by the global teardown), so the seeded catalog never
// meets the data of other catalog tests.
const runDatabaseUrl = testEnv().databaseUrl;
const seedDbUrl = withDatabaseName(runDatabaseUrl, `${databaseName(runDatabaseUrl)}_seed`);
const emptyDbUrl = withDatabaseName(runDatabaseUrl, `${databaseName(runDatabaseUrl)}_unmigrated`);

const demo = generateDemoCatalog();
const demoVariants = demo.products.flatMap((p) => p.variants);

async function rowCounts(prisma: PrismaClient) {
  const [categories, products, variants, links] = await Promise.all([
    prisma.category.count(),
    prisma.product.count(),
    prisma.variant.count(),
    prisma.productCategory.count(),
  ]);
  return { categories, products, variants, links };
}

describe('seedDemoCatalog', () => {
  let prisma: PrismaClient;

  beforeAll(async () => {
    await ensureDatabase(seedDbUrl);
    await applyMigrations(seedDbUrl, migrationsDir());
    prisma = createPrismaClient({ databaseUrl: seedDbUrl, poolMax: 2 });
  });

  afterAll(async () => {
    await prisma?.$disconnect();
  });

  it('writes the whole demo catalog, and a second run leaves exactly the same rows', async () => {
    const first = await seedDemoCatalog(prisma);
    const expected = { categories: demo.categories.length, products: demo.products.length, variants: demoVariants.length, links: demo.products.length };
    expect(await rowCounts(prisma)).toEqual(expected);
    expect(first.products).toEqual({ generated: expected.products, written: expected.products });
    expect(first.variants).toEqual({ generated: expected.variants, written: expected.variants });
    expect(first.categories.written).toBe(expected.categories);

    const snapshot = await prisma.product.findMany({ orderBy: { id: 'asc' }, include: { variants: true, categories: true } });
    const second = await seedDemoCatalog(prisma);
    expect(await rowCounts(prisma)).toEqual(expected);
    expect([second.categories.written, second.products.written, second.variants.written, second.productCategories.written]).toEqual([0, 0, 0, 0]);
    // Not even updated_at or version moves when nothing changed.
    expect(await prisma.product.findMany({ orderBy: { id: 'asc' }, include: { variants: true, categories: true } })).toEqual(snapshot);
  });

  it('stores the generated values: status, prices, images, dates, attributes and the tree', async () => {
    const sample = demo.products[0];
    if (!sample) throw new Error('the demo catalog is empty');
    const row = await prisma.product.findUniqueOrThrow({ where: { slug: sample.slug }, include: { variants: { orderBy: { position: 'asc' } }, categories: true } });
    expect(row).toMatchObject({
      id: sample.id,
      title: sample.title,
      description: sample.description,
      status: sample.status,
      images: sample.images,
      minPrice: sample.minPrice,
      currency: 'EUR',
      createdAt: sample.createdAt,
      updatedAt: sample.updatedAt,
      version: 1,
    });
    expect(row.categories.map((c) => c.categoryId)).toEqual(sample.categoryIds);
    expect(row.variants.map((v) => ({ id: v.id, sku: v.sku, title: v.title, attributes: v.attributes, priceAmount: v.priceAmount, position: v.position }))).toEqual(
      sample.variants.map((v) => ({ id: v.id, sku: v.sku, title: v.title, attributes: v.attributes, priceAmount: v.priceAmount, position: v.position })),
    );

    const statuses = await prisma.product.groupBy({ by: ['status'], _count: true });
    const expectedStatuses = (s: string) => demo.products.filter((p) => p.status === s).length;
    for (const { status, _count } of statuses) expect(_count).toBe(expectedStatuses(status));

    const leaves = await prisma.category.findMany({ where: { parentId: { not: null } }, include: { parent: true } });
    expect(leaves.length).toBe(demo.categories.filter((c) => c.parentId !== null).length);
    for (const leaf of leaves) expect(leaf.parent?.parentId).toBeNull();
  });

  it('restores a demo product someone edited and bumps its version, touching nothing else', async () => {
    const [edited, repriced] = demo.products;
    if (!edited || !repriced) throw new Error('the demo catalog is too small');
    const repricedSku = repriced.variants[0]?.sku ?? '';
    await prisma.product.update({ where: { id: edited.id }, data: { title: 'Renamed by an admin', version: { increment: 1 } } });
    await prisma.variant.update({ where: { sku: repricedSku }, data: { priceAmount: 1 } });
    const before = await prisma.product.findMany({ where: { id: { in: [edited.id, repriced.id] } }, orderBy: { id: 'asc' } });

    const result = await seedDemoCatalog(prisma);
    expect(result.products.written).toBe(1);
    expect(result.variants.written).toBe(1);

    const after = await prisma.product.findUniqueOrThrow({ where: { id: edited.id } });
    expect(after.title).toBe(edited.title);
    expect(after.version).toBe(3);
    expect((await prisma.variant.findUniqueOrThrow({ where: { sku: repricedSku } })).priceAmount).toBe(repriced.variants[0]?.priceAmount);
    const repricedAfter = await prisma.product.findUniqueOrThrow({ where: { id: repriced.id } });
    expect(repricedAfter.version).toBe((before.find((p) => p.id === repriced.id)?.version ?? 0) + 1);
    expect(await prisma.product.count({ where: { version: { gt: 1 } } })).toBe(2);
  });

  it('leaves alone a demo row whose slug or SKU a shop product already uses, instead of failing', async () => {
    const taken = demo.products[2];
    if (!taken) throw new Error('the demo catalog is too small');
    await prisma.product.delete({ where: { id: taken.id } });
    const foreign = await prisma.product.create({
      data: { id: '00000000-0000-4000-8000-000000000001', slug: taken.slug, title: 'A shop product', minPrice: 100, currency: 'EUR' },
    });

    const result = await seedDemoCatalog(prisma);
    expect(result.products.written).toBe(0);
    expect(await prisma.product.findUniqueOrThrow({ where: { slug: taken.slug } })).toMatchObject({ id: foreign.id, title: 'A shop product' });
    expect(await prisma.variant.count({ where: { productId: taken.id } })).toBe(0);
    expect(await rowCounts(prisma)).toMatchObject({ products: demo.products.length, variants: demoVariants.length - taken.variants.length });
  });

  it('refuses an unmigrated database with a message that says what to do', async () => {
    await ensureDatabase(emptyDbUrl);
    const empty = createPrismaClient({ databaseUrl: emptyDbUrl, poolMax: 1 });
    try {
      const failure = seedDemoCatalog(empty);
      await expect(failure).rejects.toBeInstanceOf(DemoSeedError);
      await expect(failure).rejects.toThrow(/npm run db:migrate/);
    } finally {
      await empty.$disconnect();
    }
  });
});
