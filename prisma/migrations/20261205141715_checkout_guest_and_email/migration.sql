-- AlterTable
ALTER TABLE "orders"."order" ALTER COLUMN "customer_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "payments"."checkout" ADD COLUMN     "email" TEXT,
ADD COLUMN     "guest" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "order_number" TEXT;
