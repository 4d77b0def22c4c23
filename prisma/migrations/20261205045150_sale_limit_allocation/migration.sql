-- CreateSchema (pricing is declared in base.prisma by main without a migration; harmless when another migration made it)
CREATE SCHEMA IF NOT EXISTS "pricing";

-- AlterTable: a flash sale's allocation (units) and the moment its counting starts (null for older limits: all units count)
ALTER TABLE "inventory"."sale_limit" ADD COLUMN     "counts_from" TIMESTAMPTZ(3),
ADD COLUMN     "units" INTEGER;
