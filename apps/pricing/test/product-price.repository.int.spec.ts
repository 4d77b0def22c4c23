import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ProductPriceRepository } from '../src/adapters/product-price.repository.js';
import type { ProductPriceRecord } from '../src/application/price-inputs.js';
import { prismaClient, uniqueSku } from './pricing-harness.js';

/** product_price against the real Postgres: the product's version decides, however events race. */
describe('ProductPriceRepository', () => {
  const prisma = prismaClient();
  const repository = new ProductPriceRepository(prisma);
  afterAll(async () => {
    await prisma.$disconnect();
  });

  const record = (sku: string, productId: string, amount: number, over: Partial<ProductPriceRecord> = {}): ProductPriceRecord => ({
    sku,
    productId,
    productSlug: 'tee',
    title: 'Tee',
    image: null,
    categoryIds: [randomUUID()],
    listPrice: { amount, currency: 'EUR' },
    active: true,
    ...over,
  });

  it('keeps the newest version when 30 versions of a product are written concurrently in random order', async () => {
    const productId = randomUUID();
    const sku = uniqueSku('RACE');
    const versions = Array.from({ length: 30 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    // Each version twice: redelivery at the same time as the first delivery.
    await Promise.all([...versions, ...versions].map((v) => repository.applyProduct({ id: productId, version: v }, [record(sku, productId, 1000 + v)])));
    const stored = (await repository.bySkus([sku])).get(sku);
    expect(stored?.listPrice.amount).toBe(1030);
    const row = await prisma.productPrice.findUnique({ where: { sku } });
    expect(row?.productVersion).toBe(30);
    // Written again with an older version: nothing changes, and it says so.
    expect(await repository.applyProduct({ id: productId, version: 7 }, [record(sku, productId, 1)])).toBe(false);
    expect((await repository.bySkus([sku])).get(sku)?.listPrice.amount).toBe(1030);
  });

  it('marks the SKUs a product no longer has inactive, and stores categories as given', async () => {
    const productId = randomUUID();
    const [keep, drop] = [uniqueSku('KEEP'), uniqueSku('DROP')];
    const categories = [randomUUID(), randomUUID()];
    await repository.applyProduct({ id: productId, version: 1 }, [record(keep, productId, 100, { categoryIds: categories }), record(drop, productId, 200)]);
    expect(await repository.applyProduct({ id: productId, version: 2 }, [record(keep, productId, 100, { categoryIds: categories })])).toBe(true);
    const both = await repository.bySkus([keep, drop]);
    expect(both.get(keep)).toMatchObject({ active: true, categoryIds: categories });
    expect(both.get(drop)?.active).toBe(false);
  });
});
