-- CreateSchema (also made by other migrations; harmless twice, whichever lands first)
CREATE SCHEMA IF NOT EXISTS "pricing";

-- CreateTable
CREATE TABLE "pricing"."flash_sale" (
    "id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "sale_amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "units" INTEGER NOT NULL,
    "per_customer_limit" INTEGER NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "cancelled_at" TIMESTAMPTZ(3),
    "limit_applied_version" INTEGER,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "sold_out_at" TIMESTAMPTZ(3),
    "last_units_taken" INTEGER NOT NULL DEFAULT 0,
    "last_units_remaining" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "flash_sale_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "flash_sale_sku_starts_at_idx" ON "pricing"."flash_sale"("sku", "starts_at");

-- CreateIndex
CREATE INDEX "flash_sale_ends_at_idx" ON "pricing"."flash_sale"("ends_at");

-- What the contract refuses, the database refuses too.
ALTER TABLE "pricing"."flash_sale"
    ADD CONSTRAINT "flash_sale_window_check" CHECK ("ends_at" > "starts_at"),
    ADD CONSTRAINT "flash_sale_price_check" CHECK ("sale_amount" > 0),
    ADD CONSTRAINT "flash_sale_units_check" CHECK ("units" > 0 AND "per_customer_limit" BETWEEN 1 AND "units");
