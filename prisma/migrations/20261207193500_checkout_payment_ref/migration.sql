-- AlterTable
ALTER TABLE "payments"."checkout" ADD COLUMN     "payment_ref" TEXT;

-- Checkouts authorized before: their payment's reference.
UPDATE "payments"."checkout" c SET "payment_ref" = p."provider_ref"
FROM "payments"."payment" p WHERE p."checkout_id" = c."id" AND p."provider_ref" IS NOT NULL;
