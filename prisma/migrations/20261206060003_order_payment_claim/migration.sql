-- AlterTable
ALTER TABLE "orders"."order" ADD COLUMN     "payment_claimed_at" TIMESTAMPTZ(3);
