-- AlterTable
ALTER TABLE "orders"."order" ADD COLUMN     "discount_total" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "discounts" JSONB NOT NULL DEFAULT '[]';

-- Hand-written: the totals invariant now counts the discounts (a discount never makes the total negative).
ALTER TABLE "orders"."order"
  DROP CONSTRAINT "order_amounts_check",
  ADD CONSTRAINT "order_amounts_check" CHECK (
    "subtotal" >= 0 AND "shipping" >= 0 AND "discount_total" >= 0
    AND "total" = GREATEST(0, "subtotal" - "discount_total" + "shipping")
  ),
  ADD CONSTRAINT "order_discounts_array_check" CHECK (jsonb_typeof("discounts") = 'array');
