-- AlterTable
ALTER TABLE "payments"."checkout" ADD COLUMN     "failure_details" JSONB,
ADD COLUMN     "offered_quote" JSONB,
ADD COLUMN     "replaces_reservation_id" TEXT;
