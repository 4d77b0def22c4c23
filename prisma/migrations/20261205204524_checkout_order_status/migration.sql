-- AlterTable
ALTER TABLE "payments"."checkout" ADD COLUMN     "order_status" TEXT;
