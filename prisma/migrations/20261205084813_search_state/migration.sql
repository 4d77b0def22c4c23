-- CreateTable
CREATE TABLE "search"."sku_stock" (
    "sku" TEXT NOT NULL,
    "in_stock" BOOLEAN NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "sku_stock_pkey" PRIMARY KEY ("sku")
);

-- CreateTable
CREATE TABLE "search"."flash_sale" (
    "flash_sale_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "sale_price" INTEGER NOT NULL,
    "live" BOOLEAN NOT NULL,

    CONSTRAINT "flash_sale_pkey" PRIMARY KEY ("flash_sale_id")
);

-- CreateTable
CREATE TABLE "search"."product_version" (
    "product_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "product_version_pkey" PRIMARY KEY ("product_id")
);

-- CreateIndex
CREATE INDEX "flash_sale_sku_idx" ON "search"."flash_sale"("sku");
