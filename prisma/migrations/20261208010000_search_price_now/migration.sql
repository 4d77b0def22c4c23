-- AlterTable
ALTER TABLE "search"."document" ADD COLUMN     "list_prices" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "price_now" INTEGER;

-- Documents written before: their price now is their sale price, else their lowest list price
-- (what their cards showed); a reindex gives them list prices per variant.
UPDATE "search"."document" SET "price_now" = COALESCE("sale_price", "price_min");
ALTER TABLE "search"."document" ALTER COLUMN "price_now" SET NOT NULL;

-- DropIndex
DROP INDEX "search"."document_price_asc_idx";

-- DropIndex
DROP INDEX "search"."document_price_desc_idx";

-- CreateIndex
CREATE INDEX "document_price_asc_idx" ON "search"."document"("price_now", "product_id");

-- CreateIndex
CREATE INDEX "document_price_desc_idx" ON "search"."document"("price_now" DESC, "product_id");

-- CreateTable
CREATE TABLE "search"."sku_price" (
    "sku" TEXT NOT NULL,
    "amount" INTEGER,
    "currency" CHAR(3),
    "until" TIMESTAMPTZ(3),

    CONSTRAINT "sku_price_pkey" PRIMARY KEY ("sku")
);

-- CreateIndex
CREATE INDEX "sku_price_until_idx" ON "search"."sku_price"("until");
