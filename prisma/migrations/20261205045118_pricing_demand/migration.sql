-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "pricing";

-- CreateTable
CREATE TABLE "pricing"."demand_rule" (
    "id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "floor" INTEGER NOT NULL,
    "ceiling" INTEGER NOT NULL,
    "step_percent" INTEGER NOT NULL,
    "interval_minutes" INTEGER NOT NULL,
    "raise_above_per_hour" DOUBLE PRECISION NOT NULL,
    "lower_below_per_hour" DOUBLE PRECISION NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "current_price" INTEGER,
    "list_price_seen" INTEGER,
    "currency" CHAR(3),
    "last_evaluated_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "demand_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pricing"."demand_price_change" (
    "id" UUID NOT NULL,
    "rule_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "from_price" INTEGER NOT NULL,
    "to_price" INTEGER NOT NULL,
    "sell_through_per_hour" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "demand_price_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pricing"."demand_sales_minute" (
    "sku" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(0) NOT NULL,
    "units" INTEGER NOT NULL,

    CONSTRAINT "demand_sales_minute_pkey" PRIMARY KEY ("sku","minute")
);

-- CreateIndex
CREATE UNIQUE INDEX "demand_rule_sku_key" ON "pricing"."demand_rule"("sku");

-- CreateIndex
CREATE INDEX "demand_rule_enabled_last_evaluated_at_idx" ON "pricing"."demand_rule"("enabled", "last_evaluated_at");

-- CreateIndex
CREATE INDEX "demand_price_change_rule_id_at_id_idx" ON "pricing"."demand_price_change"("rule_id", "at" DESC, "id");

-- AddForeignKey
ALTER TABLE "pricing"."demand_price_change" ADD CONSTRAINT "demand_price_change_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "pricing"."demand_rule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the bounds a demand price never leaves, said by the database too.
ALTER TABLE "pricing"."demand_rule" ADD CONSTRAINT "demand_rule_bounds_check" CHECK ("floor" >= 1 AND "floor" <= "ceiling");
ALTER TABLE "pricing"."demand_rule" ADD CONSTRAINT "demand_rule_price_in_bounds_check" CHECK ("current_price" IS NULL OR "current_price" BETWEEN "floor" AND "ceiling");
ALTER TABLE "pricing"."demand_sales_minute" ADD CONSTRAINT "demand_sales_minute_units_check" CHECK ("units" > 0);
