// npm run db:seed — writes the deterministic demo catalog (apps/catalog/src/demo) into DATABASE_URL.
// Safe to run again: it updates the same rows and adds none. Run `npm run db:migrate` first.
import { findInErrorChain } from '@shop/observability';
import { createPrismaClient, databaseName } from '@shop/persistence';
import { DemoSeedError, seedDemoCatalog, type DemoSeedResult } from '../apps/catalog/src/demo/seed-catalog.js';
import { seedDemoStock } from '../apps/inventory/src/demo/seed-demo-stock.js';
import { DEMO_COUPON, seedDemoPricing } from '../apps/pricing/src/demo/seed-demo-pricing.js';
import { databaseUrlFromEnv, runCli } from './db-cli.js';

const databaseUrl = databaseUrlFromEnv();

function summary(result: DemoSeedResult): string {
  const n = (value: number) => value.toLocaleString('en');
  const written = result.categories.written + result.products.written + result.variants.written + result.productCategories.written;
  return (
    `Seeded the demo catalog into ${databaseName(databaseUrl)}: ${n(result.categories.generated)} categories, ` +
    `${n(result.products.generated)} products, ${n(result.variants.generated)} variants (SKUs), ` +
    `${n(result.productCategories.generated)} category links; ${written === 0 ? 'already up to date, no rows written' : `${n(written)} rows written`}.`
  );
}

await runCli(async () => {
  const prisma = createPrismaClient({ databaseUrl, applicationName: 'db-seed', poolMax: 2 });
  try {
    console.log(summary(await seedDemoCatalog(prisma)));
  } catch (err) {
    // "Database missing" (3D000) and "not migrated" are expected on a fresh machine: one line, no stack.
    if (err instanceof DemoSeedError || hasSqlState(err, '3D000')) {
      console.error(`error: ${err instanceof DemoSeedError ? err.message : `database ${databaseName(databaseUrl)} does not exist: run \`npm run db:migrate\` first`}`);
      process.exitCode = 1;
      return;
    }
    throw err;
  } finally {
    await prisma.$disconnect();
  }
}, databaseUrl);

/** Whether a Postgres error with this SQLSTATE is in the chain, however deep Prisma or pg wrapped it. */
function hasSqlState(err: unknown, state: string): boolean {
  const codesOf = (e: Record<string, unknown>) => [e['originalCode'], e['code'], (e['meta'] as { code?: unknown } | undefined)?.code];
  return findInErrorChain(err, (e) => codesOf(e).includes(state)) !== undefined;
}

// Demo stock for every catalog SKU (apps/inventory/src/demo). The SKUs are read from the
// catalog's table here, in tooling: the inventory service itself never reads catalog tables.
await runCli(async () => {
  if (process.exitCode) return;
  const prisma = createPrismaClient({ databaseUrl, applicationName: 'db-seed', poolMax: 1 });
  try {
    const rows = await prisma.$queryRaw<{ sku: string }[]>`SELECT sku FROM catalog.variant ORDER BY sku`;
    const partitions = Number(process.env['INVENTORY_PARTITIONS'] ?? 64);
    const result = await seedDemoStock(databaseUrl, rows.map((r) => r.sku), partitions);
    console.log(`Seeded demo stock: ${result.skus.toLocaleString('en')} SKUs, ${result.created === 0 ? 'all already stocked, no rows written' : `${result.created.toLocaleString('en')} stock records created (0-200 units each)`}.`);
  } finally {
    await prisma.$disconnect();
  }
}, databaseUrl);

// Demo pricing (apps/pricing/src/demo): a welcome coupon and a flash sale opening shortly after
// the start; the pricing service configures the inventory engine for the sale when it runs.
await runCli(async () => {
  if (process.exitCode) return;
  const prisma = createPrismaClient({ databaseUrl, applicationName: 'db-seed', poolMax: 1 });
  try {
    const result = await seedDemoPricing(prisma);
    const sale = result.sale
      ? `a flash sale of ${result.sale.sku} ${result.sale.created ? 'scheduled' : 'already scheduled'} to open at ${result.sale.startsAt.toISOString()}`
      : 'no SKU has stock for a demo flash sale';
    console.log(`Seeded demo pricing: coupon ${DEMO_COUPON} (10% off, once per customer) ${result.coupon}; ${sale}.`);
  } finally {
    await prisma.$disconnect();
  }
}, databaseUrl);
