-- CreateIndex
CREATE INDEX "order_email_created_at_id_idx" ON "orders"."order"("email", "created_at" DESC, "id" DESC);
