-- DropIndex
DROP INDEX "payments"."checkout_state_updated_at_idx";

-- DropIndex
DROP INDEX "payments"."payment_status_idx";

-- CreateIndex
CREATE INDEX "checkout_state_created_at_idx" ON "payments"."checkout"("state", "created_at");
