-- CreateTable
CREATE TABLE "inventory"."restock" (
    "key" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "restock_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "orders"."order_refund" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "lines" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "idempotency_key" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_refund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "restock_partition_idx" ON "inventory"."restock"("partition");

-- CreateIndex
CREATE INDEX "order_refund_order_id_at_idx" ON "orders"."order_refund"("order_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "order_refund_order_id_idempotency_key_key" ON "orders"."order_refund"("order_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "orders"."order_refund" ADD CONSTRAINT "order_refund_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"."order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A restock puts back at least one unit; a refund never gives back a negative amount.
ALTER TABLE "inventory"."restock" ADD CONSTRAINT "restock_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "orders"."order_refund" ADD CONSTRAINT "order_refund_amount_non_negative" CHECK ("amount" >= 0);
