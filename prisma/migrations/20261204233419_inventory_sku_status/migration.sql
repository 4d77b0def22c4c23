-- CreateTable
CREATE TABLE "inventory"."sku_status" (
    "sku" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "product_version" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sku_status_pkey" PRIMARY KEY ("sku")
);

-- CreateIndex
CREATE INDEX "sku_status_partition_idx" ON "inventory"."sku_status"("partition");
