-- AlterTable
ALTER TABLE "identity"."user" ADD COLUMN     "disabled_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "user_created_at_id_idx" ON "identity"."user"("created_at" DESC, "id" DESC);
