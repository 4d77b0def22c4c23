-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "pricing";

-- CreateTable
CREATE TABLE "pricing"."product_price" (
    "sku" TEXT NOT NULL,
    "product_id" UUID NOT NULL,
    "product_slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "image" TEXT,
    "category_ids" UUID[],
    "list_amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "active" BOOLEAN NOT NULL,
    "product_version" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_price_pkey" PRIMARY KEY ("sku")
);

-- CreateTable
CREATE TABLE "pricing"."price_list" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "customer_group" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "price_list_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pricing"."price_list_entry" (
    "price_list_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,

    CONSTRAINT "price_list_entry_pkey" PRIMARY KEY ("price_list_id","sku")
);

-- CreateTable
CREATE TABLE "pricing"."scheduled_price" (
    "id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scheduled_price_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pricing"."promotion" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "target" JSONB NOT NULL,
    "benefit" JSONB NOT NULL,
    "min_subtotal_amount" INTEGER,
    "min_subtotal_currency" CHAR(3),
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "priority" INTEGER NOT NULL DEFAULT 0,
    "exclusive" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "promotion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "product_price_product_id_idx" ON "pricing"."product_price"("product_id");

-- CreateIndex
CREATE INDEX "price_list_entry_sku_idx" ON "pricing"."price_list_entry"("sku");

-- CreateIndex
CREATE INDEX "scheduled_price_sku_ends_at_idx" ON "pricing"."scheduled_price"("sku", "ends_at");

-- CreateIndex
CREATE INDEX "promotion_active_ends_at_idx" ON "pricing"."promotion"("active", "ends_at");

-- AddForeignKey
ALTER TABLE "pricing"."price_list_entry" ADD CONSTRAINT "price_list_entry_price_list_id_fkey" FOREIGN KEY ("price_list_id") REFERENCES "pricing"."price_list"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: amounts are positive minor units and windows close after they open.
ALTER TABLE "pricing"."product_price" ADD CONSTRAINT "product_price_list_amount_check" CHECK ("list_amount" >= 0);
ALTER TABLE "pricing"."price_list_entry" ADD CONSTRAINT "price_list_entry_amount_check" CHECK ("amount" > 0);
ALTER TABLE "pricing"."scheduled_price" ADD CONSTRAINT "scheduled_price_amount_check" CHECK ("amount" > 0);
ALTER TABLE "pricing"."scheduled_price" ADD CONSTRAINT "scheduled_price_window_check" CHECK ("starts_at" < "ends_at");
ALTER TABLE "pricing"."price_list" ADD CONSTRAINT "price_list_window_check" CHECK ("starts_at" IS NULL OR "ends_at" IS NULL OR "starts_at" < "ends_at");
ALTER TABLE "pricing"."promotion" ADD CONSTRAINT "promotion_window_check" CHECK ("starts_at" IS NULL OR "ends_at" IS NULL OR "starts_at" < "ends_at");
