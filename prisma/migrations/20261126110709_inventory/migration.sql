-- CreateEnum
CREATE TYPE "inventory"."ReservationStatus" AS ENUM ('held', 'committed', 'released', 'expired');

-- CreateEnum
CREATE TYPE "inventory"."StockChangeKind" AS ENUM ('set', 'adjust');

-- CreateTable
CREATE TABLE "inventory"."stock" (
    "sku" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "on_hand" INTEGER NOT NULL,
    "reserved" INTEGER NOT NULL DEFAULT 0,
    "committed" INTEGER NOT NULL DEFAULT 0,
    "version" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_pkey" PRIMARY KEY ("sku")
);

-- CreateTable
CREATE TABLE "inventory"."reservation" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "customer_id" TEXT,
    "status" "inventory"."ReservationStatus" NOT NULL DEFAULT 'held',
    "partition" INTEGER NOT NULL,
    "participants" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "items" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory"."reservation_item" (
    "reservation_id" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "customer_id" TEXT,
    "status" "inventory"."ReservationStatus" NOT NULL DEFAULT 'held',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reservation_item_pkey" PRIMARY KEY ("reservation_id","sku")
);

-- CreateTable
CREATE TABLE "inventory"."partition_lease" (
    "partition" INTEGER NOT NULL,
    "owner" TEXT NOT NULL,
    "token" BIGINT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "partition_lease_pkey" PRIMARY KEY ("partition")
);

-- CreateTable
CREATE TABLE "inventory"."stock_ledger" (
    "id" BIGSERIAL NOT NULL,
    "sku" TEXT NOT NULL,
    "delta" INTEGER NOT NULL,
    "on_hand_after" INTEGER NOT NULL,
    "kind" "inventory"."StockChangeKind" NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_ledger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory"."sale_limit" (
    "sku" TEXT NOT NULL,
    "per_customer" INTEGER NOT NULL,
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sale_limit_pkey" PRIMARY KEY ("sku")
);

-- CreateIndex
CREATE INDEX "stock_partition_idx" ON "inventory"."stock"("partition");

-- CreateIndex
CREATE UNIQUE INDEX "reservation_idempotency_key_key" ON "inventory"."reservation"("idempotency_key");

-- CreateIndex
CREATE INDEX "reservation_partition_created_at_idx" ON "inventory"."reservation"("partition", "created_at");

-- CreateIndex
CREATE INDEX "reservation_item_partition_status_idx" ON "inventory"."reservation_item"("partition", "status");

-- CreateIndex
CREATE INDEX "stock_ledger_sku_id_idx" ON "inventory"."stock_ledger"("sku", "id");

-- Hand-written: what Prisma cannot express. Stock never goes below zero, and available stock
-- (on_hand - reserved - committed) never either: the database refuses an oversell even if the
-- engine above it were wrong.
ALTER TABLE "inventory"."stock"
    ADD CONSTRAINT "stock_on_hand_non_negative" CHECK ("on_hand" >= 0),
    ADD CONSTRAINT "stock_reserved_non_negative" CHECK ("reserved" >= 0),
    ADD CONSTRAINT "stock_committed_non_negative" CHECK ("committed" >= 0),
    ADD CONSTRAINT "stock_available_non_negative" CHECK ("on_hand" - "reserved" - "committed" >= 0);
ALTER TABLE "inventory"."reservation_item" ADD CONSTRAINT "reservation_item_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "inventory"."sale_limit" ADD CONSTRAINT "sale_limit_per_customer_positive" CHECK ("per_customer" > 0);

-- A partition's batch is one statement; this guard, evaluated after its writes, aborts the whole
-- statement (so nothing of it commits) when the writer no longer holds the partition lease
-- (IV001: fenced) or the rows it changed are not the ones its snapshot expected (IV002).
CREATE FUNCTION "inventory"."assert_batch"(lease_held BOOLEAN, rows_as_expected BOOLEAN) RETURNS BOOLEAN
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF NOT lease_held THEN
        RAISE EXCEPTION 'inventory batch refused: the partition lease belongs to another owner' USING ERRCODE = 'IV001';
    END IF;
    IF NOT rows_as_expected THEN
        RAISE EXCEPTION 'inventory batch refused: the rows differ from the partition snapshot' USING ERRCODE = 'IV002';
    END IF;
    RETURN TRUE;
END
$$;
