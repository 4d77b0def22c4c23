-- AlterTable
ALTER TABLE "payments"."payment" ADD COLUMN     "refunded_amount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "payments"."payment_refund" (
    "key" TEXT NOT NULL,
    "payment_id" UUID NOT NULL,
    "refund_id" UUID,
    "amount" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_refund_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "payment_refund_payment_id_idx" ON "payments"."payment_refund"("payment_id");

-- Never more given back than was taken.
ALTER TABLE "payments"."payment" ADD CONSTRAINT "payment_refunded_amount_in_range" CHECK ("refunded_amount" >= 0 AND "refunded_amount" <= "amount");
ALTER TABLE "payments"."sim_charge" ADD CONSTRAINT "sim_charge_refunded_within_captured" CHECK ("refunded_amount" <= "captured_amount");
